import { execSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Synthesized, readOutput } from "./synth";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the project's real App as `cdktf synth` does (the `app` command of cdktf.json), into a fresh output directory. */
export function synthExampleApp(env: Record<string, string> = {}): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-app-"));
  const { app } = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  execSync(app, { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, stdio: "pipe" });
  return readOutput(outdir);
}
