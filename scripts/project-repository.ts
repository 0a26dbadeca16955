import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/**
 * Throwaway git repositories of this project, for the review's end-to-end tests
 * and its benchmark.
 */

/**
 * A throwaway git repository holding this project's files: tracked ones plus
 * untracked, not ignored ones (work in progress next to committed code is what
 * makes the current tree synthesize), with node_modules and .gen linked in.
 */
export function projectRepository(): string {
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

/** git in `repo`, as a test user. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=review-test", "-c", "user.email=review@test", ...args], { cwd: repo, encoding: "utf8" });
}

/** Commits everything in `repo`. */
export function commit(repo: string, message: string): void {
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", message);
}

/** Replaces `from` with `to` in a file, failing when the example no longer has `from`. */
export function edit(repo: string, file: string, from: string, to: string): void {
  const text = fs.readFileSync(path.join(repo, file), "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}; update the caller`);
  fs.writeFileSync(path.join(repo, file), text.replace(from, to));
}
