/**
 * `npm run bench`: synthesis at scale (issue #11). For each size and scope, a
 * fresh process (scripts/bench/run-one.ts) builds a generated catalog of that
 * many services wired to the example's environments and synthesizes it once
 * cold, then cdktf's floor for the identical JSON and the library again,
 * alternately, `--runs` pairs. Prints the times, the library/floor ratio (wall
 * and CPU) and the peak RSS; fails if a run crashes or the floor's JSON is not
 * the library's, byte for byte.
 *
 *   npm run bench                                  # sizes 30,100,300; every scope; 3 pairs
 *   npm run bench -- --sizes 30 --scopes all --runs 1 --json out.json
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { Span } from "./clock";
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
  /** The first library run of the process, as one `cdktf synth` runs it. */
  readonly cold: Span;
  /** Medians of the warm library runs. */
  readonly library: { construct: Span; synth: Span; validation: Span; total: Span };
  readonly floor: Span;
  /** Median of library total / floor total over the paired runs. */
  readonly ratio: Span;
  readonly peakRssMiB: number;
  readonly identical: boolean;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "30,100,300" },
      scopes: { type: "string", default: ["all", ...ENVIRONMENTS].join(",") },
      runs: { type: "string", default: "3" },
      json: { type: "string" },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const scopes = values.scopes.split(",") as Scope[];
  const runs = Number(values.runs);
  const started = Date.now();
  console.log(machine());
  const summaries: Summary[] = [];
  for (const services of sizes) {
    for (const scope of scopes) {
      const summary = summarize(runOne(services, scope, runs));
      summaries.push(summary);
      console.log(row(summary));
    }
  }
  console.log(`bench: ${summaries.length} measurements in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify({ machine: machine(), summaries }, null, 2)}\n`);
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

export function summarize(result: RunResult): Summary {
  const pick = (get: (i: number) => Span) => medianSpan(result.library.map((_, i) => get(i)));
  return {
    services: result.services,
    scope: result.scope,
    resources: result.resources,
    runs: result.library.length,
    cold: result.cold.total,
    library: {
      construct: pick((i) => result.library[i].construct),
      synth: pick((i) => result.library[i].synth),
      validation: pick((i) => result.library[i].validation),
      total: pick((i) => result.library[i].total),
    },
    floor: pick((i) => result.floor[i].total),
    ratio: pick((i) => ({
      wall: result.library[i].total.wall / result.floor[i].total.wall,
      cpu: result.library[i].total.cpu / result.floor[i].total.cpu,
    })),
    peakRssMiB: result.libraryPeakRssMiB,
    identical: result.identical,
  };
}

function medianSpan(spans: Span[]): Span {
  return { wall: median(spans.map((s) => s.wall)), cpu: median(spans.map((s) => s.cpu)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const HEADER =
  "services  scope       resources  construct  synth  validation  total (cpu)     floor (cpu)     ratio wall/cpu   cold (cpu)      peak RSS";

function row(s: Summary): string {
  const secs = (ms: number) => (ms / 1000).toFixed(2);
  const both = (span: Span) => `${secs(span.wall)} (${secs(span.cpu)})`;
  return [
    String(s.services).padStart(8), s.scope.padEnd(11), String(s.resources).padStart(9),
    secs(s.library.construct.wall).padStart(9), secs(s.library.synth.wall).padStart(6), secs(s.library.validation.wall).padStart(11),
    both(s.library.total).padEnd(14), both(s.floor).padEnd(14),
    `${s.ratio.wall.toFixed(2)}x / ${s.ratio.cpu.toFixed(2)}x`.padEnd(15), both(s.cold).padEnd(14), `${s.peakRssMiB.toFixed(0)} MiB`,
  ].join("  ");
}

function machine(): string {
  const cpus = os.cpus();
  return [
    `machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `${os.type()} ${os.release()}, node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    "seconds; wall clock, CPU time in parentheses. construct … total: median of the warm library runs; floor: median of cdktf's floor for the",
    "identical JSON, run alternately with them in the same process; ratio: median of library / floor over those pairs; cold: the first",
    "library run of the process (what one `cdktf synth` pays); peak RSS: after that first run",
    HEADER,
  ].join("\n");
}

main();
