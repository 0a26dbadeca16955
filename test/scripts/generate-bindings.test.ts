/**
 * `npm run gen` on a healthy run prints its progress and nothing alarming,
 * even where the machine's TF_CLI_CONFIG_FILE names a file that does not
 * exist (Terraform warns about that on every command, and cdktf's generator,
 * which runs `terraform version`, would log the warning as an error). The
 * script runs from a copy of itself, so it generates into a directory of its
 * own instead of the bindings the other suites compile against.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALICLOUD_SCHEMA_FILE } from "../../scripts/generate-bindings";

const REPO = path.resolve(__dirname, "../..");

/** The schema file the repository's bindings come from (the copy's own default would be beside the copy). */
const schemaFile = () => process.env.ALICLOUD_PROVIDER_SCHEMA || ALICLOUD_SCHEMA_FILE;

test("a forced generation with a missing TF_CLI_CONFIG_FILE prints no warning or error, only its progress", () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "csp-gen-"));
  try {
    fs.mkdirSync(path.join(project, "scripts"));
    fs.copyFileSync(path.join(REPO, "scripts", "generate-bindings.ts"), path.join(project, "scripts", "generate-bindings.ts"));
    fs.copyFileSync(path.join(REPO, "tsconfig.json"), path.join(project, "tsconfig.json"));
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(project, "node_modules"));
    const missing = path.join(project, "no-such-terraformrc");
    const result = spawnSync(path.join(REPO, "node_modules", ".bin", "ts-node"), ["--transpile-only", "scripts/generate-bindings.ts", "--force"], {
      cwd: project, encoding: "utf8", timeout: 120_000,
      env: { ...process.env, TF_CLI_CONFIG_FILE: missing, ALICLOUD_PROVIDER_SCHEMA: schemaFile(), FORCE_COLOR: "0" },
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
