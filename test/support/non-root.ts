/**
 * `file args` as a user that is not root: nobody (via setpriv) when the tests run as root, as
 * they do in CI; the tests' own user otherwise. Returns what to spawn.
 */
export function asNonRoot(file: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [file, [...args]];
  return ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", file, ...args]];
}
