import * as fs from "fs";
import * as path from "path";

/** `kreuzwerker/docker` for `registry.terraform.io/kreuzwerker/docker`, `KreuzWerker/Docker` and the like. */
export function normalizeSource(source: string): string {
  return source.toLowerCase().replace(/^registry\.(terraform\.io|opentofu\.org)\//, "");
}

/** A provider's requirement: its source and version, or (old style) a version alone. */
type RequiredProviders = Record<string, string | { readonly source?: string } | null>;

/** A `terraform` block; Terraform's JSON syntax allows a list of them, and of `required_providers`. */
interface TerraformBlock {
  readonly required_providers?: RequiredProviders | RequiredProviders[];
}

/** The provider sources (normalized) that the `*.tf.json` files in `dir` require, sorted. */
export function requiredProviders(dir: string): string[] {
  const sources = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".tf.json"))) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { readonly terraform?: TerraformBlock | TerraformBlock[] };
    for (const block of ([] as TerraformBlock[]).concat(doc.terraform ?? [])) {
      for (const required of ([] as RequiredProviders[]).concat(block.required_providers ?? [])) {
        for (const [name, requirement] of Object.entries(required)) {
          const source = typeof requirement === "object" && requirement?.source ? requirement.source : `hashicorp/${name}`;
          sources.add(normalizeSource(source));
        }
      }
    }
  }
  return [...sources].sort();
}

/** The providers the stack in `dir` requires that the filesystem mirror `mirror` does not hold. */
export function missingProviders(dir: string, mirror: string): string[] {
  return requiredProviders(dir).filter((source) => !fs.existsSync(path.join(mirror, "registry.terraform.io", source)));
}
