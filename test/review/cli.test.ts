import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { USAGE, runPlanReview } from "../../lib/review";
import { editedOutput, exampleOutput, recordingIo, resourceOf } from "./support";

const run = (args: string[]) => {
  const io = recordingIo(process.cwd());
  const status = runPlanReview(args, io);
  return { status, out: io.out, err: io.err };
};

describe("plan-review usage", () => {
  test("--help prints the usage and succeeds", () => {
    expect(run(["--help"])).toEqual({ status: 0, out: `${USAGE}\n`, err: "" });
  });

  test.each([
    [[], "nothing to compare: give --base (and optionally --head), or --plan"],
    [["--base", "a", "--plan", "p.json"], "give either --plan files or --base/--head, not both"],
    [["--base", "a", "--fail-on", "low"], '--fail-on must be high, medium or none, not "low"'],
    [["--base"], "--base needs a value"],
    [["--bsae", "a"], "unknown option --bsae"],
    [["--base", "a", "--max-length", "10"], '--max-length must be a whole number of at least 1000, not "10"'],
  ])("%j is refused with exit 2: %s", (args, message) => {
    const result = run(args as string[]);
    expect(result.status).toBe(2);
    expect(result.err).toContain(`plan-review: ${message}\n`);
    expect(result.err).toContain("Usage: plan-review");
  });

  test("inputs that cannot be read fail with exit 2 and say why", () => {
    const notOutput = fs.mkdtempSync(path.join(os.tmpdir(), "not-cdktf-out-"));
    expect(run(["--base", notOutput, "--head", exampleOutput()])).toEqual({
      status: 2, out: "",
      err: `plan-review: ${notOutput} is not a cdktf output directory: it has no manifest.json (run cdktf synth, or give a git ref).\n`,
    });
    const noRepo = run(["--base", "no-such-ref-anywhere", "--project", notOutput]);
    expect(noRepo.status).toBe(2);
    expect(noRepo.err).toMatch(/^plan-review: git rev-parse --show-toplevel failed in .*not-cdktf-out-/);
  });
});

describe("plan-review gating and output", () => {
  const scaledDown = editedOutput(exampleOutput(), (s) => {
    resourceOf(s.production, "alicloud_sae_application", "app-web").replicas = 1;
  });
  const loosened = editedOutput(exampleOutput(), (s) => {
    resourceOf(s.prerelease, "alicloud_sae_application", "app-web").liveness_v2.period_seconds = 30;
  });

  test("a high risk fails the job by default; --fail-on none never fails", () => {
    expect(run(["--base", exampleOutput(), "--head", scaledDown]).status).toBe(1);
    expect(run(["--base", exampleOutput(), "--head", scaledDown, "--fail-on", "none"]).status).toBe(0);
  });

  test("a medium risk fails only with --fail-on medium", () => {
    expect(run(["--base", exampleOutput(), "--head", loosened]).status).toBe(0);
    expect(run(["--base", exampleOutput(), "--head", loosened, "--fail-on", "medium"]).status).toBe(1);
  });

  test("--out writes the Markdown and prints only the summary line", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "review-out-")), "review.md");
    const result = run(["--base", exampleOutput(), "--head", scaledDown, "--out", out]);
    expect(result.out).toBe("plan-review: production 1 changed; 1 high, 0 medium risks\n");
    expect(result.err).toBe("");
    expect(fs.readFileSync(out, "utf8")).toContain("| **high** | production | `alicloud_sae_application.app-web` | replicas 3 → 1 in production |");
  });

  test("without --out the Markdown goes to stdout and the summary to stderr", () => {
    const result = run(["--base", exampleOutput(), "--head", loosened]);
    expect(result.out).toMatch(/^## Plan review: /);
    expect(result.err).toBe("plan-review: prerelease 1 changed; 0 high, 1 medium risks\n");
  });

  test("--environments orders the report; production stacks come last otherwise", () => {
    const ordered = run(["--base", exampleOutput(), "--head", scaledDown, "--environments", "test,prerelease,production"]).out;
    expect(ordered).toContain("| Service | test | prerelease | production |");
    const byDefault = run(["--base", exampleOutput(), "--head", scaledDown]).out;
    expect(byDefault).toContain("| Service | prerelease | test | production |");
    const missing = run(["--base", exampleOutput(), "--head", scaledDown, "--environments", "test,staging"]);
    expect(missing.status).toBe(2);
    expect(missing.err).toBe("plan-review: --environments names staging, not found in: bootstrap, prerelease, production, test\n");
  });

  test("--plan reads plan files, naming stacks explicitly or by file name", () => {
    const fixtures = path.join(__dirname, "fixtures");
    const result = run(["--plan", `production=${path.join(fixtures, "plan-production.json")}`, "--plan", path.join(fixtures, "plan-test.json"), "--fail-on", "none"]);
    expect(result.status).toBe(0);
    expect(result.err).toBe("plan-review: plan-test 1 changed, 2 replaced, 2 removed; production 1 added, 5 changed, 1 replaced, 1 removed; 6 high, 2 medium risks\n");
  });
});
