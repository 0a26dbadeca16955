import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * The repository root: the nearest directory above this file's that holds package.json. Not a
 * fixed `..`: bundled by scripts/run-ts.js, `__dirname` is the entry point's directory (for
 * scripts/local/up.ts, scripts/local), not this file's.
 */
export const ROOT = repositoryRoot(__dirname);

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * The environment Terraform and cdktf need here: the caller's plus the exports of `.toolchain.env`
 * (what scripts/setup.sh saved) or, without that file, of `scripts/toolchain.sh` (which builds the
 * toolchain the first time). Shell export lines are evaluated by bash and the result read back.
 */
export function toolchainEnv(root = ROOT, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const saved = path.join(root, ".toolchain.env");
  const script = fs.existsSync(saved) ? 'set -a; . ./.toolchain.env; set +a; env -0' : 'set -e; eval "$(scripts/toolchain.sh)"; env -0';
  const result = spawnSync("bash", ["-c", script], { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`could not load the Terraform toolchain (${fs.existsSync(saved) ? ".toolchain.env" : "scripts/toolchain.sh"}):\n${result.stderr}`);
  }
  const loaded: NodeJS.ProcessEnv = {};
  for (const entry of result.stdout.split("\0")) {
    const i = entry.indexOf("=");
    if (i > 0) loaded[entry.slice(0, i)] = entry.slice(i + 1);
  }
  if (!loaded.TF_CLI_CONFIG_FILE) throw new Error("the toolchain exports no TF_CLI_CONFIG_FILE: run scripts/setup.sh");
  return loaded;
}
