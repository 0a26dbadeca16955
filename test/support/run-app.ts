import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Synthesized, readOutput } from "./synth";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the project's real App (stacks/main.ts) as cdktf would, into a fresh output directory. */
export function synthExampleApp(env: Record<string, string> = {}): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-app-"));
  execFileSync(path.join(ROOT, "node_modules/.bin/ts-node"), ["--transpile-only", "stacks/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    stdio: "pipe",
  });
  return readOutput(outdir);
}
