import * as fs from "fs";
import * as path from "path";

/** The text of every stack written under `outdir`. */
export function readStacks(outdir: string): Record<string, string> {
  const dir = path.join(outdir, "stacks");
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) =>
    [name, fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8")]));
}
