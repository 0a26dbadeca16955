import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin", "plan-review.js");

/**
 * A throwaway git repository holding this project's files: tracked ones plus
 * untracked, not ignored ones (work in progress next to committed code is what
 * makes the current tree synthesize), with node_modules and .gen linked in.
 */
function projectRepository(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "review-e2e-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0").filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
  }
  git(repo, "init", "-q", "-b", "main");
  for (const shared of ["node_modules", ".gen"]) {
    if (!fs.existsSync(path.join(ROOT, shared))) continue;
    fs.symlinkSync(path.join(ROOT, shared), path.join(repo, shared), "dir");
    // .gitignore's `node_modules/` does not match a symlink; like the real directories, these stay out of commits.
    fs.appendFileSync(path.join(repo, ".git", "info", "exclude"), `/${shared}\n`);
  }
  commit(repo, "base");
  return repo;
}

function git(repo: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=review-test", "-c", "user.email=review@test", ...args], { cwd: repo, encoding: "utf8" });
}

function commit(repo: string, message: string): void {
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", message);
}

/** Replaces `from` with `to` in a file, failing when the example no longer has `from`. */
function edit(repo: string, file: string, from: string, to: string): void {
  const text = fs.readFileSync(path.join(repo, file), "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}; update the e2e test`);
  fs.writeFileSync(path.join(repo, file), text.replace(from, to));
}

function planReview(repo: string, args: string[]) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: repo, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}

describe("plan-review on a real change to the example catalog", () => {
  const repo = projectRepository();
  edit(repo, "stacks/production.ts", 'web: { version: "1.2.0", replicas: 3 }', 'web: { version: "1.2.0", replicas: 2 }');
  edit(repo, "stacks/prerelease.ts", 'web: "1.3.0"', 'web: "1.4.0"');
  commit(repo, "Scale web down in production, promote web 1.4.0 to prerelease");
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test("two git refs: synthesized in worktrees, reported, gated", () => {
    const out = path.join(repo, "review.md");
    const result = planReview(repo, ["--base", "HEAD~1", "--head", "HEAD", "--environments", "test,prerelease,production", "--out", out]);
    console.log(`plan-review --base HEAD~1 --head HEAD took ${result.seconds.toFixed(1)} s`);

    expect(result.stderr).toBe("");
    // web autoscales: its floor in production is both the application's replicas and its scaling rule's minimum.
    expect(result.stdout).toBe("plan-review: prerelease 1 changed; production 2 changed; 1 high, 0 medium risks\n");
    expect(result.status).toBe(1);
    const report = fs.readFileSync(out, "utf8");
    expect(report).toContain("| **high** | production | `alicloud_sae_application.app-web` | replicas 3 → 2 in production |");
    expect(report).toContain("| web | 1.3.0 | **1.3.0 → 1.4.0** | 1.2.0 |");
    expect(report).toMatch(/\| `image_url` \| `[^`]+\/shop\/web:1\.3\.0` \| `[^`]+\/shop\/web:1\.4\.0` \|/);
    expect(report).toContain("| `replicas` | `3` | `2` |");
    expect(report).toMatch(/alicloud_sae_application_scaling_rule\.scaling-web/);
    expect(git(repo, "worktree", "list").trim().split("\n")).toHaveLength(1);
  }, 120_000);

  test("a ref against the working tree: uncommitted changes are reviewed too", () => {
    edit(repo, "stacks/test.ts", '"orders-api": "2.1.0"', '"orders-api": "2.2.0"');
    const result = planReview(repo, ["--base", "HEAD", "--fail-on", "none"]);
    console.log(`plan-review --base HEAD (working tree) took ${result.seconds.toFixed(1)} s`);

    expect(result.status).toBe(0);
    expect(result.stderr).toBe("plan-review: test 3 replaced; 0 high, 0 medium risks\n");
    expect(result.stdout).toContain("| orders-api | 2.1.0 | **2.1.0 → 2.2.0** | 2.0.3 |");
    expect(result.stdout).toContain("| replace | `docker_container.orders-api-1` | labels, name, image force replacement; new one created before the old one is destroyed |");
  }, 120_000);
});
