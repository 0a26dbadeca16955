import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { ROOT } from "../toolchain-env";
import { DockerStackFacts, readDockerStack } from "./stack-facts";

/** The example App's Docker stack that `npm run up` and `npm run down` manage. */
export const STACK = "test";
/** The gitignored variables file of that stack, relative to the repository (as the README names it). */
export const VARIABLES_FILE = `${STACK}.tfvars.json`;
/** The plan `cdktf diff` leaves beside the stack: like the state, it holds the secrets' values. */
export const PLAN_FILE = path.join("cdktf.out", "stacks", STACK, "plan");

/** An error whose message is all the user needs; `main` prints it and exits 1. */
export class Stop extends Error {}

export function say(tool: string, line: string): void {
  console.log(`${tool}: ${line}`);
}

/** The Unix socket the Docker CLI talks to, unless DOCKER_HOST names another kind of address. */
function engineSocket(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.DOCKER_HOST;
  if (!host) return "/var/run/docker.sock";
  return host.startsWith("unix://") ? host.slice("unix://".length) : undefined;
}

/** Whether the engine answers its ping on the socket, within a second. */
function pingAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: "/_ping", timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/**
 * A Docker engine that answers: one ping on its socket when it runs (the common case, a few
 * milliseconds); otherwise `scripts/docker-engine.sh start`, whose own message says what to do
 * when it cannot start one.
 */
export async function startEngine(): Promise<void> {
  const socket = engineSocket(process.env);
  if (socket && (await pingAnswers(socket))) return;
  const result = spawnSync(path.join(ROOT, "scripts/docker-engine.sh"), ["start"], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (result.status !== 0) throw new Stop("no Docker engine (see above)");
}

/** The App's output directory, as `cdktf synth` writes it: cdktf.json's `output`, else cdktf.out. */
export function outputDirectory(): string {
  const { output } = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { output?: string };
  return path.resolve(ROOT, output ?? "cdktf.out");
}

/**
 * Runs the App as cdktf.json names it into its output directory, as `cdktf synth` does, and
 * reads the facts of STACK. Terraform then runs in that stack's directory, the one `cdktf deploy`
 * uses, so both share its `.terraform` and the state. A rejected input stops here with the App's
 * own report.
 */
export function synthesize(env: NodeJS.ProcessEnv): DockerStackFacts {
  const { app } = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  const outdir = outputDirectory();
  const result = spawnSync("bash", ["-c", app], { cwd: ROOT, env: { ...env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
  if (result.status !== 0) throw new Stop(`synthesis failed (${app}):\n${result.stderr.trim()}`);
  return readDockerStack(outdir, STACK);
}

/** `value` as one word for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Wall-clock time of each step of a run, for the line a tool ends with. */
export class Steps {
  private readonly started = performance.now();
  private last = this.started;
  private readonly taken: [string, number][] = [];

  /** Ends the step running since the last one ended (or the start), under `name`. */
  public done(name: string): void {
    const now = performance.now();
    this.taken.push([name, now - this.last]);
    this.last = now;
  }

  /** E.g. "3.41 s (synthesis 0.80, terraform 2.10, …)". */
  public summary(): string {
    const secs = (ms: number) => (ms / 1000).toFixed(2);
    return `${secs(performance.now() - this.started)} s (${this.taken.map(([name, ms]) => `${name} ${secs(ms)}`).join(", ")})`;
  }
}

/** Runs `body`, printing a Stop's message (or any error) as the tool's error and exiting 1. */
export function main(tool: string, body: () => void | Promise<void>): void {
  Promise.resolve().then(body).catch((error: unknown) => {
    const text = error instanceof Stop ? error.message : error instanceof Error ? error.stack ?? String(error) : String(error);
    console.error(`${tool}: ERROR: ${text}`);
    process.exitCode = 1;
  });
}
