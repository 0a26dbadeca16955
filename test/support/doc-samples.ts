import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

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
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
