import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { commit, edit, git, projectRepository } from "../../scripts/project-repository";

const BIN = path.join(__dirname, "..", "..", "bin", "plan-review.js");

/** The App command of the repository's cdktf.json. */
const appOf = (repo: string) => (JSON.parse(fs.readFileSync(path.join(repo, "cdktf.json"), "utf8")) as { app: string }).app;

/** A report file outside the repository, so no commit takes it along. */
const outFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "review-e2e-out-")), "review.md");

/** Runs the command in `repo` with a temporary directory of its own, to see what it leaves there. */
function planReview(repo: string, args: string[]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "review-e2e-tmp-"));
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, TMPDIR: tmp } });
  const leftovers = fs.readdirSync(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, leftovers };
}

describe("plan-review on real changes to the example App in a git repository", () => {
  const repo = projectRepository();
  edit(repo, "stacks/production.ts", 'web: { version: "1.2.0", replicas: 3 }', 'web: { version: "1.2.0", replicas: 2 }');
  edit(repo, "stacks/prerelease.ts", 'web: "1.3.0"', 'web: "1.4.0"');
  commit(repo, "Scale web down in production, promote web 1.4.0 to prerelease");
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test("two git refs: synthesized, type-checked, reported, gated, nothing left behind", () => {
    const out = outFile();
    const result = planReview(repo, ["--base", "HEAD~1", "--head", "HEAD", "--out", out]);

    expect(result.stderr).toBe("");
    // web autoscales: its floor in production is both the application's replicas and its scaling rule's minimum.
    expect(result.stdout).toBe("plan-review: prerelease 1 changed; production 2 changed; 1 high, 0 medium, 0 low risks\n");
    expect(result.status).toBe(1);
    const report = fs.readFileSync(out, "utf8");
    expect(report).toContain("**⚠ production: capacity lowered**");
    expect(report).toContain("| **high** | web | web replicas 3 → 2 (1 instead of 2 kept ready during an update), autoscaling scaling_rule_metric.min_replicas 3 → 2, ");
    expect(report).toMatch(/alicloud_sae_application_scaling_rule\.scaling-web/);
    expect(report).toContain("| web | 1.3.0 ×2 | **1.3.0 → 1.4.0** ×2 | 1.2.0 ×**3 → 2** |");
    expect(report).toMatch(/\| `image_url` \| `[^`]+\/shop\/web:1\.3\.0` \| `[^`]+\/shop\/web:1\.4\.0` \|/);
    expect(git(repo, "worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(result.leftovers).toEqual([]);
  }, 180_000);

  test("a ref against the working tree: uncommitted changes are reviewed too", () => {
    edit(repo, "stacks/test.ts", '"orders-api": "2.1.0"', '"orders-api": "2.2.0"');
    const result = planReview(repo, ["--base", "HEAD", "--fail-on", "none"]);
    git(repo, "checkout", "--", "stacks/test.ts");

    expect(result.status).toBe(0);
    expect(result.stderr).toBe("plan-review: test 3 replaced; 0 high, 0 medium, 0 low risks\n");
    expect(result.stdout).toContain("| orders-api | **2.1.0 → 2.2.0** ×2 | 2.1.0 ×2 | 2.0.3 ×2 |");
    expect(result.stdout).toContain("| replace | `docker_container.orders-api-1` | labels, name, image force replacement; new one created before the old one is destroyed |");
  }, 180_000);

  /** Reviews a commit that changes `from` to `to` in `file` against its parent, then drops the commit. */
  function reviewCommit(file: string, from: string, to: string, args: string[] = []) {
    edit(repo, file, from, to);
    commit(repo, `${file}: ${to}`);
    const out = outFile();
    const result = planReview(repo, ["--base", "HEAD~1", "--head", "HEAD", "--out", out, ...args]);
    git(repo, "reset", "-q", "--hard", "HEAD~1");
    return { ...result, report: fs.readFileSync(out, "utf8") };
  }

  test("a head that does not synthesize: the report is written, headed by the error, exit 2", () => {
    const { status, report, stdout } = reviewCommit("stacks/production.ts", 'version: "2.0.3",', 'version: "latest",');

    expect(status).toBe(2);
    const app = appOf(repo).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const head = `head: HEAD \\(${"[0-9a-f]".repeat(8)}\\) does not synthesize \\(${app}\\)`;
    expect(report).toMatch(new RegExp(`^## Plan review: HEAD~1 \\([0-9a-f]{8}\\) → HEAD \\([0-9a-f]{8}\\)\\n\\n\\*\\*✗ Review incomplete: ${head}\\*\\*\\n`));
    expect(report).toMatch(/```text\nValidationError: 2 error\(s\) in production, bootstrap stop synthesis; nothing was written for any stack of this App\.\n/);
    expect(report).toContain('\n  ERROR production/orders-api: release.version = "latest"; a pinned version in stage "production"');
    expect(report).not.toContain("removed");
    expect(stdout).toMatch(/^plan-review: FAILED, exit 2 \(head: HEAD \([0-9a-f]{8}\) does not synthesize .*\); nothing compared\n$/);
  }, 180_000);

  test("a head with a type error that still synthesizes: caught by the type check, exit 2", () => {
    // A type error that transpile-only synthesis does not see.
    const { status, report } = reviewCommit("stacks/test.ts", "/** Versions running", 'export const replicasHint: number = "2";\n\n/** Versions running');

    expect(status).toBe(2);
    expect(report).toMatch(/\*\*✗ Review incomplete: head: HEAD \([0-9a-f]{8}\) does not type-check\*\*/);
    expect(report).toMatch(/stacks\/test\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\./);
    // What did synthesize is still compared below the failure.
    expect(report).toContain("| Environment | Add | Change | Replace | Remove | Risks |");
  }, 180_000);

  test("a ref that does not exist: the report says how to fetch it, exit 2", () => {
    const out = outFile();
    const result = planReview(repo, ["--base", "origin/no-such-branch", "--out", out]);
    expect(result.status).toBe(2);
    expect(fs.readFileSync(out, "utf8")).toContain('"origin/no-such-branch" is neither a directory nor a git ref known in');
  }, 180_000);

  test("an App command that is a plain ts-node entry runs in the review's own synthesis process", () => {
    const app = appOf(repo);
    const { status, stdout } = reviewCommit("cdktf.json", `"app": "${app}"`, '"app": "npx ts-node --transpile-only stacks/main.ts"', ["--fail-on", "none"]);

    expect(stdout).toBe("plan-review: no changes; 0 high, 0 medium, 0 low risks\n");
    expect(status).toBe(0);
  }, 180_000);

  test("an App command that compiles with tsc first (the quick start's): its type error stops the synthesis, and the review does not check it again", () => {
    // Base: the App compiled by tsc, as the README's quick start runs it.
    fs.writeFileSync(path.join(repo, "tsconfig.app.json"), JSON.stringify({
      extends: "./tsconfig.json", compilerOptions: { outDir: "dist-app", types: ["node"] }, include: ["stacks/*.ts"],
    }));
    edit(repo, "cdktf.json", `"app": "${appOf(repo)}"`, '"app": "npx tsc -p tsconfig.app.json && node dist-app/stacks/main.js"');
    git(repo, "add", "tsconfig.app.json");
    commit(repo, "The App compiled with tsc");
    try {
      const { status, report } = reviewCommit("stacks/test.ts", "/** Versions running", 'export const replicasHint: number = "2";\n\n/** Versions running');

      expect(status).toBe(2);
      expect(report).toMatch(/\*\*✗ Review incomplete: head: HEAD \([0-9a-f]{8}\) does not synthesize \(npx tsc -p tsconfig\.app\.json && node dist-app\/stacks\/main\.js\)\*\*/);
      expect(report).toMatch(/stacks\/test\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\./);
      expect(report).not.toContain("does not type-check");
    } finally {
      git(repo, "reset", "-q", "--hard", "HEAD~1");
    }
  }, 300_000);
});
