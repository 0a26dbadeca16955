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
  private readonly ts: typeof TS;
  /** Parsed files by path, with a hash of the text they were parsed from: what both sides share is parsed once. */
  private readonly parsed = new Map<string, { readonly hash: string; readonly file: TS.SourceFile }>();

  /**
   * @param project the project directory as the head sees it
   * @param shared directories that both sides take from the project as they are (node_modules, generated bindings)
   * @param buildInfo where the incremental state is kept between reviews
   */
  constructor(private readonly project: string, private readonly shared: readonly string[], private readonly buildInfo: string) {
    this.ts = loadTypeScript(project);
  }

  /** Checks one side. */
  public check(tree: CheckedTree): TypeCheckResult {
    const ts = this.ts;
    const toTree = (file: string) => this.redirect(file, tree.dir);
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
    const parse = host.getSourceFile;
    host.getSourceFile = (file, language, onError, create) => {
      const text = system.readFile(file);
      const hash = text === undefined ? undefined : createHash("sha256").update(text).digest("hex");
      const known = this.parsed.get(file);
      if (known && known.hash === hash) return known.file;
      const parsed = parse(file, language, onError, create);
      if (parsed && hash) this.parsed.set(file, { hash, file: parsed });
      return parsed;
    };
    this.previous ??= ts.readBuilderProgram(options, { useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames, getCurrentDirectory: () => this.project, readFile: ts.sys.readFile });
    const roots = tree.entry ? [path.join(this.project, tree.entry)] : config?.fileNames ?? [];
    const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(roots, options, host, this.previous);
    this.previous = builder;
    const own = builder.getProgram().getSourceFiles().filter((f) => !f.isDeclarationFile && this.isOwn(f.fileName));
    // Walks what the change affects, checking the App's own files and marking the rest done unchecked.
    while (builder.getSemanticDiagnosticsOfNextAffectedFile(undefined, (f) => f.isDeclarationFile || !this.isOwn(f.fileName)));
    const diagnostics = [
      ...(config?.errors ?? []),
      ...builder.getOptionsDiagnostics(),
      ...builder.getGlobalDiagnostics(),
      ...own.flatMap((f) => [...builder.getSyntacticDiagnostics(f), ...builder.getSemanticDiagnostics(f)]),
    ].filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (diagnostics.length === 0) return { ok: true };
    return { ok: false, errors: diagnostics.map((d) => this.format(d)) };
  }

  /** Keeps the last check's state for the next review (with noEmit, emitting writes only the build info). */
  public save(): void {
    fs.mkdirSync(path.dirname(this.buildInfo), { recursive: true });
    // Written whole, then renamed: a review running next to this one never reads half a file.
    this.previous?.emit(undefined, (file, text) => {
      fs.writeFileSync(`${file}.${process.pid}.tmp`, text);
      fs.renameSync(`${file}.${process.pid}.tmp`, file);
    });
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
