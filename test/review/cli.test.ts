import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformResource } from "cdktf";
import { USAGE, runPlanReview } from "../../lib/review/cli";
import { synthExample } from "./example-app";
import { editedOutput, exampleOutput, recordingIo } from "./support";

const run = async (args: string[]) => {
  const io = recordingIo(process.cwd());
  const status = await runPlanReview(args, io);
  return { status, out: io.out, err: io.err };
};

const outFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "review-out-")), "review.md");

describe("plan-review usage", () => {
  test("--help prints the usage and succeeds", async () => {
    expect(await run(["--help"])).toEqual({ status: 0, out: `${USAGE}\n`, err: "" });
  });

  test.each([
    [[], "nothing to compare: give --base (and optionally --head), or --plan"],
    [["--base", "a", "--plan", "p.json"], "give either --plan files or --base/--head, not both"],
    [["--base", "a", "--fail-on", "lowest"], '--fail-on must be high, medium, low or none, not "lowest"'],
    [["--base"], "--base needs a value"],
    [["--bsae", "a"], "unknown option --bsae"],
    [["--base", "a", "stray"], "unexpected argument stray"],
    [["--base", "a", "--max-length", "10"], '--max-length must be a whole number of at least 1000, not "10"'],
  ])("%j is refused with exit 2: %s", async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.err).toContain(`plan-review: ${message}\n`);
    expect(result.err).toContain("Usage: plan-review");
  });
});

describe("plan-review gating and output", () => {
  const scaledDown = () => synthExample({ releases: { production: (r) => r.with("web", { version: "1.2.0", replicas: 2 }) } });
  const loosened = () => synthExample({
    stacks: (s) => (s.prerelease.node.findChild("app-web") as TerraformResource).addOverride("liveness_v2.period_seconds", 30),
  });

  test("a high risk fails the job by default; --fail-on none never fails", async () => {
    const head = scaledDown();
    expect((await run(["--base", exampleOutput(), "--head", head])).status).toBe(1);
    expect((await run(["--base", exampleOutput(), "--head", head, "--fail-on", "none"])).status).toBe(0);
  });

  test("a medium risk fails only with --fail-on medium or low", async () => {
    const head = loosened();
    expect((await run(["--base", exampleOutput(), "--head", head])).status).toBe(0);
    expect((await run(["--base", exampleOutput(), "--head", head, "--fail-on", "medium"])).status).toBe(1);
    expect((await run(["--base", exampleOutput(), "--head", head, "--fail-on", "low"])).status).toBe(1);
  });

  test("--out writes the Markdown and prints only the summary line", async () => {
    const out = outFile();
    const result = await run(["--base", exampleOutput(), "--head", scaledDown(), "--out", out]);
    expect(result.out).toBe("plan-review: production 2 changed; 1 high, 0 medium, 0 low risks\n");
    expect(result.err).toBe("");
    expect(fs.readFileSync(out, "utf8")).toContain("| **high** | web | web replicas 3 → 2 (1 instead of 2 kept ready during an update), autoscaling scaling_rule_metric.min_replicas 3 → 2, ");
  });

  test("without --out the Markdown goes to stdout and the summary to stderr", async () => {
    const result = await run(["--base", exampleOutput(), "--head", loosened()]);
    expect(result.out).toMatch(/^## Plan review: /);
    expect(result.err).toBe("plan-review: prerelease 1 changed; 0 high, 1 medium, 0 low risks\n");
  });

  test("--environments orders and selects the report; promotion order otherwise", async () => {
    const head = scaledDown();
    const ordered = (await run(["--base", exampleOutput(), "--head", head, "--environments", "production,test"])).out;
    expect(ordered).toContain("| Service | production | test |");
    const byDefault = (await run(["--base", exampleOutput(), "--head", head])).out;
    expect(byDefault).toContain("| Service | test | prerelease | production |");
    const missing = await run(["--base", exampleOutput(), "--head", head, "--environments", "test,staging", "--out", outFile()]);
    expect(missing.status).toBe(2);
    expect(missing.err).toContain("plan-review: plan-review could not run\n  --environments names staging, not found in: bootstrap, prerelease, production, test\n");
  });

  test("--plan reads plan files, naming stacks explicitly or by file name", async () => {
    const fixtures = path.join(__dirname, "fixtures");
    const result = await run(["--plan", `production=${path.join(fixtures, "plan-production.json")}`, "--plan", path.join(fixtures, "plan-test.json"), "--fail-on", "none"]);
    expect(result.status).toBe(0);
    // plan-test records no stage and is not named test: a prerelease-like stage, medium.
    expect(result.err).toBe("plan-review: plan-test 1 changed, 2 replaced, 2 removed; production 1 added, 5 changed, 1 replaced, 1 removed; 6 high, 3 medium, 0 low risks\n");
  });
});

describe("failing closed on directories", () => {
  test("a directory that is no cdktf output: the report says so, exit 2", async () => {
    const notOutput = fs.mkdtempSync(path.join(os.tmpdir(), "not-cdktf-out-"));
    const out = outFile();
    const result = await run(["--base", notOutput, "--head", exampleOutput(), "--out", out]);
    expect(result.status).toBe(2);
    const report = fs.readFileSync(out, "utf8");
    expect(report).toContain(`**✗ Review incomplete: base: ${notOutput} cannot be read**`);
    expect(report).toContain(`${notOutput} is not a cdktf output directory: it has no manifest.json (run cdktf synth, or give a git ref).`);
  });

  test("a stack listed in manifest.json without output is a failure, never 'everything removed'", async () => {
    const head = editedOutput(exampleOutput(), () => undefined);
    fs.rmSync(path.join(head, "stacks", "production"), { recursive: true });
    const out = outFile();
    const result = await run(["--base", exampleOutput(), "--head", head, "--out", out]);
    expect(result.status).toBe(2);
    const report = fs.readFileSync(out, "utf8");
    expect(report).toContain(`**✗ Review incomplete: head: ${head} lists stack production in manifest.json, but its output is missing**`);
    expect(report).not.toMatch(/\| production \|/);
    expect(report).not.toContain("removed");
    expect(result.out).toMatch(
      /^plan-review: FAILED, exit 2 \(head: .* lists stack production in manifest\.json, but its output is missing\); of what could be compared: no changes; 0 high/);
  });
});
