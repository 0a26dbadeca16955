/**
 * Helpers of the end-to-end run: child processes with time limits (and the
 * documented commands run as written), HTTP to 127.0.0.1 only, and the request
 * loop that watches a rollout. Docker queries come from scripts/local.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { containersOf, docker, networksOf, volumesOf } from "../../scripts/local/docker-objects";
import { httpGet } from "../../scripts/local/http";

export const ROOT = path.resolve(__dirname, "../..");

/** Outcome of one child process. */
export interface Run {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed (SIGTERM, then SIGKILL 10 s later) after this many seconds. */
  readonly timeoutSeconds: number;
  /** Also append everything the process prints to this file. */
  readonly logFile?: string;
  /** Strings never written to `logFile` (replaced by "<redacted>"). */
  readonly redact?: readonly string[];
  readonly input?: string;
}

const running = new Set<ChildProcess>();

/** Runs `file args` without a shell; never rejects (look at `code`). */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<Run> {
  const command = [file, ...args].join(" ");
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    const log = options.logFile ? fs.openSync(options.logFile, "a") : undefined;
    if (log !== undefined) fs.writeSync(log, `\n$ ${command}\n`);
    const toLog = (d: Buffer) => {
      if (log !== undefined) fs.writeSync(log, (options.redact ?? []).reduce((text, secret) => text.split(secret).join("<redacted>"), d.toString()));
    };
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); toLog(d); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); toLog(d); });
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    }, options.timeoutSeconds * 1000);
    child.stdin.end(options.input ?? "");
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      running.delete(child);
      if (log !== undefined) fs.closeSync(log);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ command, code, signal, stdout, stderr: error ? `${stderr}${error.message}` : stderr, seconds, timedOut });
    };
    child.on("error", (error) => finish(127, null, error));
    child.on("close", (code, signal) => finish(code, signal));
  });
}

/** Like `run`, but throws with the command's tail of output unless it exits 0. */
export async function runOk(file: string, args: readonly string[], options: RunOptions): Promise<Run> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new Error(describeFailure(result));
  return result;
}

export function describeFailure(result: Run): string {
  const tail = (text: string) => text.trim().split("\n").slice(-40).join("\n");
  return [
    `${result.command} ${result.timedOut ? "timed out" : `exited ${result.code ?? result.signal}`} after ${result.seconds.toFixed(1)}s`,
    tail(result.stderr) && `--- stderr (tail)\n${tail(result.stderr)}`,
    tail(result.stdout) && `--- stdout (tail)\n${tail(result.stdout)}`,
  ].filter(Boolean).join("\n");
}

