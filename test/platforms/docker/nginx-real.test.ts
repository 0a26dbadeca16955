/**
 * The generated nginx configuration, run by a real nginx (Debian's `nginx`
 * package) in front of real backend processes on 127.0.0.1.
 *
 * nginx runs as root from a temporary prefix: `-p` points relative paths into
 * it, `-e` sends the early error log there, and `-g 'pid ...; daemon off;'`
 * keeps the pid file out of /run and the master process in the foreground, so
 * the generated file itself is used exactly as rendered.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { Duration, Image, Port, Probe, Route, Service, ServiceCatalog } from "../../../lib";
import { planListeners } from "../../../lib/platforms/docker/load-balancer-plan";
import { NO_ROUTE_ANSWER, renderNginxConfig } from "../../../lib/platforms/docker/nginx-config";

const DOMAIN = "shop.example.com";
const STARTUP_MS = 15_000;
const REQUEST_MS = 5_000;

/** nginx from PATH; Debian installs it in /usr/sbin, which a non-root PATH may lack. */
function findNginx(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/sbin", "/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, "nginx");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A backend answering every request with its own name and the Host header it received. */
const BACKEND_SOURCE = `
const http = require("http");
const name = process.env.BACKEND_NAME;
const server = http.createServer((req, res) => {
  req.resume();
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ backend: name, host: req.headers.host }));
});
server.listen(0, "127.0.0.1", () => process.stdout.write("listening " + server.address().port + "\\n"));
// The test process owns the other end of stdin: if it dies, so does the backend.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
`;

interface Backend {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

const children: ChildProcess[] = [];
const backends = new Map<string, Backend>();
let nginx: ChildProcess | undefined;
let nginxOutput = "";
let nginxBin: string | undefined;
let dir = "";
let confFile = "";
let webPort = 0;
let apiPort = 0;

function startBackend(name: string): Promise<Backend> {
  const child = spawn(process.execPath, ["-e", BACKEND_SOURCE], {
    env: { ...process.env, BACKEND_NAME: name },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`backend ${name} did not start within ${STARTUP_MS} ms: ${out}`)), STARTUP_MS);
    child.stderr.on("data", (chunk) => (out += chunk));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ name, port: Number(match[1]), child });
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`backend ${name} exited (${code ?? signal}) before listening: ${out}`));
    });
  });
}

/** Two distinct ports that were free a moment ago. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function get(port: number, host: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/", headers: { Host: host }, agent: false, timeout: REQUEST_MS },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET 127.0.0.1:${port} (Host: ${host}) timed out`)));
    req.on("error", reject);
    req.end();
  });
}

async function getMany(count: number, port: number, host: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await get(port, host));
  return answers;
}

function backendOf(answer: Answer): string {
  return (JSON.parse(answer.body) as { backend: string }).backend;
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (nginx && nginx.exitCode !== null) {
      throw new Error(`nginx exited with ${nginx.exitCode}: ${nginxOutput}\n${readLog("error.log")}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx is not listening on 127.0.0.1:${port} after ${STARTUP_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function readLog(name: string): string {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/** nginx with the prefix, early error log and pid file inside the temporary directory. */
function nginxArgs(...extra: string[]): string[] {
  return ["-c", confFile, "-p", `${dir}/`, "-e", path.join(dir, "error.log"), ...extra];
}

