import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Node's own module loading, as a team's App runs: the error can say where each copy is installed. */
describe("an App of cdktn with the library's build for cdktf, run by node", () => {
  test("stops at synth, naming both frameworks and where they are installed, and writes no stack", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-mixed-"));
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run-ts.js"), path.join(__dirname, "mixed-app.ts")], {
      cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`the library's environments and stacks use cdktf 0.21.0 (${path.join(ROOT, "node_modules", "cdktf")})`);
    expect(run.stderr).toContain(`the App uses cdktn 0.24.0 (${path.join(ROOT, "node_modules", "cdktn")})`);
    expect(run.stderr).toContain(`On cdktn, import this library from "cdktf-service-platform/cdktn"`);
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual([]);
  });
});
