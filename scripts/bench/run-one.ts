/**
 * One benchmark process: `services` generated services in one scope. A first,
 * cold library run (what one `cdktf synth` costs) gives the JSON, the peak RSS
 * and the cold time; then cdktf's floor for that identical JSON and the
 * library run alternately, `runs` pairs, each side first in turn. Prints one
 * JSON line (see RunResult). Started by scripts/bench/main.ts, a fresh process
 * per size and scope so peak RSS belongs to it alone.
 *
 *   node --expose-gc scripts/run-ts.js scripts/bench/run-one.ts <services> <scope> <runs>
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildFloor, StackJson } from "./floor";
import { Span, mark, since } from "./clock";
import { ENVIRONMENTS, Phases, Scope, clockValidation, runLibrary } from "./library-app";
import { readStacks, sameStacks } from "./stacks";

/** What one process measured. */
export interface RunResult {
  readonly services: number;
  readonly scope: Scope;
  /** The first library run, in a fresh process. */
  readonly cold: Phases;
  /** The warm library runs, in order. */
  readonly library: Phases[];
  /** The floor runs, each paired with the library run of the same index. */
  readonly floor: FloorPhases[];
  /** Peak RSS of the process after the cold library run (MiB), before any floor run. */
  readonly libraryPeakRssMiB: number;
  /** Resources in the synthesized JSON. */
  readonly resources: number;
  /** Whether the floor wrote byte-identical stacks. */
  readonly identical: boolean;
}

function main(): void {
  const [services, scope, runs] = [Number(process.argv[2]), process.argv[3] as Scope, Number(process.argv[4] ?? 3)];
  if (!(services > 0) || !(["all", ...ENVIRONMENTS] as string[]).includes(scope) || !(runs > 0)) {
    throw new Error(`usage: run-one.ts <services> <all|${ENVIRONMENTS.join("|")}> <runs>`);
  }
  clockValidation();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "csp-bench-"));
  try {
    const coldOut = path.join(temp, "cold");
    const cold = runLibrary(services, scope, coldOut);
    const peak = process.resourceUsage().maxRSS / 1024;
    const expected = readStacks(coldOut);
    let identical = true;
    const library: Phases[] = [];
    const floor: FloorPhases[] = [];
    const runLibraryOnce = (out: string) => {
      collect();
      library.push(runLibrary(services, scope, out));
      identical &&= sameStacks(expected, readStacks(out));
    };
    const runFloorOnce = (out: string) => {
      collect();
      floor.push(runFloor(expected, out));
      identical &&= sameStacks(expected, readStacks(out));
    };
    for (let run = 0; run < runs; run++) {
      const [libraryOut, floorOut] = [path.join(temp, `library-${run}`), path.join(temp, `floor-${run}`)];
      if (run % 2 === 0) {
        runFloorOnce(floorOut);
        runLibraryOnce(libraryOut);
      } else {
        runLibraryOnce(libraryOut);
        runFloorOnce(floorOut);
      }
      fs.rmSync(libraryOut, { recursive: true, force: true });
      fs.rmSync(floorOut, { recursive: true, force: true });
    }
    const resources = Object.values(expected).reduce((sum, text) => sum + countResources(JSON.parse(text) as StackJson), 0);
    const result: RunResult = { services, scope, cold, library, floor, libraryPeakRssMiB: peak, resources, identical };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Time of each phase of one floor run. */
export interface FloorPhases {
  readonly construct: Span;
  readonly synth: Span;
  readonly total: Span;
}

/** The floor for `stacks` (their written text), timed the way the library is. */
function runFloor(stacks: Record<string, string>, outdir: string): FloorPhases {
  const parsed = Object.fromEntries(Object.entries(stacks).map(([name, text]) => [name, JSON.parse(text) as StackJson]));
  const start = mark();
  const app = new App({ outdir, stackTraces: false });
  buildFloor(app, parsed);
  const construct = since(start);
  const synthStart = mark();
  app.synth();
  const synth = since(synthStart);
  return { construct, synth, total: since(start) };
}

function countResources(stack: StackJson): number {
  return Object.values(stack.resource ?? {}).reduce((sum, byId) => sum + Object.keys(byId).length, 0);
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

main();
