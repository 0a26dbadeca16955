/** The compose-import command: arguments, outputs, exit status, and the .tfvars file read back by Terraform itself. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hclString, renderTfvars } from "../../lib/compose/tfvars";
import { EXAMPLES, composeImport, environmentValues, example } from "./support";

const TERRAFORM = process.env.TERRAFORM_BINARY_NAME || "terraform";
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "compose-cli-"));

describe("compose-import", () => {
  test("--help prints the usage; no file, two files or an unknown option is bad usage (2)", () => {
    expect(composeImport(["--help"])).toMatchObject({ status: 0, stdout: expect.stringContaining("Usage: compose-import FILE") });
    expect(composeImport([])).toMatchObject({ status: 2, stderr: expect.stringContaining("name exactly one compose file") });
    expect(composeImport(["a.yml", "b.yml"]).status).toBe(2);
    expect(composeImport(["a.yml", "--frobnicate"])).toMatchObject({ status: 2, stderr: expect.stringContaining("--frobnicate") });
    expect(composeImport([path.join(tmp(), "missing.yml")])).toMatchObject({ status: 2, stderr: expect.stringContaining("ENOENT") });
  });

  test("without --out the module goes to stdout and the findings to stderr", () => {
    const run = composeImport([path.join(EXAMPLES, "shop-web.yml")]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(fs.readFileSync(path.join(EXAMPLES, "shop-web.ts"), "utf8"));
    expect(run.stderr).toMatch(/^shop-web\.yml: imported 2 service\(s\) with 7 finding\(s\)\.\nshop-web\.yml:12 \[unmapped\] web: volumes: /);
    expect(run.stderr).toContain("Secrets to supply at deploy time: TF_VAR_web_session_secret, TF_VAR_orders_api_db_url");
  });

  test("a file that cannot be imported exits 1 with every problem and its line, and writes nothing", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "bad.yml"), "app:\n  image: team/app:1.0.0\n  labels:\n    aliyun.scale: many\n");
    const run = composeImport(["bad.yml", "--out", "services.ts", "--tfvars", "values.tfvars"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("compose-import: bad.yml: 1 problem(s); nothing was imported.\n" +
      '  bad.yml:4: app: labels.aliyun.scale: aliyun.scale = "many"; allowed: a whole number of containers from 1 to 50\n');
    expect(fs.readdirSync(dir)).toEqual(["bad.yml"]);
  });

  test("--tfvars writes the non-secret values only, owner-readable, and says to keep it out of git", () => {
    const dir = tmp();
    const run = composeImport([path.join(EXAMPLES, "report-worker.yml"), "--out", "services.ts", "--tfvars", "prerelease.tfvars"], dir);
    expect(run.stdout).toContain("Wrote the non-secret values to prerelease.tfvars: keep it out of git.");
    const tfvars = fs.readFileSync(path.join(dir, "prerelease.tfvars"), "utf8");
    expect(fs.statSync(path.join(dir, "prerelease.tfvars")).mode & 0o777).toBe(0o600);
    expect(tfvars).toBe([
      "# Values of one environment, imported from a compose file. Keep this file out of git.",
      "# Secrets are not here: supply them at deploy time as TF_VAR_<name>.",
      'report_scheduler_schedule_timezone = "Asia/Shanghai"',
      'report_worker_queue_url = "amqp://mq.aixue.internal:5672/reports"',
      'report_worker_oss_bucket = "aixue-reports"',
      "",
    ].join("\n"));
    const secrets = environmentValues(example("report-worker")).filter((v) => /LTAI|Secret|rpt-/.test(v));
    expect(secrets).toHaveLength(3);
    for (const secret of secrets) expect(tfvars + run.stdout).not.toContain(secret);
  });
});

describe("the .tfvars file as Terraform reads it", () => {
  const tricky = [
    'a "quoted" value', "back\\slash", "${var.other}", "%{ if true }x%{ endif }", "$${already}", "line\nbreak\ttab\r",
    "unicode ✓ 中文", "\u0001control\u007f", "ends with $", "trailing %",
  ];

  test("every value comes back exactly, never evaluated as a template", () => {
    const dir = tmp();
    const variables = tricky.map((value, i) => ({ name: `v${i}`, secret: false, value }));
    fs.writeFileSync(path.join(dir, "values.tfvars"), renderTfvars(variables));
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({
      variable: { other: { type: "string", default: "EVALUATED" }, ...Object.fromEntries(variables.map((v) => [v.name, { type: "string" }])) },
      output: Object.fromEntries(variables.map((v) => [v.name, { value: `\${var.${v.name}}` }])),
    }));
    // No providers are needed, so no CLI configuration either: a TF_CLI_CONFIG_FILE naming a
    // missing file (as some shells export) would only add a warning to stderr.
    const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    delete env.TF_CLI_CONFIG_FILE;
    for (const args of [["init", "-input=false"], ["apply", "-auto-approve", "-input=false", "-var-file=values.tfvars"]]) {
      const result = spawnSync(TERRAFORM, args, { cwd: dir, env, encoding: "utf8" });
      if (result.error) throw new Error(`${TERRAFORM} could not run (${result.error.message}): run scripts/setup.sh first`);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: "" });
    }
    const outputs = JSON.parse(spawnSync(TERRAFORM, ["output", "-json"], { cwd: dir, env, encoding: "utf8" }).stdout);
    expect(variables.map((v) => outputs[v.name].value)).toEqual(tricky);
  }, 120_000);

  test("secrets and variables without a value are left out", () => {
    expect(renderTfvars([{ name: "a", secret: true }, { name: "b", secret: false }, { name: "c", secret: false, value: "x" }]))
      .toContain("# Secrets are not here");
    expect(renderTfvars([{ name: "a", secret: true }, { name: "b", secret: false }]).split("\n").filter((l) => l.includes(" = "))).toEqual([]);
    expect(hclString("${x}")).toBe('"$${x}"');
  });
});
