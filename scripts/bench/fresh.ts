import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Span } from "./clock";
import type { ProcessFigures } from "./fresh-report";
import type { Scope } from "./library-app";
import { readStacks, sameStacks } from "./stacks";

const RUNNER = path.join(__dirname, "..", "run-ts.js");
const LIBRARY = path.join(__dirname, "fresh-library.ts");
const FLOOR = path.join(__dirname, "fresh-floor.ts");

/** One fresh process, as its parent saw it and as it measured itself. */
export interface FreshRun {
  /** From starting the process to its exit, as whoever runs `cdktf synth` waits for it. */
  readonly wall: number;
  /** CPU time of the whole process, start-up included. */
  readonly cpu: number;
  readonly peakRssMiB: number;
}

/** Fresh library and floor processes, paired. */
export interface FreshResult {
  readonly library: FreshRun[];
  readonly floor: FreshRun[];
  /** Whether every process wrote the stacks of the first library process, byte for byte. */
  readonly identical: boolean;
}

function freshProcess(entry: string, args: readonly string[]): FreshRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [RUNNER, entry, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${path.basename(entry)} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stderr.slice(-4000)}`);
  }
  const figures = JSON.parse(result.stdout.trim().split("\n").pop()!) as ProcessFigures;
  return { wall, cpu: figures.cpu, peakRssMiB: figures.peakRssMiB };
}

/**
 * `runs` pairs of fresh processes at one size and scope: the library building and synthesizing
 * the generated catalog once (fresh-library.ts), and cdktf's floor synthesizing the identical
 * JSON once (fresh-floor.ts), each first in turn. Both start the way cdktf.json starts an App
 * (`node scripts/run-ts.js …`); one untimed process of each first writes the JSON the floor
 * reads and leaves both bundles in scripts/run-ts.js's cache, as any `cdktf synth` after the
 * first finds them.
 */
export function measureFresh(services: number, scope: Scope, runs: number): FreshResult {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "csp-fresh-"));
  try {
    const reference = path.join(temp, "reference");
    freshProcess(LIBRARY, [String(services), scope, reference]);
    const expected = readStacks(reference);
    freshProcess(FLOOR, [reference, path.join(temp, "floor-warm-up")]);
    const [library, floor]: [FreshRun[], FreshRun[]] = [[], []];
    let identical = true;
    const same = (outdir: string) => {
      identical &&= sameStacks(expected, readStacks(outdir));
      fs.rmSync(outdir, { recursive: true, force: true });
    };
    const runLibrary = (i: number) => {
      const outdir = path.join(temp, `library-${i}`);
      library.push(freshProcess(LIBRARY, [String(services), scope, outdir]));
      same(outdir);
    };
    const runFloor = (i: number) => {
      const outdir = path.join(temp, `floor-${i}`);
      floor.push(freshProcess(FLOOR, [reference, outdir]));
      same(outdir);
    };
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        runFloor(i);
        runLibrary(i);
      } else {
        runLibrary(i);
        runFloor(i);
      }
    }
    return { library, floor, identical };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** A fresh run as a Span, for the summary's medians. */
export function freshSpan(run: FreshRun): Span {
  return { wall: run.wall, cpu: run.cpu };
}
