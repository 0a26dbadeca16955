import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

/**
 * A new directory for samples under the repository's `.cache` (ignored by git): inside the
 * repository, so the samples resolve cdktf from its node_modules as a user's project would.
 */
export function sampleDirectory(prefix: string): string {
  fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
  return fs.mkdtempSync(path.join(ROOT, ".cache", prefix));
}

/**
 * Writes the ```ts blocks of the Markdown `doc` into `dir` (inside the
 * repository, so they resolve cdktf like a user's project would), importing
 * the library from this repository instead of the package. Returns the files.
 */
export function writeDocSamples(doc: string, dir: string): string[] {
  const lib = path.relative(dir, path.join(ROOT, "lib")).split(path.sep).join("/");
  return [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => {
    const file = path.join(dir, `sample-${i}.ts`);
    fs.writeFileSync(file, m[1].replace(/from "cdktf-service-platform"/g, `from "${lib}"`));
    return file;
  });
}

/** The type errors of `files` under the repository's compiler options. */
export function typeProblems(files: string[]): string[] {
  return [...typeProblemsByFile(files).values()].flat();
}

/**
 * The type errors of each of `files` (independent modules), from one program:
 * the library is checked once, not once per file. Errors outside the files
 * are listed under "".
 */
export function typeProblemsByFile(files: string[]): Map<string, string[]> {
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const found = new Map<string, string[]>(files.map((file) => [path.resolve(file), []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file === undefined ? "" : path.resolve(d.file.fileName);
    if (file !== "" && !found.has(file)) continue;
    found.set(file, [...(found.get(file) ?? []), ts.flattenDiagnosticMessageText(d.messageText, "\n")]);
  }
  return found;
}
