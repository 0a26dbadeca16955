/**
 * The error-printing rule at every entry point a team uses, each a real
 * process: a finding stops the run with a non-zero exit and is printed once,
 * without a stack trace or a source line, and without a secret's value;
 * warnings print as warnings. The App is a team's `main.js` in a project of
 * its own, loading the library as the package's bins do in a checkout.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "../..");
/** A value under a secret's name: the no-plain-secrets policy reports the variable, never this. */
const SECRET = "hunter2-Very-Secret-9";
const ERROR = "test/api: replicas = 0; a whole number from 1 to 50 [model]";
const WARNING = "test/api: env.DB_PASSWORD = (literal with a secret's name; value redacted)";

const MAIN_JS = `
require(${JSON.stringify(path.join(REPO, "scripts", "run-from-source.js"))}).register();
const { App } = require("cdktf");
const { DockerEnvironment, EnvValue, Image, Port, Probe, Service, ServiceCatalog } = require(${JSON.stringify(path.join(REPO, "lib"))});

const app = new App();
const catalog = new ServiceCatalog();
new Service(catalog, "api", {
  image: Image.fromRegistry("shop/api"),
  replicas: Number(process.env.REPLICAS),
  ports: [Port.http(8080)],
  probe: Probe.tcp(8080),
  env: { DB_PASSWORD: EnvValue.literal(${JSON.stringify(SECRET)}) },
});
new DockerEnvironment(app, "test", { catalog, release: catalog.release({ api: "1.0.0" }) });
if (process.env.LATER) Promise.resolve().then(() => app.synth());
else app.synth();
`;

/** docs/policies.md's example: a production environment that releases `latest`. */
const PRODUCTION_JS = `
require(${JSON.stringify(path.join(REPO, "scripts", "run-from-source.js"))}).register();
const { App } = require("cdktf");
const { DockerEnvironment, Image, Port, Probe, Service, ServiceCatalog, Stages } = require(${JSON.stringify(path.join(REPO, "lib"))});

const app = new App();
const catalog = new ServiceCatalog();
new Service(catalog, "web", { image: Image.fromRegistry("shop/web"), ports: [Port.http(8080)], probe: Probe.http(8080, { path: "/healthz" }) });
new DockerEnvironment(app, "production", { catalog, release: catalog.release({ web: "latest" }), settings: Stages.production });
app.synth();
`;

