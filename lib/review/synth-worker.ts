/**
 * The process plan-review synthesizes Apps in: it receives jobs over IPC, runs
 * each App's entry file in turn through one shared TypeScript cache, and
 * reports each result. One process for both sides of a review: the libraries
 * (cdktf, the provider bindings) load once, and every source file the two
 * sides share compiles once.
 */
import { registerTypeScript } from "./transpile-cache";

/** One App to synthesize. */
export interface SynthJob {
  /** Which side, echoed in the result. */
  readonly id: string;
  /** The project directory the App runs in. */
  readonly project: string;
  /** Its entry file (TypeScript or JavaScript). */
  readonly entry: string;
  /** Where it writes (CDKTF_OUTDIR). */
  readonly outdir: string;
}

/** What running one App came to. */
export interface SynthResult {
  /** The job's id. */
  readonly id: string;
  /** Whether the App ran to the end. */
  readonly ok: boolean;
  /** What it printed. */
  readonly output: string;
  /** The error it stopped with, when it did not finish. */
  readonly error?: string;
}

/** The message that starts the worker. */
export interface SynthRequest {
  /** Where compiled files are kept between runs. */
  readonly cacheDir: string;
  /** The Apps, run in this order. */
  readonly jobs: readonly SynthJob[];
}

/** Thrown in place of exiting, so an App that calls process.exit ends its own run, not the worker. */
class AppExit extends Error {
  constructor(public readonly code: number) {
    super(`the App called process.exit(${code})`);
  }
}

function runJob(job: SynthJob, addProject: (root: string) => void): SynthResult {
  let output = "";
  const write = process.stdout.write;
  const writeError = process.stderr.write;
  const exit = process.exit;
  const capture = (chunk: unknown) => {
    output += String(chunk);
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  process.exit = ((code?: number) => { throw new AppExit(code ?? 0); }) as typeof process.exit;
  const env = process.env.CDKTF_OUTDIR;
  try {
    addProject(job.project);
    process.chdir(job.project);
    process.env.CDKTF_OUTDIR = job.outdir;
    require(job.entry);
    return { id: job.id, ok: true, output };
  } catch (e) {
    if (e instanceof AppExit && e.code === 0) return { id: job.id, ok: true, output };
    const error = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
    return { id: job.id, ok: false, output, error };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeError;
    process.exit = exit;
    process.env.CDKTF_OUTDIR = env;
  }
}

if (require.main === module) {
  process.once("message", (request: SynthRequest) => {
    const addProject = registerTypeScript(request.cacheDir);
    for (const job of request.jobs) process.send!(runJob(job, addProject));
    process.disconnect();
  });
}
