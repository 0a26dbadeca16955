import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../toolchain-env";
import { DockerStackFacts, readDockerStack } from "./stack-facts";

/** The example App's Docker stack that `npm run up` and `npm run down` manage. */
export const STACK = "test";
/** The gitignored variables file of that stack, relative to the repository (as the README names it). */
export const VARIABLES_FILE = `${STACK}.tfvars.json`;
/** The plan `cdktf diff` leaves beside the stack: like the state, it holds the secrets' values. */
export const PLAN_FILE = path.join("cdktf.out", "stacks", STACK, "plan");
/** Where `cdktf deploy` writes the stack's outputs for `npm run up`. */
export const OUTPUTS_FILE = path.join("cdktf.out", `${STACK}-outputs.json`);

/** An error whose message is all the user needs; `main` prints it and exits 1. */
export class Stop extends Error {}

export function say(tool: string, line: string): void {
  console.log(`${tool}: ${line}`);
}

/** `scripts/docker-engine.sh start`: a running engine is left alone; its own message says what to do when it cannot start one. */
export function startEngine(): void {
  const result = spawnSync(path.join(ROOT, "scripts/docker-engine.sh"), ["start"], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (result.status !== 0) throw new Stop("no Docker engine (see above)");
}

/**
 * Runs the App as cdktf.json names it into a temporary directory, as `cdktf synth` would, and
 * reads the facts of STACK. A rejected input stops here with the App's own report.
 */
export function synthesize(env: NodeJS.ProcessEnv): DockerStackFacts {
  const { app } = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `${STACK}-synth-`));
  const result = spawnSync("bash", ["-c", app], { cwd: ROOT, env: { ...env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
  if (result.status !== 0) throw new Stop(`synthesis failed (${app}):\n${result.stderr.trim()}`);
  return readDockerStack(outdir, STACK);
}

/** Runs the project's cdktf CLI with `args`, output to the terminal; returns its exit code. */
export function cdktf(tool: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  say(tool, `running cdktf ${args.join(" ")}`);
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/cdktf"), args, { cwd: ROOT, env, stdio: "inherit" });
  return result.status ?? 1;
}

/** `value` as one word for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Runs `body`, printing a Stop's message (or any error) as the tool's error and exiting 1. */
export function main(tool: string, body: () => void | Promise<void>): void {
  Promise.resolve().then(body).catch((error: unknown) => {
    const text = error instanceof Stop ? error.message : error instanceof Error ? error.stack ?? String(error) : String(error);
    console.error(`${tool}: ERROR: ${text}`);
    process.exitCode = 1;
  });
}
