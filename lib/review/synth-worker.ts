/**
 * The process plan-review synthesizes Apps in: it receives jobs over IPC, runs
 * each App's entry file in turn through one shared TypeScript cache, and
 * reports each result. One process for both sides of a review: the libraries
 * (cdktf, the provider bindings) load once, and every source file the two
 * sides share compiles once. It imports nothing of its own, so a checkout can
 * run it compiled from the cache without loading a TypeScript runner first.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

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
  /* eslint-disable @typescript-eslint/unbound-method -- kept to be put back on the same objects below */
  const write = process.stdout.write;
  const writeError = process.stderr.write;
  const exit = process.exit;
  /* eslint-enable @typescript-eslint/unbound-method */
  const capture = (chunk: unknown) => {
    output += String(chunk);
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  process.exit = (code?: number) => { throw new AppExit(code ?? 0); };
  const env = process.env.CDKTF_OUTDIR;
  try {
    addProject(job.project);
    forgetModules(job.project);
    process.chdir(job.project);
    process.env.CDKTF_OUTDIR = job.outdir;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the App's entry as Node would, through the require hook
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

/** How one project's files are compiled. */
interface ProjectCompiler {
  readonly root: string;
  /** The compiler, its version and tsconfig.json text: part of every cache key. */
  readonly salt: string;
  /** esbuild's transform, when the project has esbuild and a tsconfig.json it reads whole. */
  readonly esbuild?: EsbuildTransform;
  /** The tsconfig.json text esbuild is given. */
  readonly tsconfig?: string;
  options?: TS.CompilerOptions;
  ts?: typeof TS;
}

/** The part of esbuild's API the cache uses. */
interface EsbuildTransform {
  readonly version: string;
  transformSync(source: string, options: {
    loader: "ts" | "tsx"; format: "cjs"; sourcefile: string; tsconfigRaw?: string;
  }): { code: string };
}

/** Both sides may be the same directory: its own modules must run again, not come from the module cache. */
function forgetModules(project: string): void {
  for (const file of Object.keys(require.cache)) {
    const relative = path.relative(project, file);
    if (!relative.startsWith("..") && !relative.split(path.sep).includes("node_modules")) delete require.cache[file];
  }
}

/**
 * Makes `require` run TypeScript files, as `ts-node --transpile-only` does,
 * but remembering each file's JavaScript by its content (and the compiler,
 * its version and the tsconfig it was compiled with) in memory and in
 * `cacheDir`. The two sides of a review share most files, and a second
 * review shares almost all of them, so most files are compiled once. A
 * project that has esbuild (and a tsconfig.json without `extends`, which
 * esbuild reads whole) is compiled with it, as its `isolatedModules` code
 * can be: a cold cache then costs milliseconds, and TypeScript is never
 * loaded; otherwise TypeScript's own `transpileModule`, loaded only when a
 * file is not in the cache. Call the returned function with each project
 * root before running its App; a file compiles with the options of the
 * project it lies in.
 */
export function registerTypeScript(cacheDir: string): (project: string) => void {
  const memory = new Map<string, string>();
  const projects: ProjectCompiler[] = [];
  fs.mkdirSync(cacheDir, { recursive: true });

  const compile = (source: string, filename: string): string => {
    const project = projects.find((p) => !path.relative(p.root, filename).startsWith("..")) ?? projects[0];
    const key = createHash("sha256").update(`${project.salt}\0${source}`).digest("hex");
    const cached = memory.get(key) ?? readIfExists(path.join(cacheDir, `${key}.js`));
    if (cached !== undefined) {
      memory.set(key, cached);
      return cached;
    }
    let output: string;
    if (project.esbuild) {
      const loader = filename.endsWith(".tsx") ? "tsx" : "ts";
      output = project.esbuild.transformSync(source, { loader, format: "cjs", sourcefile: filename, tsconfigRaw: project.tsconfig }).code;
    } else {
      project.ts ??= loadTypeScript(project.root);
      project.options ??= compilerOptions(project.ts, project.root);
      output = project.ts.transpileModule(source, { fileName: filename, compilerOptions: project.options }).outputText;
    }
    memory.set(key, output);
    // Written whole, then renamed: a review running next to this one never reads half a file.
    const temporary = path.join(cacheDir, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, path.join(cacheDir, `${key}.js`));
    return output;
  };

  for (const extension of [".ts", ".tsx"]) {
    require.extensions[extension] = (module, filename) => {
      (module as unknown as { _compile(code: string, file: string): void })._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
    };
  }
  return (root) => {
    const tsconfig = readIfExists(path.join(root, "tsconfig.json"));
    const esbuild = tsconfig !== undefined && !/"extends"\s*:/.test(tsconfig) ? esbuildOf(root) : undefined;
    const compiler = esbuild ? `esbuild ${esbuild.version}` : `typescript ${typescriptVersion(root)}`;
    const salt = `${compiler}\0${tsconfig ?? ""}`;
    // Deepest root first, so a project inside another compiles with its own options.
    projects.push({ root, salt, esbuild, tsconfig });
    projects.sort((a, b) => b.root.length - a.root.length);
  };
}

/** The project's compiler options (its tsconfig.json, `extends` followed), made to produce CommonJS for `require`. */
function compilerOptions(ts: typeof TS, project: string): TS.CompilerOptions {
  const file = path.join(project, "tsconfig.json");
  const options = fs.existsSync(file)
    ? ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })?.options ?? {}
    : {};
  return { ...options, module: ts.ModuleKind.CommonJS, noEmit: false, declaration: false, sourceMap: false, inlineSourceMap: false };
}

/** The project's esbuild, when it has one. */
function esbuildOf(project: string): EsbuildTransform | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional compiler found at run time
    return require(require.resolve("esbuild", { paths: [project] })) as EsbuildTransform;
  } catch {
    return undefined;
  }
}

function typescriptVersion(project: string): string {
  const manifest = require.resolve("typescript/package.json", { paths: [project, __dirname] });
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The project's own TypeScript (the one its `tsc` is), else the one this package was installed with. */
export function loadTypeScript(project: string): typeof TS {
  const paths = [project, __dirname];
  const found = paths.map((p) => { try { return require.resolve("typescript", { paths: [p] }); } catch { return undefined; } }).find(Boolean);
  if (!found || !fs.existsSync(found)) {
    throw new Error(`TypeScript is not installed in ${project}: install it (npm install --save-dev typescript) so the App can be type-checked`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a TypeScript found at run time, loaded synchronously
  return require(found) as typeof TS;
}

if (require.main === module) {
  process.once("message", (request: SynthRequest) => {
    const addProject = registerTypeScript(request.cacheDir);
    for (const job of request.jobs) process.send!(runJob(job, addProject));
    process.disconnect();
  });
}
