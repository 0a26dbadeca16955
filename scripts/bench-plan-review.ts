/**
 * Measures plan-review between two git refs of the example App against the
 * time it takes to synthesize one ref — cdktf.json's `app` command alone, and
 * `npx cdktf synth` as a team runs it (the CLI around that command) — in a
 * throwaway copy of this repository with one extra commit (a production
 * scale-down).
 *
 * Usage: npx ts-node --transpile-only scripts/bench-plan-review.ts [runs]   (default 5)
 *
 * Prints a Markdown table of medians, wall-clock and CPU (user + system, the
 * command and its children: steadier than wall-clock on a busy machine). Each
 * round runs one synthesis, one review with plan-review's caches cleared (a CI
 * runner's first review), the same review again, and one of a new head commit
 * on the kept caches (a second push), so load changes hit all of them alike. Needs GNU time
 * (/usr/bin/time). Timings depend on the machine and its load: say so where
 * you quote them.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { commit, edit, git, projectRepository } from "./project-repository";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "cdktf-service-platform", "plan-review");

function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // plan-review exits 1 on this change's high risk: that is the review working.
  if (result.status !== 0 && !(result.status === 1 && args.includes("plan-review.js"))) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  }
  return result.stderr;
}

/** Wall-clock and CPU seconds of a shell command, as GNU time reports them on its last line of stderr. */
function timed(cwd: string, command: string, env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number } {
  const report = sh(cwd, "/usr/bin/time", ["-f", "TIME %e %U %S", "sh", "-c", command], env).trim().split("\n").pop()!;
  const [, wall, user, system] = report.split(" ").map(Number);
  return { wall, cpu: user + system };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A copy of this repository with one more commit: production's web down to two instances. */
function repository(): string {
  const repo = projectRepository();
  edit(repo, "stacks/production.ts", "replicas: 3", "replicas: 2");
  commit(repo, "head");
  return repo;
}

function main(): void {
  const { positionals } = parseArgs({ allowPositionals: true });
  const runs = Number(positionals[0] ?? 5);
  if (!Number.isInteger(runs) || runs < 1 || positionals.length > 1) throw new Error("usage: scripts/bench-plan-review.ts [runs] (default 5)");
  const repo = repository();
  const app = (JSON.parse(fs.readFileSync(path.join(repo, "cdktf.json"), "utf8")) as { app: string }).app;
  const review = `node ${path.join(ROOT, "bin", "plan-review.js")} --base HEAD~1 --head HEAD --out review.md || [ $? = 1 ]`;
  const synthesize = () => timed(repo, app, { CDKTF_OUTDIR: fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-")) });
  const cliSynth = () => timed(repo, `npx cdktf synth --output ${fs.mkdtempSync(path.join(os.tmpdir(), "bench-cli-"))}`, { CHECKPOINT_DISABLE: "1" });
  const load = os.loadavg()[0];
  try {
    // Warm-up: file system caches, npx.
    synthesize();
    cliSynth();
    timed(repo, review);
    const rounds = Array.from({ length: runs }, (_, round) => {
      const one = synthesize();
      const cli = cliSynth();
      fs.rmSync(CACHE, { recursive: true, force: true });
      const cold = timed(repo, review);
      const again = timed(repo, review);
      // A new head on warm caches, as a second push is: content no review has seen yet.
      edit(repo, "stacks/production.ts", `replicas: ${round === 0 ? 2 : 3 + round}`, `replicas: ${4 + round}`);
      git(repo, "commit", "-q", "-a", "--amend", "-m", `head ${round}`);
      const pushed = timed(repo, review);
      return { one, cli, cold, again, pushed };
    });
    const row = (label: string, pick: (r: (typeof rounds)[number]) => { wall: number; cpu: number }) => {
      const wall = median(rounds.map((r) => pick(r).wall));
      const cpu = median(rounds.map((r) => pick(r).cpu));
      const ratio = (to: (r: (typeof rounds)[number]) => { wall: number }) => median(rounds.map((r) => pick(r).wall / to(r).wall)).toFixed(2);
      console.log(`| ${label} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${ratio((r) => r.one)} | ${ratio((r) => r.cli)} |`);
    };
    console.log(`| Median of ${runs} rounds (${os.cpus().length} CPUs, load ${load.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}) | Wall s | CPU s | Wall × app command | Wall × cdktf synth |`);
    console.log("|---|--:|--:|--:|--:|");
    row(`synthesize one ref: the app command (\`${app}\`)`, (r) => r.one);
    row("synthesize one ref: `npx cdktf synth`", (r) => r.cli);
    row("plan-review --base HEAD~1 --head HEAD, caches cleared", (r) => r.cold);
    row("the same review again (caches kept)", (r) => r.again);
    row("a new head commit, caches kept (a second push)", (r) => r.pushed);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}

main();
