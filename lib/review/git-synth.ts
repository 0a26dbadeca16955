import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** What a synthesis produced. */
export interface Synthesis {
  /** The cdktf output directory (manifest.json, stacks/). */
  readonly outdir: string;
  /** What was synthesized, for the report, e.g. `origin/main (1a2b3c4d)`. */
  readonly label: string;
}

/**
 * Synthesizes the project as it is at git `ref`, in a temporary worktree, and
 * hands the output to `use` before removing everything again. Instead of
 * `npm ci` the worktree borrows the checkout's `node_modules` and `.gen` by
 * symlink, so the base is synthesized with the head's dependencies and
 * generated bindings (enough while dependencies stay put; run the review on a
 * fresh install when a change updates them). The App runs as cdktf runs it: the
 * `app` command from that ref's cdktf.json, with CDKTF_OUTDIR set.
 */
export function withSynthesizedRef<T>(projectDir: string, ref: string, use: (synthesis: Synthesis) => T): T {
  const toplevel = git(projectDir, ["rev-parse", "--show-toplevel"]);
  const prefix = git(projectDir, ["rev-parse", "--show-prefix"]);
  const commit = resolveCommit(projectDir, ref);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-"));
  const checkout = path.join(temp, "checkout");
  try {
    git(toplevel, ["worktree", "add", "--detach", "--quiet", checkout, commit]);
    const project = path.join(checkout, prefix);
    for (const shared of ["node_modules", ".gen"]) {
      const source = path.join(projectDir, shared);
      const target = path.join(project, shared);
      if (fs.existsSync(source) && !fs.existsSync(target)) fs.symlinkSync(path.resolve(source), target, "dir");
    }
    const outdir = path.join(temp, "out");
    runApp(project, outdir, ref);
    return use({ outdir, label: `${ref} (${commit.slice(0, 8)})` });
  } finally {
    if (fs.existsSync(checkout)) spawnSync("git", ["-C", toplevel, "worktree", "remove", "--force", checkout], { stdio: "ignore" });
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Synthesizes the project as it is on disk (uncommitted changes included). */
export function withSynthesizedWorkingTree<T>(projectDir: string, use: (synthesis: Synthesis) => T): T {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-"));
  try {
    const outdir = path.join(temp, "out");
    runApp(projectDir, outdir, "the working tree");
    return use({ outdir, label: "working tree" });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function runApp(project: string, outdir: string, what: string): void {
  const cdktfJson = path.join(project, "cdktf.json");
  if (!fs.existsSync(cdktfJson)) throw new Error(`cannot synthesize ${what}: ${path.basename(project) || project} has no cdktf.json`);
  const app = (JSON.parse(fs.readFileSync(cdktfJson, "utf8")) as { app?: string }).app;
  if (!app) throw new Error(`cannot synthesize ${what}: cdktf.json has no "app" command`);
  const result = spawnSync(app, {
    cwd: project,
    shell: true,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new Error(`synthesizing ${what} failed (${app}, exit ${result.status ?? result.signal}):\n${output}`);
  }
}

function resolveCommit(projectDir: string, ref: string): string {
  const result = spawnSync("git", ["-C", projectDir, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`"${ref}" is neither a directory nor a git ref known in ${projectDir}: fetch the ref first (git fetch origin ${ref}), or synthesize into that directory`);
  }
  return result.stdout.trim();
}

function git(cwd: string, args: string[]): string {
  const result = spawnSync("git", ["-C", cwd, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${(result.stderr ?? "").trim()}`);
  return result.stdout.trim();
}
