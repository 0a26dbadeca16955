import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * `file args` as a user that is not root: nobody (via setpriv) when the tests run as root, as
 * they do in CI; the tests' own user otherwise. Returns what to spawn.
 */
export function asNonRoot(file: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [file, [...args]];
  return ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", file, ...args]];
}

/**
 * The path of the repository's script `relative` (e.g. `scripts/docker-engine.sh`) that a user
 * who is not root can run. When the tests run as root, the clone may sit where nobody cannot
 * reach it (under /root, or in a temporary directory of mode 700), so the scripts folder is
 * copied into a directory anyone can read; otherwise it is the script itself.
 */
export function nonRootScript(relative: string): string {
  if (process.getuid?.() !== 0) return path.join(ROOT, relative);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-scripts-"));
  fs.chmodSync(dir, 0o755);
  fs.cpSync(path.join(ROOT, "scripts"), path.join(dir, "scripts"), { recursive: true });
  return path.join(dir, relative);
}
