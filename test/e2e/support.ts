/**
 * Helpers of the end-to-end run: child processes with time limits, the
 * toolchain environment, Docker queries scoped to the test stack, HTTP to
 * 127.0.0.1 only, and the request loop that watches a rollout.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");

/** The label every resource of a Docker environment carries. */
export const ENV_LABEL = "org.cdktf-service-platform.environment";

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
    child.stdout.on("data", (d: Buffer) => { stdout += d; if (log !== undefined) fs.writeSync(log, d); });
    child.stderr.on("data", (d: Buffer) => { stderr += d; if (log !== undefined) fs.writeSync(log, d); });
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

/**
 * The environment `eval "$(scripts/toolchain.sh)"` produces: the script's own
 * export lines are evaluated by bash and the resulting environment read back.
 */
export async function toolchainEnv(): Promise<NodeJS.ProcessEnv> {
  const result = await runOk("bash", ["-c", 'set -e; eval "$(scripts/toolchain.sh)"; env -0'], { timeoutSeconds: 1800 });
  const env: NodeJS.ProcessEnv = {};
  for (const entry of result.stdout.split("\0")) {
    const i = entry.indexOf("=");
    if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
  }
  for (const name of ["TF_CLI_CONFIG_FILE", "TERRAFORM_BINARY_NAME", "DOCKER_PROVIDER_VERSION"]) {
    if (!env[name]) throw new Error(`scripts/toolchain.sh did not export ${name}:\n${result.stderr}`);
  }
  return env;
}

/**
 * Pins the docker provider the way `scripts/validate.sh --override-provider`
 * does: a Terraform override file replacing the version constraint of every
 * required provider whose source is `source`. The stack itself still says
 * what the bindings target (3.6.2); only this file, beside it, says otherwise.
 */
export function writeProviderOverride(stackDir: string, source: string, version: string): string {
  const norm = (s: string) => s.toLowerCase().replace(/^registry\.(terraform\.io|opentofu\.org)\//, "");
  const doc = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  const required: Record<string, { source?: string }> = doc.terraform?.required_providers ?? {};
  const pinned = Object.fromEntries(Object.entries(required)
    .filter(([, req]) => req.source && norm(req.source) === norm(source))
    .map(([name, req]) => [name, { source: req.source, version }]));
  if (Object.keys(pinned).length === 0) throw new Error(`${stackDir} requires no provider ${source}`);
  const file = path.join(stackDir, "zz_e2e_provider_override.tf.json");
  fs.writeFileSync(file, JSON.stringify({ terraform: { required_providers: pinned } }, null, 2) + "\n");
  return file;
}

// ---------------------------------------------------------------- Docker

export async function docker(args: readonly string[], timeoutSeconds = 60): Promise<string> {
  return (await runOk("docker", args, { timeoutSeconds })).stdout;
}

function lines(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter(Boolean);
}

/** Names of every container (running or not) labelled with environment `env`. */
export async function containersOf(env: string): Promise<string[]> {
  return lines(await docker(["ps", "-a", "--filter", `label=${ENV_LABEL}=${env}`, "--format", "{{.Names}}"])).sort();
}

export async function networksOf(env: string): Promise<string[]> {
  return lines(await docker(["network", "ls", "--filter", `label=${ENV_LABEL}=${env}`, "--format", "{{.Name}}"])).sort();
}

export async function volumesOf(env: string): Promise<string[]> {
  return lines(await docker(["volume", "ls", "--filter", `label=${ENV_LABEL}=${env}`, "--format", "{{.Name}}"])).sort();
}

/** Containers, networks and volumes with any of these exact names, labelled or not. */
/** Objects whose names match the anchored patterns of `names`. */
export async function namedObjects(names: { containers: string[]; networks: string[]; volumes: string[] }): Promise<string[]> {
  const found: string[] = [];
  const allContainers = new Set(lines(await docker(["ps", "-a", "--format", "{{.Names}}"])));
  const allNetworks = new Set(lines(await docker(["network", "ls", "--format", "{{.Name}}"])));
  const allVolumes = new Set(lines(await docker(["volume", "ls", "--format", "{{.Name}}"])));
  const present = (pattern: string, all: Set<string>) => [...all].filter((n) => new RegExp(pattern).test(n));
  for (const c of names.containers) found.push(...present(c, allContainers).map((n) => `container ${n}`));
  for (const n of names.networks) found.push(...present(n, allNetworks).map((x) => `network ${x}`));
  for (const v of names.volumes) found.push(...present(v, allVolumes).map((x) => `volume ${x}`));
  return found;
}

/** `docker inspect` of each name, parsed. */
export async function inspect(kind: "container" | "network" | "volume", names: readonly string[]): Promise<any[]> {
  if (names.length === 0) return [];
  return JSON.parse(await docker([kind, "inspect", ...names]));
}

/** Removes the containers labelled for environment `env`. */
export async function sweepContainers(env: string): Promise<string[]> {
  const containers = await containersOf(env);
  if (containers.length) await docker(["rm", "-f", "-v", ...containers], 120);
  return containers.map((c) => `container ${c}`);
}

/** Removes what a previous run left, found by the environment label only. */
export async function sweep(env: string): Promise<string[]> {
  const removed = await sweepContainers(env);
  const networks = await networksOf(env);
  if (networks.length) { await docker(["network", "rm", ...networks]); removed.push(...networks.map((n) => `network ${n}`)); }
  const volumes = await volumesOf(env);
  if (volumes.length) { await docker(["volume", "rm", ...volumes]); removed.push(...volumes.map((v) => `volume ${v}`)); }
  return removed;
}

// ---------------------------------------------------------------- HTTP (127.0.0.1 only)

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/** One GET to 127.0.0.1:`port` with a Host header, on a new connection. */
export function get(port: number, host: string, timeoutMs = 10_000): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: "/", headers: { Host: host, Connection: "close" }, agent: false, timeout: timeoutMs },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
  });
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
  throw new Error(`${what}: not within ${seconds}s${last ? ` (last error: ${last})` : ""}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether something already listens on 127.0.0.1:`port`. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
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
