import { TerraformStack, Testing } from "cdktf";

/** Meta-arguments Terraform accepts on every resource. */
const META_ARGUMENTS = ["//", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioner", "connection"];

interface Binding {
  /** The class's own arguments: `synthesizeAttributes()` lists every one, set or not. */
  synthesizeAttributes(): Record<string, unknown>;
}

/**
 * Every way `config` (one `docker_*` resource or the provider block, as synthesized) uses an argument
 * or nested block that `@cdktf/provider-docker` 12 does not know. Those bindings were generated from
 * kreuzwerker/docker 3.6.2's schema, so this is the 3.6.2 schema as far as names go: each class
 * lists its arguments, and each nested block's `<type><Block>ToTerraform` function its own.
 */
export function bindingProblems(type: string, config: Record<string, unknown>): string[] {
  const name = type === "docker" ? "provider" : type.replace(/^docker_/, "");
  const prefix = camel(name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a binding module found by its resource name at run time
  const module: Record<string, any> = require(`@cdktf/provider-docker/lib/${name.replace(/_/g, "-")}`);
  const className = type === "docker" ? "DockerProvider" : pascal(name);
  const stack = new TerraformStack(Testing.app(), "bindings");
  const instance: Binding = new module[className](stack, "probe", { name: "x", image: "x" });
  const known = Object.keys(instance.synthesizeAttributes());
  return blockProblems(type, module, prefix, known, config, true);
}

function blockProblems(
  where: string, module: Record<string, any>, prefix: string, known: string[], config: Record<string, unknown>, topLevel: boolean,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (topLevel && META_ARGUMENTS.includes(key)) continue;
    if (!known.includes(key)) {
      problems.push(`${where}.${key}: not in the 3.6.2 bindings`);
      continue;
    }
    const nested = module[`${prefix}${pascal(key)}ToTerraform`];
    if (typeof nested !== "function") continue;
    const nestedKnown = Object.keys(nested({}));
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (typeof item === "object" && item !== null) {
        problems.push(...blockProblems(`${where}.${key}[${i}]`, module, `${prefix}${pascal(key)}`, nestedKnown, item, false));
      }
    });
  }
  return problems;
}

function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function pascal(snake: string): string {
  const c = camel(snake);
  return c.charAt(0).toUpperCase() + c.slice(1);
}
