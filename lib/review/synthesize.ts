import { ChildProcess, fork, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppCommand, appCommand } from "./app-command";
import { Commit, extractCommit, resolveCommit, workingTreeIs } from "./git-tree";
import type { ReviewFailure } from "./review";
import type { SynthRequest, SynthResult } from "./synth-worker";
import { SynthOutput, readSynthOutput } from "./synth-output";
import { TypeChecker } from "./type-check";

/** One side of a review, as read: its output when there is one, and what failed. */
export interface SideResult {
  /** What was compared, for the report, e.g. `origin/main (1a2b3c4d)`. */
  readonly label: string;
  /** The synthesized stacks; undefined when the side could not be synthesized or read. */
  readonly output?: SynthOutput;
  /** What went wrong on this side. */
  readonly failures: readonly ReviewFailure[];
}

/** Lines of an error output kept for the report. */
const ERROR_LINES = 30;

/** A side to synthesize: where its project is, how its App runs, and what it is called. */
interface Synthesis {
  readonly side: "base" | "head";
  readonly label: string;
  readonly dir: string;
  readonly app: AppCommand;
  readonly outdir: string;
}

/**
 * Reads or synthesizes both sides of a review. `base` and `head` are each a
 * cdktf output directory (read as it is), a git ref, or, for `head` only,
 * undefined for the project's working tree. Refs are synthesized the way
 * cdktf runs the App, in one process for both sides with a shared compile
 * cache (or through the shell when cdktf.json's `app` is not a plain entry
 * file), from an extracted copy of the commit unless the working tree is that
 * commit. While they run, both sides are type-checked as `tsc --noEmit` would,
 * unless the App command compiles with `tsc` first (a type error then stops it).
 * Nothing that fails is read as an empty side: it is a failure of the review.
 */