/** Stops every child process this module started that is still running. */
export function killChildren(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** `result` with the terminal colour codes cdktf prints taken out of its output. */
export function withoutColors(result: Run): Run {
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes, which start with ESC
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
  return { ...result, stdout: plain(result.stdout), stderr: plain(result.stderr) };
}

/** The line docs/local.md writes before its cdktf commands: the toolchain's exports. */
export const TOOLCHAIN_LINE = "set -a; . ./.toolchain.env; set +a";

/**
 * Runs `command` exactly as the documentation writes it, in bash from the repository root, after
 * TOOLCHAIN_LINE when `withToolchain` (docs/local.md's cdktf commands follow it).
 */
export async function readmeCommand(command: string, options: RunOptions & { withToolchain: boolean }): Promise<Run> {
  const script = options.withToolchain ? `${TOOLCHAIN_LINE}; ${command}` : command;
  return withoutColors(await run("bash", ["-c", script], options));
}

// ---------------------------------------------------------------- Docker

/** Removes every container, network and volume labelled with environment `env` (what a failed run left). */
export function sweep(env: string): string[] {
  const containers = containersOf(env);
  if (containers.length) docker(["rm", "-f", "-v", ...containers], 120);
  const networks = networksOf(env);
  if (networks.length) docker(["network", "rm", ...networks]);
  const volumes = volumesOf(env);
  if (volumes.length) docker(["volume", "rm", ...volumes]);
  return [...containers.map((c) => `container ${c}`), ...networks.map((n) => `network ${n}`), ...volumes.map((v) => `volume ${v}`)];
}

/** Containers, networks and volumes whose names match the anchored patterns of `names`, labelled or not. */
export function namedObjects(names: { containers: Iterable<string>; networks: Iterable<string>; volumes: Iterable<string> }): string[] {
  const all = (args: string[]) => docker(args).split("\n").map((l) => l.trim()).filter(Boolean);
  const found: string[] = [];
  const match = (kind: string, patterns: Iterable<string>, present: string[]) => {
    for (const pattern of patterns) found.push(...present.filter((n) => new RegExp(pattern).test(n)).map((n) => `${kind} ${n}`));
  };
  match("container", names.containers, all(["ps", "-a", "--format", "{{.Names}}"]));
  match("network", names.networks, all(["network", "ls", "--format", "{{.Name}}"]));
  match("volume", names.volumes, all(["volume", "ls", "--format", "{{.Name}}"]));
  return found;
}


// ---------------------------------------------------------------- HTTP (127.0.0.1 only)

/** One GET to 127.0.0.1:`port` with a Host header, on a new connection. */
export function get(port: number, host: string, timeoutMs = 10_000) {
  return httpGet(`http://127.0.0.1:${port}/`, host, timeoutMs);
}

/** `service=<svc> replica=<hostname> version=<v>` as the app images answer. */
export interface AppAnswer {
  readonly service: string;
  readonly replica: string;
  readonly version: string;
}

export function parseAppAnswer(body: string): AppAnswer | undefined {
  const m = /^service=(\S+) replica=(\S+) version=(\S+)\s*$/.exec(body);
  return m ? { service: m[1], replica: m[2], version: m[3] } : undefined;
}

/** `count` sequential GETs; every answer must be a 200 from an app replica. */
export async function sample(port: number, host: string, count: number): Promise<AppAnswer[]> {
  const answers: AppAnswer[] = [];
  for (let i = 0; i < count; i++) {
    const a = await get(port, host);
    const parsed = parseAppAnswer(a.body);
    if (a.status !== 200 || !parsed) throw new Error(`GET 127.0.0.1:${port} Host ${host}: ${a.status} ${JSON.stringify(a.body)}`);
    answers.push(parsed);
  }
  return answers;
}

/** Polls until `port` on 127.0.0.1 answers `ok` or `seconds` pass. */
export async function waitUntil(what: string, seconds: number, ok: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await ok()) return;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever was thrown, as JavaScript prints it
  throw new Error(`${what}: not within ${seconds}s${last ? ` (last error: ${String(last)})` : ""}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- request loop

export interface LoopResult {
  readonly requests: number;
  readonly failed: number;
  /** The first failures: when (ms after start), what. */
  readonly failures: { atMs: number; what: string }[];
  /** Answers per version, e.g. { "1.3.0": 120, "1.4.0": 80 }. */
  readonly versions: Record<string, number>;
  readonly maxLatencyMs: number;
  /** Median and 99th percentile latency, and how many requests took over a second. */
  readonly p50LatencyMs: number;
  readonly p99LatencyMs: number;
  readonly over1s: number;
  readonly seconds: number;
  /** Why the loop ended: "stopped" (the caller), "max-requests" or "max-seconds". */
  readonly ended: "stopped" | "max-requests" | "max-seconds";
}

export interface Loop {
  stop(): Promise<LoopResult>;
}

/**
 * Sends a GET every `intervalMs` (one at a time, each on a new connection) to
 * 127.0.0.1:`port` with Host `host` until stopped, or capped at `maxRequests`
 * requests / `maxSeconds` seconds. A failure is a non-200 answer, a body that
 * is not an app replica's answer, a connection error or a timeout.
 */
export function requestLoop(port: number, host: string, opts: { intervalMs: number; maxRequests: number; maxSeconds: number; timeoutMs: number }): Loop {
  const started = Date.now();
  let stopped = false;
  let requests = 0;
  let failed = 0;
  let maxLatencyMs = 0;
  const latencies: number[] = [];
  const failures: { atMs: number; what: string }[] = [];
  const versions: Record<string, number> = {};
  let ended: LoopResult["ended"] = "stopped";
  const fail = (what: string) => {
    failed++;
    if (failures.length < 20) failures.push({ atMs: Date.now() - started, what });
  };
  const done = (async () => {
    while (!stopped) {
      if (requests >= opts.maxRequests) { ended = "max-requests"; break; }
      if (Date.now() - started >= opts.maxSeconds * 1000) { ended = "max-seconds"; break; }
      const t0 = Date.now();
      requests++;
      try {
        const a = await get(port, host, opts.timeoutMs);
        maxLatencyMs = Math.max(maxLatencyMs, a.ms);
        latencies.push(a.ms);
        const parsed = parseAppAnswer(a.body);
        if (a.status !== 200 || !parsed) fail(`${a.status} ${JSON.stringify(a.body.slice(0, 120))}`);
        else versions[parsed.version] = (versions[parsed.version] ?? 0) + 1;
      } catch (error) {
        maxLatencyMs = Math.max(maxLatencyMs, Date.now() - t0);
        latencies.push(Date.now() - t0);
        fail(`${(error as Error).message}`);
      }
      await sleep(Math.max(0, opts.intervalMs - (Date.now() - t0)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
      return {
        requests, failed, failures, versions, maxLatencyMs,
        p50LatencyMs: pct(0.5), p99LatencyMs: pct(0.99), over1s: sorted.filter((ms) => ms > 1000).length,
        seconds: (Date.now() - started) / 1000, ended,
      };
    },
  };
}
