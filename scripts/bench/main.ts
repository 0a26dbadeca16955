/**
 * `npm run bench`: what synthesis and the inner loop cost, each against its floor.
 *
 * Synthesis at scale (issues #11, #24): for each size and scope, fresh processes — what one
 * `cdktf synth` pays — of the library building a generated catalog of that many services wired
 * to the example's environments and of cdktf's floor for the identical JSON, paired and each
 * first in turn (fresh.ts); then, warm, one process (run-one.ts) running both alternately after a
 * cold library run. Prints the times, the library/floor ratios (wall and CPU) and the peak RSS;
 * fails if a run crashes or any floor's JSON is not the library's, byte for byte.
 *
 * The inner loop (issue #24, inner-loop.ts): `npm run up` from nothing, `npm run up` again and
 * `npm run down` on the example's test environment, each beside its floor. Needs a Docker engine
 * and the test environment down; `--parts synth` leaves it out.
 *
 *   npm run bench                                  # sizes 30,100,300; every scope; 3 pairs; the inner loop, 3 rounds
 *   npm run bench -- --sizes 100 --scopes all --parts synth --json out.json
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { Span } from "./clock";
import { FreshResult, freshSpan, measureFresh } from "./fresh";
import { InnerLoopResult, LoopPair, measureInnerLoop } from "./inner-loop";
import { ENVIRONMENTS, Scope } from "./library-app";
import type { RunResult } from "./run-one";

const RUNNER = path.join(__dirname, "..", "run-ts.js");
const RUN_ONE = path.join(__dirname, "run-one.ts");

/** Medians of one size and scope. */
export interface Summary {
  readonly services: number;
  readonly scope: Scope;
  readonly resources: number;
  readonly runs: number;
  /** Fresh processes, one synthesis each: what one `cdktf synth` pays (the headline). */
  readonly fresh: {
    readonly library: Span;
    readonly floor: Span;
    /** Median of library / floor over the paired processes. */
    readonly ratio: Span;
    readonly peakRssMiB: number;
  };
  /** The first library run of the warm process, after its modules loaded. */
  readonly cold: Span;
  /** Medians of the warm library runs. */
  readonly library: { construct: Span; synth: Span; validation: Span; total: Span };
  readonly floor: Span;
  /** Median of warm library total / floor total over the paired runs. */
  readonly ratio: Span;
  readonly peakRssMiB: number;
  readonly identical: boolean;
}

/** Medians of the inner loop, per figure. */
export interface LoopSummary {
  readonly library: number;
  readonly floor: number;
  readonly ratio: number;
  /** Median of each step the command reported. */
  readonly steps: Record<string, number>;
  /** Lowest and highest 1-minute load average at the start of a pair. */
  readonly load: [number, number];
}

const PARTS = ["synth", "inner-loop"] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "30,100,300" },
      scopes: { type: "string", default: ["all", ...ENVIRONMENTS].join(",") },
      runs: { type: "string", default: "3" },
      parts: { type: "string", default: PARTS.join(",") },
      "loop-runs": { type: "string", default: "3" },
      json: { type: "string" },
    },
  });
  const parts = values.parts.split(",");
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`--parts: unknown ${unknown.join(", ")} (${PARTS.join(", ")})`);
  const sizes = values.sizes.split(",").map(Number);
  const scopes = values.scopes.split(",") as Scope[];
  const runs = Number(values.runs);
  const started = Date.now();
  console.log(machine());
  const summaries: Summary[] = [];
  if (parts.includes("synth")) {
    console.log(SYNTH_HEADER);
    for (const services of sizes) {
      for (const scope of scopes) {
        const summary = summarize(runOne(services, scope, runs), measureFresh(services, scope, runs));
        summaries.push(summary);
        console.log(row(summary));
      }
    }
  }
  let innerLoop: Record<LoopFigure, LoopSummary> | undefined;
  let loopRaw: InnerLoopResult | undefined;
  if (parts.includes("inner-loop")) {
    loopRaw = await measureInnerLoop(Number(values["loop-runs"]), (line) => console.log(line));
    innerLoop = summarizeLoop(loopRaw);
    console.log(loopTable(innerLoop, loopRaw));
  }
  console.log(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify({ machine: machine(), summaries, innerLoop, innerLoopRuns: loopRaw }, null, 2)}\n`);
  const different = summaries.filter((s) => !s.identical);
  if (different.length > 0) {
    throw new Error(`the floor's JSON differs from the library's for ${different.map((s) => `${s.services}/${s.scope}`).join(", ")}`);
  }
}

function runOne(services: number, scope: Scope, runs: number): RunResult {
  const result = spawnSync(process.execPath, ["--expose-gc", RUNNER, RUN_ONE, String(services), scope, String(runs)], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`bench run ${services}/${scope} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as RunResult;
}

