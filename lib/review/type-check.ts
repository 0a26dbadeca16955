import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { loadTypeScript } from "./synth-worker";

/** One side's project files for the type check. */
export interface CheckedTree {
  /** Where the files really are: the project itself, or an extracted commit. */
  readonly dir: string;
  /** The TypeScript entry file of the App (relative to the project), or undefined to check the whole tsconfig. */
  readonly entry?: string;
}

/** What a type check found: nothing, or the first errors as `file(line,col): error TSxxxx: message`. */
export type TypeCheckResult = { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Type-checks both sides of a review as `tsc --noEmit` would, in this
 * process, one after the other. Each side is presented at the project's own
 * path (an extracted commit is mapped onto it), so the second check builds on
 * the first as `tsc --incremental` would: unchanged files keep their
 * diagnostics and only what a change can affect is checked again. The last
 * state is kept in `buildInfo`, so the next review starts from it. Only the
 * App's own files are checked and reported: generated bindings (`.gen`) and
 * `node_modules` are the generator's and the packages' business, as with
 * `skipLibCheck`.
 */
export class TypeChecker {
  private previous?: TS.EmitAndSemanticDiagnosticsBuilderProgram;
  private built = false;
  private loaded?: typeof TS;
  /** Sides checked before, newest first: a side whose files all read the same is not checked again. */
  private readonly memos: Memo[];
  /** Parsed files by path, with a hash of the text they were parsed from: what both sides share is parsed once. */
  private readonly parsed = new Map<string, { readonly hash: string; readonly file: TS.SourceFile }>();

  /**
   * @param project the project directory as the head sees it
   * @param shared directories that both sides take from the project as they are (node_modules, generated bindings)
   * @param buildInfo where the incremental state is kept between reviews
   */
  constructor(private readonly project: string, private readonly shared: readonly string[], private readonly buildInfo: string) {
    this.memos = readMemos(`${buildInfo}.memo.json`);
  }

  /** Checks one side. */
  public check(tree: CheckedTree): TypeCheckResult {
    const toTree = (file: string) => this.redirect(file, tree.dir);
    const hashOf = (file: string) => hashText(readText(toTree(file)));
    // As `tsc -b` decides a project is up to date: every file the check read reads the same.
    const key = `${tree.entry ?? "(tsconfig.json)"}\0${hashText(readText(path.join(tree.dir, "tsconfig.json")))}`;
    const known = this.memos.find((m) => m.key === key && Object.entries(m.files).every(([file, hash]) => hashOf(file) === hash));
    if (known) return result(known.errors);
    const errors = this.typeCheck(tree, toTree);
    const files = Object.fromEntries(this.previous!.getProgram().getSourceFiles().map((f) => [f.fileName, hashOf(f.fileName)]));
    this.memos.unshift({ key, files, errors });
    this.memos.splice(MEMOS);
    return result(errors);
  }

  private get ts(): typeof TS {
    this.loaded ??= loadTypeScript(this.project);
    return this.loaded;
  }

  /** The errors of one side, found as `tsc --incremental --noEmit` would. */
  private typeCheck(tree: CheckedTree, toTree: (file: string) => string): string[] {
    const ts = this.ts;
    const fromTree = (root: string, file: string) => path.join(root, path.relative(toTree(root), file));
    const system: TS.System = {
      ...ts.sys,
      readFile: (file, encoding) => ts.sys.readFile(toTree(file), encoding),
      fileExists: (file) => ts.sys.fileExists(toTree(file)),
      directoryExists: (dir) => ts.sys.directoryExists(toTree(dir)),
      getDirectories: (dir) => ts.sys.getDirectories(toTree(dir)),
      readDirectory: (root, ...rest) => ts.sys.readDirectory(toTree(root), ...rest).map((f) => fromTree(root, f)),
      realpath: (file) => (toTree(file) === file ? ts.sys.realpath!(file) : file),
    };
    const configFile = path.join(this.project, "tsconfig.json");
    const config = system.fileExists(configFile)
      ? ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...system, onUnRecoverableConfigFileDiagnostic: () => undefined })
      : undefined;
    const options: TS.CompilerOptions = {
      ...(config?.options ?? {}), noEmit: true, incremental: true, composite: false, tsBuildInfoFile: this.buildInfo,
    };
    // Versions each file by a hash of its text, which tells the builder what changed between the sides.
    const host = ts.createIncrementalCompilerHost(options, system);
    // As tsc does since TypeScript 5.3: JSDoc is parsed only where it can hold a type error (@types/node is mostly comments).
    if (ts.JSDocParsingMode) host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, onError, create) => {
      const text = system.readFile(file);
      const hash = text === undefined ? undefined : createHash("sha256").update(text).digest("hex");
      const known = this.parsed.get(file);
      if (known && known.hash === hash) return known.file;
      const parsed = parse(file, language, onError, create);
      if (parsed && hash) this.parsed.set(file, { hash, file: parsed });
      return parsed;
    };
    this.previous ??= ts.readBuilderProgram(options, { useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames, getCurrentDirectory: () => this.project, readFile: (file) => ts.sys.readFile(file) });
    const roots = tree.entry ? [path.join(this.project, tree.entry)] : config?.fileNames ?? [];
    const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(roots, options, host, this.previous);
    this.previous = builder;
    this.built = true;
    const own = builder.getProgram().getSourceFiles().filter((f) => !f.isDeclarationFile && this.isOwn(f.fileName));
    // Walks what the change affects, checking the App's own files and marking the rest done unchecked.
    while (builder.getSemanticDiagnosticsOfNextAffectedFile(undefined, (f) => f.isDeclarationFile || !this.isOwn(f.fileName)));
    const diagnostics = [
      ...(config?.errors ?? []),
      ...builder.getOptionsDiagnostics(),
      ...builder.getGlobalDiagnostics(),
      ...own.flatMap((f) => [...builder.getSyntacticDiagnostics(f), ...builder.getSemanticDiagnostics(f)]),
    ].filter((d) => d.category === ts.DiagnosticCategory.Error);
    return diagnostics.map((d) => this.format(d));
  }

  /** Keeps the last check's state and what each side's check found, for the next review. */
  public save(): void {
    if (!this.built) return;
    fs.mkdirSync(path.dirname(this.buildInfo), { recursive: true });
    // With noEmit, emitting writes only the build info.
    this.previous!.emit(undefined, (file, text) => writeWhole(file, text));
    writeWhole(`${this.buildInfo}.memo.json`, JSON.stringify(this.memos));
  }

  /** A path under the project, as it is in `dir` (shared directories stay where they are). */
  private redirect(file: string, dir: string): string {
    if (dir === this.project) return file;
    const relative = path.relative(this.project, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return file;
    return this.shared.some((s) => relative === s || relative.startsWith(`${s}${path.sep}`)) ? file : path.join(dir, relative);
  }

  private isOwn(file: string): boolean {
    const relative = path.relative(this.project, file);
    return !relative.startsWith("..") && !relative.split(path.sep).includes("node_modules")
      && !this.shared.some((s) => relative === s || relative.startsWith(`${s}${path.sep}`));
  }

  private format(d: TS.Diagnostic): string {
    const message = this.ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0];
    if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(this.project, d.file.fileName)}(${line + 1},${character + 1}): error TS${d.code}: ${message}`;
  }
}

/** What a check found for one set of file contents. */
interface Memo {
  /** The entry it was rooted at and the tsconfig.json it read. */
  readonly key: string;
  /** Every file its program read, with a hash of the text. */
  readonly files: Readonly<Record<string, string>>;
  /** The errors it found. */
  readonly errors: readonly string[];
}

/** How many checked sides are remembered: a review's two, and the two before. */
const MEMOS = 4;

function result(errors: readonly string[]): TypeCheckResult {
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function readMemos(file: string): Memo[] {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Memo[];
  } catch {
    return [];
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function hashText(text: string | undefined): string {
  return text === undefined ? "(none)" : createHash("sha256").update(text).digest("hex");
}

/** Written whole, then renamed: a review running next to this one never reads half a file. */
function writeWhole(file: string, text: string): void {
  fs.writeFileSync(`${file}.${process.pid}.tmp`, text);
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
}
