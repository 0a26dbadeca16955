import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { TerraformStack } from "cdktf";

/**
 * The kreuzwerker/docker versions a Docker environment admits. `@cdktf/provider-docker` 12 would pin
 * exactly 3.6.2 (what its bindings were generated from); the range keeps 3.6.2, whose schema the
 * bindings check every attribute against at compile time, and admits the 4.x line that CI builds and
 * deploys with (4.6.0), so a networked `terraform init` picks the newest 4.x release. 5.0 is left out
 * until a test has deployed with it.
 */
export const DOCKER_PROVIDER_VERSIONS = ">= 3.6.2, < 5.0.0";

/** The docker provider of `stack`, talking to `host`, declared with DOCKER_PROVIDER_VERSIONS. */
export function dockerProvider(stack: TerraformStack, host: string): DockerProvider {
  const provider = new DockerProvider(stack, "docker", { host });
  stack.addOverride(`terraform.required_providers.${provider.terraformResourceType}.version`, DOCKER_PROVIDER_VERSIONS);
  return provider;
}
