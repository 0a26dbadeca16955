import * as fs from "fs";
import * as path from "path";

/** The text of every stack written under `outdir`. */
export function readStacks(outdir: string): Record<string, string> {
  const dir = path.join(outdir, "stacks");
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) =>
    [name, fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8")]));
}

/** Whether two sets of stacks hold the same stacks, byte for byte. */
export function sameStacks(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}
