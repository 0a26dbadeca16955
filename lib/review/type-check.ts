import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

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
 * path (an extracted commit is mapped onto it), so the second check reuses the
 * first: unchanged files keep their diagnostics and only what a change can
 * affect is checked again. Only the App's own files are reported: generated
 * bindings (`.gen`) and `node_modules` are the generator's and the packages'
 * business, as with `skipLibCheck`.
 */
export class TypeChecker {
  private previous?: TS.SemanticDiagnosticsBuilderProgram;
  private readonly ts: typeof TS;

  /**
   * @param project the project directory as the head sees it
   * @param shared directories that both sides take from the project as they are (node_modules, generated bindings)
   */
  constructor(private readonly project: string, private readonly shared: readonly string[]) {
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
    const options: TS.CompilerOptions = { ...(config?.options ?? {}), noEmit: true, incremental: false, composite: false };
    // Versions each file by a hash of its text, which tells the builder what changed between the sides.
    const host = ts.createIncrementalCompilerHost(options, system);
    const roots = tree.entry ? [path.join(this.project, tree.entry)] : config?.fileNames ?? [];
    const builder = ts.createSemanticDiagnosticsBuilderProgram(roots, options, host, this.previous);
    this.previous = builder;
    const program = builder.getProgram();
    const own = program.getSourceFiles().filter((f) => !f.isDeclarationFile && this.isOwn(f.fileName));
    const diagnostics = [
      ...(config?.errors ?? []),
      ...builder.getOptionsDiagnostics(),
      ...builder.getGlobalDiagnostics(),
      ...own.flatMap((f) => [...builder.getSyntacticDiagnostics(f), ...builder.getSemanticDiagnostics(f)]),
    ].filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (diagnostics.length === 0) return { ok: true };
    return { ok: false, errors: diagnostics.map((d) => this.format(d)) };
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

/** The project's own TypeScript (the one its `tsc` is), else the one this package was installed with. */
export function loadTypeScript(project: string): typeof TS {
  const paths = [project, __dirname];
  const found = paths.map((p) => { try { return require.resolve("typescript", { paths: [p] }); } catch { return undefined; } }).find(Boolean);
  if (!found || !fs.existsSync(found)) {
    throw new Error(`TypeScript is not installed in ${project}: install it (npm install --save-dev typescript) so the App can be type-checked`);
  }
  return require(found) as typeof TS;
}