const project = fs.mkdtempSync(path.join(os.tmpdir(), "csp-entry-"));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));
fs.writeFileSync(path.join(project, "main.js"), MAIN_JS);
fs.writeFileSync(path.join(project, "production.js"), PRODUCTION_JS);
fs.writeFileSync(path.join(project, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", projectId: "entry-points" }));
fs.symlinkSync(path.join(REPO, "node_modules"), path.join(project, "node_modules"));

/** Runs `command` in the project with `env` on top of this process's own; what it printed, colours and cursor moves removed. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  delete base.CDKTF_SERVICE_PLATFORM_TRACE;
  // The cdktf CLI runs terraform, which would warn about a CLI configuration file the machine names but lacks.
  if (base.TF_CLI_CONFIG_FILE && !fs.existsSync(base.TF_CLI_CONFIG_FILE)) base.TF_CLI_CONFIG_FILE = os.devNull;
  const result = spawnSync(command, args, {
    cwd: project, encoding: "utf8", timeout: 180_000, env: { ...base, CHECKPOINT_DISABLE: "1", ...env },
  });
  // eslint-disable-next-line no-control-regex -- terminal escape sequences start with ESC
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
  return { status: result.status, stdout: plain(result.stdout), stderr: plain(result.stderr) };
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** What every report of the refused App keeps to: the error once, no trace, no secret. */
function expectReportedOnce(output: string): void {
  expect(count(output, "replicas = 0")).toBe(1);
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/^Node\.js v\d/m);
  expect(output).not.toContain(SECRET);
}

describe("node main.js", () => {
  test("a refused App prints its report once on stderr, without a trace, exits 1 and writes no stack", () => {
    const result = run("node", ["main.js"], { REPLICAS: "0" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "ValidationError: 1 error(s) in test stop synthesis; nothing was written for any stack of this App.",
      "test: 1 error(s), 1 warning(s)",
      `  ERROR ${ERROR}`,
    ]);
    expect(lines[3]).toMatch(new RegExp(`^  WARNING ${WARNING.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(lines.slice(4)).toEqual([""]);
    expectReportedOnce(result.stderr);
    expect(fs.existsSync(path.join(project, "cdktf.out", "stacks", "test"))).toBe(false);
  });

  test("the same from a synth in a promise: the unhandled rejection prints the report alone", () => {
    const result = run("node", ["main.js"], { REPLICAS: "0", LATER: "1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ValidationError: 1 error\(s\) in test stop synthesis;/);
    expectReportedOnce(result.stderr);
  });

  test("CDKTF_SERVICE_PLATFORM_TRACE=1 keeps Node's own report, stack trace and all", () => {
    const result = run("node", ["main.js"], { REPLICAS: "0", CDKTF_SERVICE_PLATFORM_TRACE: "1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`ERROR ${ERROR}`);
    expect(result.stderr).toMatch(/^\s+at .*app-gate/m);
    expect(result.stderr).not.toContain(SECRET);
  });

  test("an App with a warning synthesizes and prints the warning once, as a warning", () => {
    const result = run("node", ["main.js"], { REPLICAS: "2" });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([expect.stringMatching(/^WARNING test\/api: env\.DB_PASSWORD = \(literal/), ""]);
    expect(result.stderr).not.toContain(SECRET);
  });
});

describe("npx cdktf synth", () => {
  test("a refused App: each finding once at its level, no trace, no App stderr logged as errors, a non-zero exit", () => {
    const result = run("npx", ["cdktf", "synth"], { REPLICAS: "0" });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain(`ERROR [test]: ${ERROR}\n`);
    expect(count(output, `WARN [test]: ${WARNING}`)).toBe(1);
    expect(output).toContain("INFO [test]: 1 error(s) in test stop synthesis; nothing was written for any stack of this App.\n");
    expect(output).not.toContain("[ERROR] default");
    expect(output).not.toContain("Command output on stderr");
    expectReportedOnce(output);
    expect(fs.readdirSync(path.join(project, "cdktf.out", "stacks"))).toEqual([]);
  }, 180_000);

  test("an App with a warning: synthesized, the warning printed once as WARN, nothing at error level", () => {
    const result = run("npx", ["cdktf", "synth"], { REPLICAS: "2" });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).toBe(0);
    expect(count(output, `WARN [test]: ${WARNING}`)).toBe(1);
    expect(output).not.toMatch(/ERROR/);
    expect(output).toContain("Generated Terraform code for the stacks: test");
    expect(output).not.toContain(SECRET);
  }, 180_000);
});

describe("the bins", () => {
  test("plan-review of a working tree that does not synthesize: the error once on the terminal, no trace, exit 2", () => {
    const base = path.join(project, "base");
    expect(run("node", ["main.js"], { REPLICAS: "2", CDKTF_OUTDIR: base }).status).toBe(0);
    const report = path.join(project, "review.md");
    const result = run("node", [path.join(REPO, "bin", "plan-review.js"), "--base", base, "--out", report], { REPLICAS: "0" });
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^plan-review: FAILED, exit 2 \(head: working tree does not synthesize \(node main\.js\)\); nothing compared/);
    expect(result.stderr).toContain(`\n    ERROR ${ERROR}\n`);
    expectReportedOnce(`${result.stdout}${result.stderr}`);
    expect(fs.readFileSync(report, "utf8")).toContain(`  ERROR ${ERROR}`);
  }, 180_000);

  test("compose-import of a file it cannot import: every problem once, no trace, exit 1", () => {
    fs.writeFileSync(path.join(project, "compose.yml"), `services:\n  web:\n    image: shop/web:1.0\n    environment:\n      - DB_PASSWORD=${SECRET}\n    ports: "8080"\n`);
    const result = run("node", [path.join(REPO, "bin", "compose-import.js"), "compose.yml"]);
    expect(result).toEqual({
      status: 1,
      stdout: "",
      stderr: "compose-import: compose.yml: 1 problem(s); nothing was imported.\n  compose.yml:6: web: ports must be a list\n",
    });
  });
});

describe("docs/policies.md, on how findings are printed", () => {
  const blocks = [...fs.readFileSync(path.join(REPO, "docs", "policies.md"), "utf8").matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

  test("prints what node main.js prints for its example", () => {
    const result = run("node", ["production.js"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(blocks[0]);
  });

  test("prints what npx cdktf synth prints for its example", () => {
    const result = run("npx", ["cdktf", "synth", "--app", "node production.js"]);
    expect(result.status).not.toBe(0);
    const printed = `${result.stdout}${result.stderr}`.split("\n").filter((line) => /^(ERROR|WARN|INFO) \[|^Error: /.test(line));
    expect(printed.join("\n") + "\n").toBe(blocks[1]);
  }, 180_000);
});
