/**
 * Measures plan-review between two git refs of the example App against the
 * time it takes to synthesize one ref the way cdktf does (cdktf.json's `app`
 * command), in a throwaway copy of this repository with one extra commit (a
 * production scale-down and a prerelease promotion).
 *
 * Usage: npx ts-node --transpile-only scripts/bench-plan-review.ts [runs]   (default 5)
 *
 * Prints a Markdown table of medians. "Cold" clears plan-review's compile cache
 * before each run (a CI runner's first review); "warm" keeps it (a second push,
 * a developer's machine). Timings depend on the machine and its load: say so
 * where you quote them.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "cdktf-service-platform", "plan-review");

function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // plan-review exits 1 on this change's high risk: that is the review working.
  if (result.status !== 0 && !(command === process.execPath && result.status === 1)) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  }
}

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A copy of the tracked and untracked files with node_modules and .gen linked, and a second commit. */
function repository(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-review-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0").filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
  }
  for (const shared of ["node_modules", ".gen"]) {
    fs.symlinkSync(path.join(ROOT, shared), path.join(repo, shared), "dir");
  }
  const git = (...args: string[]) => sh(repo, "git", ["-c", "user.name=bench", "-c", "user.email=bench@example", ...args]);
  git("init", "-q", "-b", "main");
  fs.appendFileSync(path.join(repo, ".git", "info", "exclude"), "/node_modules\n/.gen\n");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  const production = path.join(repo, "stacks", "production.ts");
  fs.writeFileSync(production, fs.readFileSync(production, "utf8").replace("replicas: 3", "replicas: 2"));
  git("commit", "-q", "-am", "head");
  return repo;
}

function main(): void {
  const runs = Number(process.argv[2] ?? 5);
  const repo = repository();
  const app = (JSON.parse(fs.readFileSync(path.join(repo, "cdktf.json"), "utf8")) as { app: string }).app;
  const out = path.join(repo, "review.md");
  const measure = (label: string, prepare: () => void, run: () => void): [string, number] => {
    run(); // warm-up: file system caches, npx
    const times = Array.from({ length: runs }, () => {
      prepare();
      return seconds(run);
    });
    return [label, median(times)];
  };
  try {
    const synthOne = () => sh(repo, "sh", ["-c", app], { CDKTF_OUTDIR: fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-")) });
    const review = () => sh(repo, process.execPath, [path.join(ROOT, "bin", "plan-review.js"), "--base", "HEAD~1", "--head", "HEAD", "--out", out]);
    const clearCache = () => fs.rmSync(CACHE, { recursive: true, force: true });
    const rows = [
      measure(`synthesize one ref (\`${app}\`)`, () => undefined, synthOne),
      measure("plan-review --base HEAD~1 --head HEAD, cold compile cache", clearCache, review),
      measure("plan-review --base HEAD~1 --head HEAD, warm compile cache", () => undefined, review),
    ];
    const [, baseline] = rows[0];
    console.log(`| What (median of ${runs}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}) | Seconds | × one synthesis |`);
    console.log("|---|--:|--:|");
    for (const [label, time] of rows) console.log(`| ${label} | ${time.toFixed(1)} | ${(time / baseline).toFixed(2)} |`);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}

main();
