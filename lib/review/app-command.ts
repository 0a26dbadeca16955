import * as fs from "fs";
import * as path from "path";

/** How a project's App is run, read from its cdktf.json. */
export type AppCommand =
  /** A TypeScript or JavaScript entry file: run in the review's own synthesis process, compiled through a shared cache. */
  | { readonly kind: "entry"; readonly file: string; readonly command: string }
  /**
   * Anything else: run as cdktf would, through the shell; `typed` is the TypeScript file it names, if any;
   * `compiles` says the command starts with `tsc && …`, so a type error stops the synthesis itself.
   */
  | { readonly kind: "shell"; readonly command: string; readonly typed?: string; readonly compiles: boolean };

/** Runners whose only job is to run one TypeScript file, with the flags that change nothing about the result. */
const TS_RUNNERS = new Set(["ts-node", "ts-node-transpile-only"]);
const HARMLESS_FLAGS = new Set(["--transpile-only", "--transpileOnly", "-T", "--swc", "--prefer-ts-exts"]);

/**
 * `tsc` (through npx or not, with a project file or not) and then `&&`: the
 * quick start's `npx tsc && node dist/main.js`. tsc exits non-zero on any type
 * error, so the rest never runs and the side fails with tsc's errors.
 */
const COMPILES_FIRST = /^(?:npx\s+)?tsc(?:\s+(?:-p|--project)\s+[^\s&|;]+)?\s*&&\s*\S/;

/**
 * The App of the project in `dir`: cdktf.json's `app`. `ts-node <file>.ts`
 * (with `npx` and transpile flags or not) and `node <file>.js` name an entry
 * file the review can run itself; any other command runs as it is, and the
 * TypeScript file it names (if one) roots the type check, which a command
 * that compiles with `tsc` first makes redundant.
 */
export function appCommand(dir: string): AppCommand {
  const file = path.join(dir, "cdktf.json");
  if (!fs.existsSync(file)) throw new Error(`${dir} has no cdktf.json: is it a cdktf project?`);
  const command = (JSON.parse(fs.readFileSync(file, "utf8")) as { app?: unknown }).app;
  if (typeof command !== "string" || command.trim() === "") throw new Error(`${file} has no "app" command`);
  const words = command.trim().split(/\s+/);
  if (words[0] === "npx") words.shift();
  const runner = words.shift();
  const flags = words.filter((w) => w.startsWith("-"));
  const files = words.filter((w) => !w.startsWith("-"));
  const runsFile = (runner !== undefined && TS_RUNNERS.has(runner) && flags.every((f) => HARMLESS_FLAGS.has(f)) && /\.tsx?$/.test(files[0] ?? ""))
    || (runner === "node" && flags.length === 0 && /\.c?js$/.test(files[0] ?? ""));
  if (runsFile && files.length === 1) return { kind: "entry", file: path.resolve(dir, files[0]), command };
  // A runner of its own (`node scripts/run-ts.js stacks/main.ts`): the TypeScript file it names is the App's entry.
  const typed = files.find((f) => /\.tsx?$/.test(f));
  return { kind: "shell", command, typed: typed === undefined ? undefined : path.resolve(dir, typed), compiles: COMPILES_FIRST.test(command.trim()) };
}
