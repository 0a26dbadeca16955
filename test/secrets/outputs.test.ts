/**
 * Outputs are printed by every `terraform apply` and kept in plain text in
 * state: one that could carry a secret must be sensitive, or synthesis stops.
 */
import * as fs from "fs";
import * as path from "path";
import { TerraformOutput, TerraformResource, TerraformVariable } from "cdktf";
import { DockerEnvironment, Image, Release, Secret, Service, ServiceCatalog, ValidationError } from "../../lib";
import { synthApp, synthError, tempApp } from "../support/synth";

function stackWithSecret() {
  const catalog = new ServiceCatalog();
  new Service(catalog, "app", { image: Image.fromRegistry("shop/app"), secrets: { DB_PASSWORD: Secret.fromVariable("db_password") } });
  const app = tempApp();
  const stack = new DockerEnvironment(app, "test", { catalog, release: Release.of({ app: "1.0.0" }) });
  return { app, stack };
}

/**
 * A reference to `attribute` of the stack's resource `id`, as a token: inside
 * an environment a plain "${…}" string is text, escaped by the sink.
 */
const ref = (stack: DockerEnvironment, id: string, attribute: string) =>
  (stack.node.findChild(id) as TerraformResource).getStringAttribute(attribute);

/** The stack's Terraform variable `name`, as a token. */
const variable = (stack: DockerEnvironment, name: string) =>
  (stack.node.findChild("variables").node.findChild(name) as TerraformVariable).stringValue;

describe("outputs that could carry a secret", () => {
  test.each([
    ["the secret variable itself", (stack: DockerEnvironment) => variable(stack, "db_password"), "var.db_password"],
    ["a container whose env holds it", (stack: DockerEnvironment) => ref(stack, "app-1", "env"), "docker_container.app-1"],
  ])("an output of %s must be sensitive", (_what, value, carrier) => {
    const { app, stack } = stackWithSecret();
    new TerraformOutput(stack, "leak", { value: value(stack) });
    const report = synthError(app);
    expect(report).toBeInstanceOf(ValidationError);
    expect((report as ValidationError).violations).toEqual([{
      path: "test", field: "output.leak.sensitive", value: "(not set)", rule: "rendered", severity: "error",
      allowed: `true: the output reads ${carrier}, which carries the sensitive variable var.db_password`,
    }]);
    expect(fs.existsSync(path.join(app.outdir, "stacks", "test"))).toBe(false);
  });

  test("a sensitive output of the secret is written, marked sensitive", () => {
    const { app, stack } = stackWithSecret();
    new TerraformOutput(stack, "password", { value: variable(stack, "db_password"), sensitive: true });
    expect(synthApp(app).stacks.test.output.password).toEqual({ value: "${var.db_password}", sensitive: true });
  });

  test("an output of something that carries no secret may be plain", () => {
    const { app, stack } = stackWithSecret();
    new TerraformOutput(stack, "network-name", { value: ref(stack, "network", "name") });
    // The load balancer proxies to the app's containers but reads nothing from them.
    new TerraformOutput(stack, "load-balancer-name", { value: ref(stack, "load-balancer", "name") });
    // `routes` is the environment's own plain output: URLs and Host headers.
    expect(Object.keys(synthApp(app).stacks.test.output).sort()).toEqual(["load-balancer-name", "network-name", "routes"]);
  });
});