beforeAll(async () => {
  nginxBin = findNginx();
  if (!nginxBin) {
    throw new Error("nginx is not on PATH (nor in /usr/sbin): install Debian's `nginx` package (apt-get install -y nginx)");
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-nginx-"));
  for (const b of await Promise.all(["web-1", "web-2", "api-1"].map(startBackend))) backends.set(b.name, b);
  [webPort, apiPort] = await freePorts(2);

  const catalog = new ServiceCatalog();
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    replicas: 2,
    ports: [Port.http(8080, { route: Route.public({ listenerPort: webPort, domains: [DOMAIN] }) })],
    probe: Probe.http(8080, { period: Duration.seconds(5), failureThreshold: 2 }),
  });
  new Service(catalog, "api", {
    image: Image.fromRegistry("shop/api"),
    replicas: 1,
    ports: [Port.http(8085, { route: Route.internal({ listenerPort: apiPort }) })],
  });
  const listeners = planListeners(
    catalog.services.map((service) => ({ service, replicas: service.replicas })),
    (service, replica) => `127.0.0.1:${backends.get(`${service}-${replica}`)!.port}`,
  );
  confFile = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    confFile,
    renderNginxConfig(listeners, {
      listenAddress: "127.0.0.1",
      errorLog: path.join(dir, "error.log"),
      accessLog: path.join(dir, "access.log"),
    }),
  );

  nginx = spawn(nginxBin, nginxArgs("-g", `daemon off; pid ${path.join(dir, "nginx.pid")};`), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(nginx);
  nginx.stdout!.on("data", (chunk) => (nginxOutput += chunk));
  nginx.stderr!.on("data", (chunk) => (nginxOutput += chunk));
  await waitForPort(webPort);
  await waitForPort(apiPort);
}, 60_000);

afterAll(async () => {
  // nginx first (fast shutdown), then every backend; also after a failed beforeAll.
  await Promise.all(children.map((child) => stop(child, child === nginx ? "SIGTERM" : "SIGKILL")));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

test("the rendered configuration upstreams every replica on 127.0.0.1", () => {
  const config = fs.readFileSync(confFile, "utf8");
  for (const b of backends.values()) expect(config).toContain(`server 127.0.0.1:${b.port} `);
  expect(config).toContain(`listen 127.0.0.1:${webPort} default_server;`);
  expect(config).toContain(`server_name ${DOMAIN};`);
  expect(config).toContain(`listen 127.0.0.1:${apiPort} default_server;`);
  // web's probe: 2 failures, 5 s period
  expect(config).toMatch(/max_fails=2 fail_timeout=5s;/);
});

test("nginx -t accepts the generated configuration", () => {
  const result = spawnSync(nginxBin!, nginxArgs("-t", "-g", `pid ${path.join(dir, "nginx-t.pid")};`), {
    encoding: "utf8",
    timeout: 30_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining("test is successful") });
});

test("requests for the domain are balanced over both replicas, and fail over to the survivor", async () => {
  const before = await getMany(20, webPort, DOMAIN);
  expect(before.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(new Set(before.map(backendOf))).toEqual(new Set(["web-1", "web-2"]));
  // the Host header reaches the replica unchanged
  expect(new Set(before.map((a) => (JSON.parse(a.body) as { host: string }).host))).toEqual(new Set([DOMAIN]));

  const victim = backends.get("web-1")!;
  await stop(victim.child, "SIGKILL");
  expect(victim.child.signalCode).toBe("SIGKILL");

  const after = await getMany(20, webPort, DOMAIN);
  expect(after.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(after.map(backendOf)).toEqual(Array(20).fill("web-2"));
  // nginx did meet the dead replica and retried, rather than never trying it
  expect(readLog("error.log")).toContain(`while connecting to upstream`);
  expect(readLog("error.log")).toContain(`upstream: "http://127.0.0.1:${victim.port}/"`);
  expect(readLog("access.log").trim().split("\n").length).toBeGreaterThanOrEqual(40);
}, 60_000);

test("a host no route names gets the default server's 404", async () => {
  const answer = await get(webPort, "unknown.example.org");
  expect(answer).toEqual({ status: 404, body: `${NO_ROUTE_ANSWER}\n` });
}, 30_000);

test("a route without domains is the default server of its listener port", async () => {
  for (const host of ["anything.example.net", DOMAIN, `127.0.0.1:${apiPort}`]) {
    const answer = await get(apiPort, host);
    expect({ host, status: answer.status, backend: backendOf(answer) }).toEqual({ host, status: 200, backend: "api-1" });
  }
}, 30_000);