export async function readSides(project: string, base: string, head: string | undefined): Promise<[SideResult, SideResult]> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-"));
  try {
    const shared = sharedDirectories(project);
    const sides = (["base", "head"] as const).map((side) => {
      const spec = side === "base" ? base : head;
      try {
        return prepare(project, side, spec, temp, shared);
      } catch (e) {
        return { label: spec ?? "working tree", failures: [{ what: `${side}: ${spec ?? "the working tree"} cannot be synthesized`, details: [(e as Error).message] }] };
      }
    });
    const synthesized = sides.filter((s): s is Synthesis => "app" in s);
    const running = run(synthesized, cacheDirectory(project), path.join(temp, "logs"));
    const typeErrors = typeCheck(project, shared, synthesized, cacheDirectory(project));
    const results = await running;
    return sides.map((side): SideResult => {
      if (!("app" in side)) return side;
      const failures = [...typeErrors.filter((f) => f.side === side.side).map((f) => f.failure)];
      const result = results.get(side.side)!;
      if (!result.ok) {
        failures.unshift({ what: `${side.side}: ${side.label} does not synthesize (${side.app.command})`, details: errorLines(result) });
        return { label: side.label, failures };
      }
      const read = readOutput(side.side, side.label, side.outdir);
      return { ...read, failures: [...failures, ...read.failures] };
    }) as [SideResult, SideResult];
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Reads or synthesizes one side as {@link readSides} does, without the type
 * check: for drawing an App, not for reviewing a change to it.
 */
export async function readSide(project: string, spec: string | undefined): Promise<SideResult> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-"));
  try {
    let side: Synthesis | SideResult;
    try {
      side = prepare(project, "head", spec, temp, sharedDirectories(project));
    } catch (e) {
      return { label: spec ?? "working tree", failures: [{ what: `${spec ?? "the working tree"} cannot be synthesized`, details: [(e as Error).message] }] };
    }
    if (!("app" in side)) return side;
    const result = (await run([side], cacheDirectory(project), path.join(temp, "logs"))).get("head")!;
    if (!result.ok) return { label: side.label, failures: [{ what: `${side.label} does not synthesize (${side.app.command})`, details: errorLines(result) }] };
    return readOutput("head", side.label, side.outdir);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** A cdktf output directory, read; a stack the manifest lists without output is a failure, not a removal. */
export function readOutput(side: string, label: string, outdir: string): SideResult {
  try {
    const output = readSynthOutput(outdir);
    const failures = output.missing.map((stack) => ({
      what: `${side}: ${label} lists stack ${stack} in manifest.json, but its output is missing`,
      details: [`${path.join(outdir, "stacks", stack, "cdk.tf.json")} does not exist; ${stack} is left out of the comparison`],
    }));
    return { label, output, failures };
  } catch (e) {
    return { label, failures: [{ what: `${side}: ${label} cannot be read`, details: [(e as Error).message] }] };
  }
}

function prepare(project: string, side: "base" | "head", spec: string | undefined, temp: string, shared: readonly string[]): Synthesis | SideResult {
  const outdir = path.join(temp, side, "out");
  // cdktf creates the output directory, but not its parents.
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  if (spec === undefined) return { side, label: "working tree", dir: project, app: appCommand(project), outdir };
  const dir = path.resolve(project, spec);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return readOutput(side, spec, dir);
  let commit: Commit;
  try {
    commit = resolveCommit(project, spec);
  } catch (e) {
    return { label: spec, failures: [{ what: `${side}: ${spec} cannot be read`, details: [(e as Error).message] }] };
  }
  const label = `${spec} (${commit.id.slice(0, 8)})`;
  const tree = workingTreeIs(project, commit) ? project : extractCommit(project, commit, path.join(temp, side, "tree"), shared);
  return { side, label, dir: tree, app: appCommand(tree), outdir };
}

/** Runs every App: entry files in one worker process, other commands through the shell; resolves with each side's result. */
async function run(sides: readonly Synthesis[], cacheDir: string, logs: string): Promise<Map<string, SynthResult>> {
  fs.mkdirSync(logs, { recursive: true });
  const entries = sides.filter((s) => s.app.kind === "entry");
  const shell = sides.filter((s) => s.app.kind === "shell");
  const results = await Promise.all([
    entries.length > 0 ? runWorker(entries, cacheDir, path.join(logs, "worker.log")) : [],
    ...shell.map((s) => runShell(s, path.join(logs, `${s.side}.log`))),
  ]);
  return new Map(results.flat().map((r) => [r.id, r]));
}

function runWorker(sides: readonly Synthesis[], cacheDir: string, log: string): Promise<SynthResult[]> {
  const out = fs.openSync(log, "w");
  const child: ChildProcess = fork(workerFile(), [], { execArgv: [], stdio: ["ignore", out, out, "ipc"] });
  fs.closeSync(out);
  const request: SynthRequest = {
    cacheDir: path.join(cacheDir, "compiled"),
    jobs: sides.map((s) => ({ id: s.side, project: s.dir, entry: (s.app as { file: string }).file, outdir: s.outdir })),
  };
  return new Promise((resolve) => {
    const results: SynthResult[] = [];
    child.on("message", (result: SynthResult) => {
      results.push(result);
      // An App may leave timers behind; its work is done once it reported.
      if (results.length === sides.length) child.kill();
    });
    child.on("exit", (code, signal) => {
      const crashed = `the synthesis process stopped (${signal ?? `exit ${code}`}) before this App finished`;
      resolve(sides.map((s) => results.find((r) => r.id === s.side) ?? { id: s.side, ok: false, output: readLog(log), error: crashed }));
    });
    child.send(request);
  });
}

/**
 * The worker's JavaScript: shipped compiled in the package; in a checkout,
 * compiled from its source into the cache (scripts/run-from-source.js),
 * so it starts without a TypeScript runner.
 */
function workerFile(): string {
  if (path.extname(__filename) === ".js") return path.join(__dirname, "synth-worker.js");
  const fromSource = path.join(__dirname, "..", "..", "scripts", "run-from-source.js");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain JavaScript file of the checkout, outside the compiled tree
  return (require(fromSource) as { compiledWorker(): string }).compiledWorker();
}

function runShell(side: Synthesis, log: string): Promise<SynthResult> {
  const out = fs.openSync(log, "w");
  const child = spawn(side.app.command, {
    cwd: side.dir, shell: true, stdio: ["ignore", out, out], env: { ...process.env, CDKTF_OUTDIR: side.outdir },
  });
  fs.closeSync(out);
  return new Promise((resolve) => {
    child.on("error", (e) => resolve({ id: side.side, ok: false, output: "", error: e.message }));
    child.on("exit", (code, signal) => resolve({ id: side.side, ok: code === 0, output: readLog(log), error: code === 0 ? undefined : `exit ${code ?? signal}` }));
  });
}

/** Type errors of each synthesized side; a side without TypeScript is not checked. */
function typeCheck(
  project: string, shared: readonly string[], sides: readonly Synthesis[], cacheDir: string,
): { side: string; failure: ReviewFailure }[] {
  // A side whose App command runs `tsc && …` is type-checked by its own synthesis: checking it again would double the cost.
  const typed = sides.filter((s) => fs.existsSync(path.join(s.dir, "tsconfig.json")) && !(s.app.kind === "shell" && s.app.compiles));
  if (typed.length === 0) return [];
  // One state per project: projects sharing node_modules (and so this cache) do not overwrite each other's.
  const key = createHash("sha256").update(project).digest("hex").slice(0, 16);
  const checker = new TypeChecker(project, shared, path.join(cacheDir, `type-check-${key}.tsbuildinfo`));
  // The head first: the base is usually its parent, checked again only where it differs.
  const failures = [...typed].reverse().flatMap((s) => {
    const file = s.app.kind === "entry" ? s.app.file : s.app.typed;
    const entry = file !== undefined && /\.tsx?$/.test(file) ? path.relative(s.dir, file) : undefined;
    const result = checker.check({ dir: s.dir, entry });
    return result.ok ? [] : [{ side: s.side, failure: { what: `${s.side}: ${s.label} does not type-check`, details: result.errors } }];
  });
  checker.save();
  return failures;
}

/** The project's ignored directories a commit needs from the checkout: packages and cdktf's generated bindings. */
function sharedDirectories(project: string): string[] {
  const cdktf = path.join(project, "cdktf.json");
  const generated = fs.existsSync(cdktf) ? (JSON.parse(fs.readFileSync(cdktf, "utf8")) as { codeMakerOutput?: string }).codeMakerOutput : undefined;
  return ["node_modules", path.normalize(generated ?? ".gen")];
}

/**
 * Where compiled files and the type check's state are kept between reviews:
 * `PLAN_REVIEW_CACHE` when set (CI jobs keep it between runs), else with the
 * project's packages, where build caches live, else the temporary directory.
 */
function cacheDirectory(project: string): string {
  if (process.env.PLAN_REVIEW_CACHE) return path.resolve(project, process.env.PLAN_REVIEW_CACHE);
  const modules = path.join(project, "node_modules");
  return fs.existsSync(modules)
    ? path.join(modules, ".cache", "cdktf-service-platform", "plan-review")
    : path.join(os.tmpdir(), "cdktf-service-platform-plan-review-cache");
}

/**
 * The lines worth showing of a failed run, from the error it stopped with:
 * the worker's error, else the first error in a command's output (after
 * Node's pointer at the throwing line), else the output's last lines. Stack
 * trace frames and Node's version line are left out.
 */
function errorLines(result: SynthResult): string[] {
  const lines = (text: string) => text.trimEnd().split("\n").filter((l) => l !== "" && !/^\s+at /.test(l) && !/^Node\.js v\d/.test(l));
  const output = lines(result.output);
  if (result.error !== undefined && result.output !== "" && /^exit /.test(result.error)) {
    const first = output.findIndex((l) => /^\w*Error\b/.test(l));
    if (first >= 0) return output.slice(first, first + ERROR_LINES);
  }
  const tail = output.slice(-ERROR_LINES);
  return result.error === undefined ? tail : [...lines(result.error), ...(tail.length > 0 ? ["(output before it:)", ...tail] : [])];
}

function readLog(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}
