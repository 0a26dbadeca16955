import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** A git commit a side of the review is taken from. */
export interface Commit {
  /** What the user named, e.g. `origin/main`. */
  readonly ref: string;
  /** The full commit id. */
  readonly id: string;
}

/** The commit `ref` names in the repository of `project`; throws with a fix when there is none. */
export function resolveCommit(project: string, ref: string): Commit {
  git(project, ["rev-parse", "--show-toplevel"]);
  const result = spawnSync("git", ["-C", project, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`"${ref}" is neither a directory nor a git ref known in ${project}: fetch the ref first (git fetch origin ${ref}), or synthesize into that directory`);
  }
  return { ref, id: result.stdout.trim() };
}

/**
 * Whether the project's files on disk are exactly `commit`'s: nothing
 * modified, staged or untracked (ignored files do not count). Then the side
 * can be synthesized in place instead of from an extracted copy.
 */
export function workingTreeIs(project: string, commit: Commit): boolean {
  const head = spawnSync("git", ["-C", project, "rev-parse", "HEAD"], { encoding: "utf8" }).stdout?.trim();
  if (head !== commit.id) return false;
  return git(project, ["status", "--porcelain", "--untracked-files=normal", "--", "."]) === "";
}

/**
 * Writes `commit`'s tree into `dir` (without registering a worktree) and
 * returns where the project lies in it. `shared` directories of the project
 * (node_modules, generated bindings: ignored by git, so not in the commit) are
 * linked from the checkout, so the commit runs with the checkout's packages.
 */
export function extractCommit(project: string, commit: Commit, dir: string, shared: readonly string[]): string {
  const toplevel = git(project, ["rev-parse", "--show-toplevel"]);
  const prefix = git(project, ["rev-parse", "--show-prefix"]);
  fs.mkdirSync(dir, { recursive: true });
  const archive = spawnSync("git", ["-C", toplevel, "archive", "--format=tar", commit.id], { maxBuffer: 1024 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${commit.ref} failed: ${archive.stderr.toString().trim()}`);
  const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`extracting ${commit.ref} failed: ${untar.stderr.toString().trim()}`);
  const extracted = path.join(dir, prefix);
  for (const name of shared) {
    const source = path.join(project, name);
    const target = path.join(extracted, name);
    if (fs.existsSync(source) && !fs.existsSync(target)) fs.symlinkSync(path.resolve(source), target, "dir");
  }
  return extracted;
}

function git(cwd: string, args: string[]): string {
  const result = spawnSync("git", ["-C", cwd, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${(result.stderr ?? "").trim()}`);
  return result.stdout.trim();
}