export function summarize(result: RunResult, fresh: FreshResult): Summary {
  const pick = (get: (i: number) => Span) => medianSpan(result.library.map((_, i) => get(i)));
  const ratioOf = (a: Span, b: Span): Span => ({ wall: a.wall / b.wall, cpu: a.cpu / b.cpu });
  return {
    services: result.services,
    scope: result.scope,
    resources: result.resources,
    runs: result.library.length,
    fresh: {
      library: medianSpan(fresh.library.map(freshSpan)),
      floor: medianSpan(fresh.floor.map(freshSpan)),
      ratio: medianSpan(fresh.library.map((run, i) => ratioOf(freshSpan(run), freshSpan(fresh.floor[i])))),
      peakRssMiB: median(fresh.library.map((run) => run.peakRssMiB)),
    },
    cold: result.cold.total,
    library: {
      construct: pick((i) => result.library[i].construct),
      synth: pick((i) => result.library[i].synth),
      validation: pick((i) => result.library[i].validation),
      total: pick((i) => result.library[i].total),
    },
    floor: pick((i) => result.floor[i].total),
    ratio: pick((i) => ratioOf(result.library[i].total, result.floor[i].total)),
    peakRssMiB: result.libraryPeakRssMiB,
    identical: result.identical && fresh.identical,
  };
}

/** The inner loop's figures, by name. */
type LoopFigure = "upFromDown" | "upAgain" | "down";

function summarizeLoop(result: InnerLoopResult): Record<LoopFigure, LoopSummary> {
  const of = (pairs: LoopPair[]): LoopSummary => {
    const names = [...new Set(pairs.flatMap((p) => Object.keys(p.steps)))];
    const loads = pairs.map((p) => p.load);
    return {
      library: median(pairs.map((p) => p.library)),
      floor: median(pairs.map((p) => p.floor)),
      ratio: median(pairs.map((p) => p.library / p.floor)),
      steps: Object.fromEntries(names.map((name) => [name, median(pairs.map((p) => p.steps[name] ?? 0))])),
      load: [Math.min(...loads), Math.max(...loads)],
    };
  };
  return { upFromDown: of(result.upFromDown), upAgain: of(result.upAgain), down: of(result.down) };
}

function medianSpan(spans: Span[]): Span {
  return { wall: median(spans.map((s) => s.wall)), cpu: median(spans.map((s) => s.cpu)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const secs = (ms: number) => (ms / 1000).toFixed(2);
const both = (span: Span) => `${secs(span.wall)} (${secs(span.cpu)})`;
const ratio = (span: Span) => `${span.wall.toFixed(2)}x / ${span.cpu.toFixed(2)}x`;

const SYNTH_HEADER = [
  "                               fresh process, one synthesis (headline)                  warm, in one process",
  "services  scope       resources  library (cpu)   floor (cpu)     ratio wall/cpu   peak RSS  library (cpu)   floor (cpu)     ratio wall/cpu   validation",
].join("\n");

function row(s: Summary): string {
  return [
    String(s.services).padStart(8), s.scope.padEnd(11), String(s.resources).padStart(9),
    both(s.fresh.library).padEnd(14), both(s.fresh.floor).padEnd(14), ratio(s.fresh.ratio).padEnd(15),
    `${s.fresh.peakRssMiB.toFixed(0)} MiB`.padStart(8),
    both(s.library.total).padEnd(14), both(s.floor).padEnd(14), ratio(s.ratio).padEnd(15), secs(s.library.validation.wall).padStart(10),
  ].join("  ");
}

/** What each floor of the inner loop is (scripts/bench/inner-loop.ts). */
const LOOP_FIGURES: [LoopFigure, string, string][] = [
  ["upFromDown", "npm run up, from down", "the containers' own create, start and health (Engine API, same config and order)"],
  ["upAgain", "npm run up, again", "terraform plan finding no change (refresh + plan)"],
  ["down", "npm run down", "docker rm -f of the containers, network rm, volume rm"],
];

function loopTable(summary: Record<LoopFigure, LoopSummary>, raw: InnerLoopResult): string {
  return [
    `inner loop: the example's test environment (${raw.containers} containers), ${raw.down.length} rounds; seconds, wall clock, medians; each pair measured side by side`,
    "figure                  library  floor  ratio   load    where the library's time went (its own report)     floor",
    ...LOOP_FIGURES.map(([key, label, floor]) => {
      const s = summary[key];
      const steps = Object.entries(s.steps).map(([name, ms]) => `${name} ${secs(ms)}`).join(", ");
      return [
        label.padEnd(22), secs(s.library).padStart(7), secs(s.floor).padStart(6), `${s.ratio.toFixed(2)}x`.padStart(6),
        `${s.load[0].toFixed(1)}-${s.load[1].toFixed(1)}`.padStart(8), `  ${steps}`.padEnd(52), floor,
      ].join(" ");
    }),
  ].join("\n");
}

function machine(): string {
  const cpus = os.cpus();
  return [
    `machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `${os.type()} ${os.release()}, node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    "seconds; wall clock, CPU time in parentheses. Fresh process: a new process per synthesis, started as cdktf.json starts the App",
    "(node scripts/run-ts.js, its bundle cached), library and floor paired, each first in turn: medians, and the median of library / floor",
    "over the pairs. Warm: one process, after a cold library run, floor and library alternately: medians of library total, floor and their",
    "ratio; validation: the library's checks alone. Peak RSS: of the fresh library process.",
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
