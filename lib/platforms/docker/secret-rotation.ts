import { TerraformResource, listMapper, listMapperHcl, stringToHclTerraform, stringToTerraform } from "cdktf";
import { Construct } from "constructs";
import { ContainerEnv } from "../../environments/variables";

/**
 * What stands for a service's secret values in its replicas' generation: a
 * `terraform_data` whose id Terraform draws anew whenever a secret's value
 * changes, so a rotation still starts each new replica under a name of its
 * own. Hashing the secrets themselves into the name would make the name
 * sensitive in every plan and show, in `docker ps`, a digest anyone could test
 * guessed passwords against. Returns the id's token, or undefined for a service
 * without secrets.
 */
export function secretRotation(scope: Construct, service: string, env: readonly ContainerEnv[]): string | undefined {
  const secrets = env.filter((e) => e.secret).map((e) => e.value);
  if (secrets.length === 0) return undefined;
  return new SecretRotation(scope, `${service}-secret-rotation`, secrets).getStringAttribute("id");
}

/** A `terraform_data` replaced with its triggers; not cdktf's own class, which runs `terraform version` at every synth. */
class SecretRotation extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly triggers: readonly string[]) {
    super(scope, id, { terraformResourceType: "terraform_data", lifecycle: { createBeforeDestroy: true } });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: listMapper(stringToTerraform, false)(this.triggers) };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      triggers_replace: { value: listMapperHcl(stringToHclTerraform, false)(this.triggers) as unknown, isBlock: false, type: "list", storageClassType: "stringList" },
    };
  }
}
