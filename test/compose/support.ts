import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { runComposeImport } from "../../lib/compose/cli";

export const EXAMPLES = path.resolve(__dirname, "../../examples/compose");
const REPO = path.resolve(__dirname, "../..");

/**
 * Compiles `files` with the real compiler, strict and without unused names, the
 * package name resolving to this repository's lib/ as an installed package would.
 */
export function typeCheck(files: string[]): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compose-tsc-"));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, noUnusedLocals: true, target: "ES2022", module: "commonjs", moduleResolution: "node",
      esModuleInterop: true, skipLibCheck: true, types: ["node"], typeRoots: [path.join(REPO, "node_modules/@types")],
      baseUrl: REPO, paths: { "cdktf-service-platform": ["lib/index.ts"] },
    },
    files,
  }));
  const result = spawnSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What `compose-import` printed and returned. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in-process with `argv`, relative paths against `cwd`. */
export function composeImport(argv: string[], cwd = process.cwd()): CliRun {
  let stdout = "";
  let stderr = "";
  const status = runComposeImport(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { status, stdout, stderr };
}

/**
 * Every environment value a compose text holds, read with the YAML library
 * independently of the importer: lists of NAME=value and mappings alike.
 */
export function environmentValues(text: string): string[] {
  const root = parseDocument(text, { version: "1.1" }).toJS() as Record<string, any>;
  const services: Record<string, any> = root.services ?? root;
  return Object.values(services).flatMap((service: any) => {
    const env = service?.environment;
    if (Array.isArray(env)) {
      return env.map(String).filter((e) => e.includes("=") && !/^(availability|affinity|constraint|reschedule):/.test(e))
        .map((e) => e.slice(e.indexOf("=") + 1));
    }
    return env && typeof env === "object" ? Object.values(env).map(String) : [];
  });
}

/** Reads an example's compose file. */
export function example(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES, `${name}.yml`), "utf8");
}

/** A version 1 file with one service `app` of `image`, the given labels and extra keys (YAML lines, indented by the caller). */
export function v1(labels: string[], extra: string[] = [], image = "registry.cn-hangzhou.aliyuncs.com/team/app:v1.0.0"): string {
  return [
    "app:",
    `  image: '${image}'`,
    ...(labels.length > 0 ? ["  labels:", ...labels.map((l) => `    ${l}`)] : []),
    ...extra.map((l) => `  ${l}`),
    "",
  ].join("\n");
}
