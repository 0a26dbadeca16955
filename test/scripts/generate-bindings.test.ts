/**
 * `npm run gen` on a healthy run prints its progress and nothing alarming,
 * even where the machine's TF_CLI_CONFIG_FILE names a file that does not
 * exist (Terraform warns about that on every command, and the cdktf generator,
 * which runs `terraform version`, would log the warning as an error). The
 * script runs from a copy with what it reads, so it generates into a
 * directory of its own instead of the bindings the other suites compile against.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALICLOUD_SCHEMA_FILE, DOCKER_SCHEMA_FILE } from "../../scripts/generate-bindings";

const REPO = path.resolve(__dirname, "../..");

test("a forced generation with a missing TF_CLI_CONFIG_FILE prints no warning or error, only its progress", () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "csp-gen-"));
  try {
    for (const file of ["tsconfig.json", "scripts/generate-bindings.ts", "scripts/frameworks.js"]) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO, file), path.join(project, file));
    }
    fs.mkdirSync(path.join(project, "schemas"));
    for (const schema of [ALICLOUD_SCHEMA_FILE, DOCKER_SCHEMA_FILE]) fs.symlinkSync(schema, path.join(project, "schemas", path.basename(schema)));
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(project, "node_modules"));
    const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: path.join(project, "no-such-terraformrc"), FORCE_COLOR: "0" };
    delete env.ALICLOUD_PROVIDER_SCHEMA;
    const result = spawnSync(path.join(REPO, "node_modules", ".bin", "ts-node"), ["--transpile-only", "scripts/generate-bindings.ts", "--force"], {
      cwd: project, encoding: "utf8", timeout: 120_000, env,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringMatching(/\[gen\] generated \d+ resources/) });
    expect(output.split("\n").filter((line) => line !== "" && !line.startsWith("[gen] "))).toEqual([]);
    expect(output).not.toMatch(/\berror\b|\bwarning\b|does not exist/i);
    expect(fs.existsSync(path.join(project, ".gen", "providers", "alicloud", "index.ts"))).toBe(true);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}, 150_000);
