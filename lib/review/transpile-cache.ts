import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { loadTypeScript } from "./type-check";

/** How one project's files are compiled. */
interface ProjectCompiler {
  readonly root: string;
  /** TypeScript version and tsconfig.json text: part of every cache key. */
  readonly salt: string;
  options?: TS.CompilerOptions;
  ts?: typeof TS;
}

/**
 * Makes `require` run TypeScript files, as `ts-node --transpile-only` does,
 * but remembering each file's JavaScript by its content (and the TypeScript
 * version and tsconfig it was compiled with) in memory and in `cacheDir`. The
 * two sides of a review share most files, and a second review shares almost
 * all of them, so most files are compiled once. TypeScript itself is only
 * loaded when a file is not in the cache. Call the returned function with
 * each project root before running its App; a file compiles with the options
 * of the project it lies in.
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
    project.ts ??= loadTypeScript(project.root);
    project.options ??= compilerOptions(project.ts, project.root);
    const output = project.ts.transpileModule(source, { fileName: filename, compilerOptions: project.options }).outputText;
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
    const salt = `${typescriptVersion(root)}\0${readIfExists(path.join(root, "tsconfig.json")) ?? ""}`;
    // Deepest root first, so a project inside another compiles with its own options.
    projects.push({ root, salt });
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
