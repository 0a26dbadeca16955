/**
 * End-to-end: the commands of docs/local.md for the example test environment, run exactly as written, on
 * the local Docker engine with the cdktf CLI and Terraform: `npm run down`, `npm run up` (refused on
 * a taken port, then from nothing, then again, then after containers were removed and stopped by
 * hand), `npx cdktf diff/deploy/destroy test`, checks through
 * the load balancer on 127.0.0.1, the stores (MySQL and Redis containers: healthy before the
 * services that use them start, reachable with the credentials each service was given, their data
 * kept across `npm run up` and a rollout), a rollout of web to a new version under traffic and
 * back, and nothing of the environment left at the end.
 *
 * Run with `npm run test:e2e` (see docs/e2e.md). Needs root (or a user that may start dockerd), the
 * toolchain of scripts/setup.sh, and the loopback ports the stack publishes (80, 8085, 5000). It
 * takes down a test environment that is up (CI's README command leaves one) and puts back a
 * test.tfvars.json it found. Tests run in order and each builds on the one before.
 *
 * Environment (all optional):
 *   E2E_WORKDIR        log, lock and rollout synth output (default cdktf.out/e2e)
 *   E2E_FIGURES        figures JSON (default cdktf.out/e2e-figures.json)
 *   E2E_FORCE_BUILD=1  rebuild the images (a cold run) instead of reusing them
 */
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { Testing } from "cdktf";
import { containersOf, docker, inspect, networksOf, objectsOf, volumesOf } from "../../scripts/local/docker-objects";
import { httpGet } from "../../scripts/local/http";
import { PLAN_FILE, STACK, VARIABLES_FILE } from "../../scripts/local/environment";
import { healthOf, ready } from "../../scripts/local/health";
import { toolchainEnv } from "../../scripts/toolchain-env";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";
import { E2E, Figures, filesContaining, namePatterns, secs } from "./figures";
import {
  Loop, LoopResult, ROOT, Run, describeFailure, get, killChildren, namedObjects, parseAppAnswer, readmeCommand,
  TOOLCHAIN_LINE, requestLoop, run, runOk, sample, sleep, sweep, waitUntil, withoutColors,
} from "./support";

/** The commands of docs/local.md this suite runs, exactly as the page writes them. */
const COMMANDS = {
  up: "npm run up",
  down: "npm run down",
  diff: `npx cdktf diff test --var-file=${VARIABLES_FILE}`,
  deploy: `npx cdktf deploy test --auto-approve --var-file=${VARIABLES_FILE}`,
  destroy: `npx cdktf destroy test --auto-approve --var-file=${VARIABLES_FILE}`,
};
const VARS = path.join(ROOT, VARIABLES_FILE);
/** A variables file the run found, put back at the end. */
const SAVED_VARS = path.join(ROOT, `e2e-saved.${VARIABLES_FILE}`);
const STATE = path.join(ROOT, `terraform.${STACK}.tfstate`);
const PLAN = path.join(ROOT, PLAN_FILE);
/** Where the secret checks do not look: installed and generated code, git's objects. */
const NOT_OURS = ["node_modules", ".git", ".gen"];

/** The public route of the example catalog and the internal one. */
const WEB_HOST = "shop.example.com";
const WEB_PORT = 80;
const API_PORT = 8085;

/** The example test environment's release, which `npm run up` deploys. */
const RELEASE = testRelease(shopCatalog());
/** The rolled service and its next version (minor bump of the test release's). */
const ROLLED = "web";
const FROM = RELEASE.versionOf(ROLLED)!;
const TO = FROM.replace(/^(\d+)\.(\d+)\.\d+$/, (_, major, minor) => `${major}.${Number(minor) + 1}.0`);
const ROLLOUT_APP = "node scripts/run-ts.js test/e2e/rollout-app.ts";
const ROLLOUT_OUT = path.join(path.relative(ROOT, E2E.workdir), "rollout");

/** Request loop during a rollout: one GET every 25 ms, at most 12 000 requests / 300 s. */
const LOOP = { intervalMs: 25, maxRequests: 12_000, maxSeconds: 300, timeoutMs: 10_000 };
/** The loop goes on this long after the deploy returns, to catch failures just after it. */
const LOOP_TAIL_MS = 2_000;

/** The example's stores: the containers that run them and the volumes that keep their data. */
const STORES = { "orders-db": { engine: "mysql", reader: "orders-api" }, cache: { engine: "redis", reader: "web" } } as const;
/** A row and a key written before `npm run up` runs again and read back after it and after the rollout. */
const MARK = `e2e-${process.pid}`;

const figures = new Figures();
let secret = "";
let lockTaken = false;
let deployed = false;
let loop: Loop | undefined;

function log(line: string): void {
  fs.appendFileSync(E2E.log, `[${new Date().toISOString()}] ${line}\n`);
}

/** A documented command, its output in the log with the secret redacted. */
function readme(command: string, timeoutSeconds: number): Promise<Run> {
  return readmeCommand(command, { withToolchain: command.startsWith("npx cdktf"), timeoutSeconds, logFile: E2E.log, redact: secret ? [secret] : [] });
}

function expectOk(result: Run): void {
  if (result.code !== 0) throw new Error(describeFailure(result));
}

/** How many resources the synthesized test stack declares: all of them are created, and destroyed. */
function resourceCount(): number {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.out/stacks/test/cdk.tf.json"), "utf8"));
  return Object.values<Record<string, unknown>>(doc.resource).reduce((n, byId) => n + Object.keys(byId).length, 0);
}

function requireDeployed(): void {
  if (!deployed) throw new Error("the environment was not deployed (an earlier test failed)");
}

/** Container name → id of every container of the environment except those of `service`. */
function idsExcept(service: string): Record<string, string> {
  return Object.fromEntries(inspect("container", containersOf(STACK))
    .filter((c) => c.Config.Labels["org.cdktf-service-platform.service"] !== service)
    .map((c) => [c.Name.slice(1), c.Id]));
}

/** The one container of store `name`. */
function storeContainer(name: keyof typeof STORES): any {
  const [container] = inspect("container", containersOf(STACK).filter((n) => n === `${STACK}-${name}`));
  return container;
}

/** `sql` run in the orders database as the services' account, with the password the stack gave it. */
async function ordersSql(sql: string): Promise<string> {
  const db = storeContainer("orders-db");
  const password = (db.Config.Env as string[]).find((e) => e.startsWith("MARIADB_PASSWORD="))!.slice("MARIADB_PASSWORD=".length);
  const result = await runOk("docker", ["exec", "-e", `MYSQL_PWD=${password}`, db.Name.slice(1),
    "mariadb", "--user=orders", "--database=orders", "--batch", "--skip-column-names", "-e", sql], { timeoutSeconds: 30 });
  return result.stdout.trim();
}

/** A Redis command run in the cache's container (redis-cli reads the password from its REDISCLI_AUTH). */
async function cacheCommand(...args: string[]): Promise<string> {
  const result = await runOk("docker", ["exec", storeContainer("cache").Name.slice(1), "redis-cli", "--no-auth-warning", ...args], { timeoutSeconds: 30 });
  return result.stdout.trim();
}

/** What each replica of `service` answers on /deps/, asked inside its own container. */
async function depsOf(service: string, port: number): Promise<string[]> {
  const replicas = containersOf(STACK).filter((n) => n.startsWith(`${service}-`));
  return Promise.all(replicas.map(async (replica) =>
    (await runOk("docker", ["exec", replica, "wget", "-q", "-O", "-", `http://127.0.0.1:${port}/deps/`], { timeoutSeconds: 30 })).stdout.trim()));
}

/** Deploys with `deploy` while the request loop runs; returns the deploy and the traffic it saw. */
async function underTraffic(deploy: () => Promise<Run>): Promise<{ result: Run; traffic: LoopResult }> {
  await waitUntil("the load balancer answers", 20, async () => (await get(WEB_PORT, WEB_HOST)).status === 200);
  loop = requestLoop(WEB_PORT, WEB_HOST, LOOP);
  await sleep(500); // some traffic on the old version first
  const result = await deploy();
  await sleep(LOOP_TAIL_MS);
  const traffic = await loop.stop();
  loop = undefined;
  return { result, traffic };
}

/** What a rollout to `version` must show: no failed request, both versions answering, then only `version`. */
async function expectRolledTo(version: string, traffic: LoopResult, untouched: Record<string, string>): Promise<void> {
  expect(traffic.ended).toBe("stopped"); // the caps were not what ended it
  expect(traffic.requests).toBeGreaterThanOrEqual(50);
  expect(Object.keys(traffic.versions).sort()).toEqual([FROM, TO].sort());
  expect({ failed: traffic.failed, failures: traffic.failures }).toEqual({ failed: 0, failures: [] });
  const web = await sample(WEB_PORT, WEB_HOST, 12);
  expect(new Set(web.map((a) => `${a.replica} ${a.version}`))).toEqual(new Set([`web-1 ${version}`, `web-2 ${version}`]));
  const webContainers = inspect("container", containersOf(STACK).filter((n) => n.startsWith(`${ROLLED}-`)));
  expect(webContainers.map((c) => [c.Name.slice(1).replace(/-[0-9a-f]{8}$/, ""), c.State.Health?.Status]))
    .toEqual([[`web-1_${version}`, "healthy"], [`web-2_${version}`, "healthy"]]);
  expect(idsExcept(ROLLED)).toEqual(untouched);
}

beforeAll(() => {
  fs.mkdirSync(E2E.workdir, { recursive: true });
  if (fs.existsSync(E2E.lock)) {
    const holder = Number(fs.readFileSync(E2E.lock, "utf8"));
    let alive = true;
    try { process.kill(holder, 0); alive = holder !== process.pid; } catch { alive = false; }
    if (alive) throw new Error(`another e2e run (pid ${holder}) holds ${E2E.lock}`);
  }
  fs.writeFileSync(E2E.lock, String(process.pid));
  lockTaken = true;
  fs.writeFileSync(E2E.log, "");
  if (fs.existsSync(VARS)) fs.renameSync(VARS, SAVED_VARS);
});

afterAll(async () => {
  try {
    if (loop) await loop.stop();
    if (lockTaken && deployed) {
      // A failed run still leaves nothing of the environment behind.
      const down = await readme(COMMANDS.down, 900);
      figures.record("cleanupAfterFailure", { down: down.code, swept: sweep(STACK) });
    }
  } finally {
    killChildren();
    if (fs.existsSync(SAVED_VARS)) fs.renameSync(SAVED_VARS, VARS);
    figures.write();
    if (lockTaken) fs.rmSync(E2E.lock, { force: true });
  }
}, 15 * 60 * 1000);

describe(`the commands of docs/local.md for the example "${STACK}" environment, on the local Docker engine`, () => {
  test("docs/local.md names each command as this suite runs it", () => {
    const page = fs.readFileSync(path.join(ROOT, "docs", "local.md"), "utf8");
    for (const command of [...Object.values(COMMANDS), TOOLCHAIN_LINE]) {
      expect({ command, onPage: new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s+#.*)?$`, "m").test(page) })
        .toEqual({ command, onPage: true });
    }
  });

  test("prepares the images: the release's and the rollout's, built locally", async () => {
    const catalog = shopCatalog();
    const doc = JSON.parse(Testing.synth(testEnvironment(Testing.app(), catalog, testRelease(catalog).with(ROLLED, TO))));
    const refs = [...Object.values<any>(doc.resource.docker_image).map((i) => i.name as string), `localhost:5000/shop/${ROLLED}:${FROM}`];
    const force = process.env.E2E_FORCE_BUILD === "1" ? ["--force"] : [];
    const images = await runOk("scripts/build-images.sh", [...force, "image", ...refs], { timeoutSeconds: 1800, logFile: E2E.log });
    figures.record("images", { seconds: secs(images.seconds), forced: force.length > 0, built: images.stdout.trim().split("\n") });
    const env = toolchainEnv();
    const terraform = JSON.parse((await runOk(env.TERRAFORM_BINARY_NAME || "terraform", ["version", "-json"], { env, timeoutSeconds: 60 })).stdout);
    figures.record("tools", { docker: docker(["version", "--format", "{{.Server.Version}} (API {{.Server.APIVersion}})"]).trim(), terraform: terraform.terraform_version });
  });

  test(`${COMMANDS.down} first: whatever was up is gone, nothing of it left`, async () => {
    const result = await readme(COMMANDS.down, 900);
    figures.record("downFirst", { seconds: secs(result.seconds) });
    expectOk(result);
    expect(objectsOf(STACK)).toEqual([]);
    expect(fs.existsSync(STATE)).toBe(false);
  });

  test(`${COMMANDS.up} refuses a taken port, naming it and the process holding it, before deploying anything`, async () => {
    const blocker = net.createServer().listen(API_PORT, "127.0.0.1");
    // A port already taken (an environment left up by another checkout) fails here, not after the test's timeout.
    await new Promise((resolve, reject) => blocker.once("listening", resolve).once("error", reject));
    try {
      const result = await readme(COMMANDS.up, 900);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(
        `up: ERROR: a port the test environment publishes is taken:\\n  127\\.0\\.0\\.1:${API_PORT} \\(for test-lb\\) is held: 127\\.0\\.0\\.1:${API_PORT} by pid ${process.pid} \\(`));
      expect(result.stdout).not.toContain("running terraform");
    } finally {
      blocker.close();
    }
    expect(objectsOf(STACK)).toEqual([]);
    expect(fs.existsSync(VARS)).toBe(false);
  });

  test(`${COMMANDS.up} from nothing: a variables file with a random secret shown once, terraform apply, every container ready, curl lines that answer`, async () => {
    // Not logged while it runs: it prints the new secret, which the log must not hold.
    const result = withoutColors(await run("bash", ["-c", COMMANDS.up], { timeoutSeconds: 1200 }));
    secret = fs.existsSync(VARS) ? JSON.parse(fs.readFileSync(VARS, "utf8")).orders_db_password ?? "" : "";
    fs.appendFileSync(E2E.log, `\n$ ${COMMANDS.up}\n${(result.stdout + result.stderr).split(secret || "\0").join("<redacted>")}`);
    figures.record("up", { fromNothingSeconds: secs(result.seconds) });
    expectOk(result);
    deployed = true;
    expect(fs.statSync(VARS).mode & 0o777).toBe(0o600);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(result.stdout.split(secret).length - 1).toBe(1);
    // What `cdktf deploy test` runs, in the directory it runs it in, on the stack `npm run up` synthesized.
    expect(result.stdout).toContain(`up: running terraform apply -auto-approve -input=false -var-file=${VARS} (in cdktf.out/stacks/test)`);
    expect(result.stdout).toContain(`Apply complete! Resources: ${resourceCount()} added, 0 changed, 0 destroyed.`);
    expect(healthOf(STACK).filter((c) => !ready(c))).toEqual([]);

    const curls = [...result.stdout.matchAll(/^ {4}(curl .+)$/gm)].map((m) => m[1]);
    expect(curls).toEqual([`curl -H 'Host: ${WEB_HOST}' http://127.0.0.1:${WEB_PORT}/`, `curl http://127.0.0.1:${API_PORT}/`]);
    const answers = await Promise.all(curls.map(async (curl) => parseAppAnswer((await runOk("bash", ["-c", `${curl} -sS --max-time 10`], { timeoutSeconds: 30 })).stdout)));
    expect(answers.map((a) => a?.service)).toEqual(["web", "orders-api"]);

    const lock = fs.readFileSync(path.join(ROOT, "cdktf.out/stacks/test/.terraform.lock.hcl"), "utf8");
    figures.record("dockerProvider", /version\s+=\s+"([^"]+)"/.exec(lock)?.[1]);
    expect(lock).toContain('constraints = ">= 3.6.2, < 5.0.0"');
  });

  test("each store is a healthy container on the network with its named volume, healthy before the services that use it started", () => {
    requireDeployed();
    expect(volumesOf(STACK).sort()).toEqual([`${STACK}-cache-data`, `${STACK}-orders-db-data`, `${STACK}-registry-data`]);
    const started: Record<string, number> = {};
    for (const [name, { engine, reader }] of Object.entries(STORES)) {
      const store = storeContainer(name as keyof typeof STORES);
      expect({ name, health: store.State.Health?.Status, engine: store.Config.Labels["org.cdktf-service-platform.store"] })
        .toEqual({ name, health: "healthy", engine });
      expect(store.Mounts.map((m: any) => `${m.Name}:${m.Destination}`)).toEqual([`${STACK}-${name}-data:${engine === "mysql" ? "/var/lib/mysql" : "/data"}`]);
      expect(store.NetworkSettings.Networks[`${STACK}-net`].Aliases).toContain(name);
      // The store turned healthy (Docker's event; its health log keeps only the last checks) before any replica of its reader started.
      const since = String(Math.floor(Date.parse(store.State.StartedAt) / 1000) - 1);
      const events = docker(["events", "--since", since, "--until", String(Math.ceil(Date.now() / 1000)), "--filter", `container=${store.Name.slice(1)}`,
        "--filter", "event=health_status", "--format", "{{.TimeNano}} {{.Action}}"]).trim().split("\n")
        .filter((line) => line.endsWith(" health_status: healthy")).map((line) => line.split(" ")[0]);
      expect({ name, healthyEvents: events.length > 0 }).toEqual({ name, healthyEvents: true });
      const healthy = Number(BigInt(events[0]) / 1_000_000n);
      const readers = inspect("container", containersOf(STACK).filter((n) => n.startsWith(`${reader}-`)));
      const firstReader = Math.min(...readers.map((c) => Date.parse(c.State.StartedAt)));
      expect({ name, healthyBeforeReaderStarted: healthy <= firstReader }).toEqual({ name, healthyBeforeReaderStarted: true });
      started[name] = secs((healthy - Date.parse(store.State.StartedAt)) / 1000);
    }
    figures.record("stores", { healthyAfterStartSeconds: started });
  });

  test("every replica reaches its store with the credentials it was given (/deps)", async () => {
    requireDeployed();
    expect(await depsOf("orders-api", API_PORT)).toEqual([
      "mysql ok: orders@orders-db:3306/orders as orders@% orders", "mysql ok: orders@orders-db:3306/orders as orders@% orders",
    ]);
    expect(await depsOf("web", 8080)).toEqual(["redis ok: cache:6379", "redis ok: cache:6379"]);
    // Through the load balancer too, as a caller outside sees it.
    const api = await httpGet(`http://127.0.0.1:${API_PORT}/deps/`, "", 10_000);
    expect({ status: api.status, body: api.body.trim() }).toEqual({ status: 200, body: "mysql ok: orders@orders-db:3306/orders as orders@% orders" });
    const web = await httpGet(`http://127.0.0.1:${WEB_PORT}/deps/`, WEB_HOST, 10_000);
    expect({ status: web.status, body: web.body.trim() }).toEqual({ status: 200, body: "redis ok: cache:6379" });
    // Data for the next tests: it must outlive npm run up and the rollout.
    await ordersSql(`CREATE TABLE IF NOT EXISTS marks (mark VARCHAR(64) PRIMARY KEY); INSERT INTO marks VALUES ('${MARK}')`);
    expect(await cacheCommand("SET", "mark", MARK)).toBe("OK");
  });

  test(`${COMMANDS.up} again changes nothing and shows no secret`, async () => {
    requireDeployed();
    const before = idsExcept("");
    const result = await readme(COMMANDS.up, 1200);
    figures.record("up", { againSeconds: secs(result.seconds) });
    expectOk(result);
    expect(result.stdout).toMatch(/Apply complete! Resources: 0 added, 0 changed, 0 destroyed/);
    expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toContain("wrote test.tfvars.json");
    expect(idsExcept("")).toEqual(before);
    expect(await ordersSql("SELECT mark FROM marks")).toBe(MARK);
    expect(await cacheCommand("GET", "mark")).toBe(MARK);
  });

  test(`${COMMANDS.up} puts back a replica removed by hand and one stopped by hand`, async () => {
    requireDeployed();
    const names = containersOf(STACK);
    const [removed] = names.filter((n) => n.startsWith("web-1_"));
    const [stopped] = names.filter((n) => n.startsWith("orders-api-2_"));
    docker(["rm", "-f", removed]);
    docker(["stop", stopped]);
    const result = await readme(COMMANDS.up, 1200);
    figures.record("up", { afterDriftSeconds: secs(result.seconds) });
    expectOk(result);
    expect(result.stdout).toMatch(/Apply complete! Resources: 1 added, 1 changed, 0 destroyed/);
    expect(containersOf(STACK)).toEqual(names);
    expect(healthOf(STACK).filter((c) => !ready(c))).toEqual([]);
    // The load balancer follows the new replica's address.
    await waitUntil("both web replicas answer", 20, async () =>
      new Set((await sample(WEB_PORT, WEB_HOST, 12)).map((a) => a.replica)).size === 2);
  });

  test(`${COMMANDS.diff} right after: no changes`, async () => {
    requireDeployed();
    const result = await readme(COMMANDS.diff, 900);
    figures.record("diffSeconds", secs(result.seconds));
    expectOk(result);
    expect(result.stdout).toContain("No changes. Your infrastructure matches the configuration.");
  });

  test("every replica answers through the load balancer on 127.0.0.1; an unknown host gets the default 404", async () => {
    requireDeployed();
    const web = await sample(WEB_PORT, WEB_HOST, 12);
    expect(new Set(web.map((a) => `${a.service} ${a.replica} ${a.version}`))).toEqual(new Set([`web web-1 ${FROM}`, `web web-2 ${FROM}`]));
    const apiVersion = RELEASE.versionOf("orders-api")!;
    const api = await sample(API_PORT, "orders-api", 12);
    expect(new Set(api.map((a) => `${a.service} ${a.replica} ${a.version}`)))
      .toEqual(new Set([`orders-api orders-api-1 ${apiVersion}`, `orders-api orders-api-2 ${apiVersion}`]));
    const unknown = await get(WEB_PORT, "unknown.example.org");
    expect({ status: unknown.status, body: unknown.body.trim() }).toEqual({ status: 404, body: "no route for this host" });
  });

  test("every replica is healthy; a dependency's name resolves inside the network", async () => {
    requireDeployed();
    const all = inspect("container", containersOf(STACK));
    const withHealthcheck = all.filter((c) => c.State.Health).map((c) => c.Config.Labels["org.cdktf-service-platform.service"]);
    expect(withHealthcheck.sort()).toEqual(["cache", "orders-api", "orders-api", "orders-db", "web", "web", "worker", "worker"]);
    expect(healthOf(STACK).filter((c) => !ready(c))).toEqual([]);
    const [web1] = containersOf(STACK).filter((n) => n.startsWith("web-1_"));
    const lookup = await run("docker", ["exec", web1, "nslookup", "orders-api"], { timeoutSeconds: 30 });
    const resolved = [...lookup.stdout.split(/^Name:/m).slice(1).join("\n").matchAll(/^Address:\s*(\S+)$/gm)].map((m) => m[1]).sort();
    const ips = inspect("container", containersOf(STACK).filter((n) => n.startsWith("orders-api-")))
      .map((c) => c.NetworkSettings.Networks[`${STACK}-net`].IPAddress).sort();
    expect(ips).toHaveLength(2);
    expect({ resolved, stdout: lookup.stdout }).toEqual({ resolved: ips, stdout: expect.any(String) });
  });

  test("the secret is in no label and no file cdktf wrote but Terraform's plan; it is where it must be: containers' env, state, variables file", () => {
    requireDeployed();
    const containers = inspect("container", containersOf(STACK));
    const labelled = [...containers, ...inspect("network", networksOf(STACK)), ...inspect("volume", volumesOf(STACK))]
      .map((o) => [o.Name, o.Config?.Labels ?? o.Labels]);
    expect(labelled.filter(([, labels]) => JSON.stringify(labels ?? {}).includes(secret)).map(([name]) => name)).toEqual([]);
    // The API's replicas read it as MYSQL_PASSWORD; the database's container makes the account with it.
    const withSecret = containers.filter((c) => (c.Config.Env as string[]).some((e) => e.endsWith(`=${secret}`)))
      .map((c) => `${c.Config.Labels["org.cdktf-service-platform.service"]} ${(c.Config.Env as string[]).find((e) => e.endsWith(`=${secret}`))!.split("=")[0]}`);
    expect(withSecret.sort()).toEqual(["orders-api MYSQL_PASSWORD", "orders-api MYSQL_PASSWORD", "orders-db MARIADB_PASSWORD"]);
    // `cdktf diff` leaves Terraform's plan file (a zip holding the planned values and the state) beside the stack.
    expect(filesContaining(path.join(ROOT, "cdktf.out"), secret)).toEqual([PLAN]);
    expect(filesContaining(ROOT, secret, [...NOT_OURS, "cdktf.out"]).sort())
      .toEqual([STATE, `${STATE}.backup`, VARS].filter((f) => fs.existsSync(f)).sort());
  });

  test(`rolls ${ROLLED} ${FROM} -> ${TO} with cdktf deploy under traffic: no failed request`, async () => {
    requireDeployed();
    const env = { ...process.env, E2E_ROLL: `${ROLLED}:${TO}` };
    const cdktf = (args: string[]) => readmeCommand(`npx cdktf ${args.join(" ")}`, { withToolchain: true, env, timeoutSeconds: 900, logFile: E2E.log, redact: [secret] });
    expectOk(await cdktf(["synth", `--app="${ROLLOUT_APP}"`, `--output=${ROLLOUT_OUT}`]));
    const untouched = idsExcept(ROLLED);
    const { result, traffic } = await underTraffic(() =>
      cdktf(["deploy", STACK, `--app="${ROLLOUT_APP}"`, `--output=${ROLLOUT_OUT}`, "--skip-synth", "--auto-approve", `--var-file=${VARIABLES_FILE}`]));
    figures.rollout("rollout", `${ROLLED} ${FROM} -> ${TO}`, result, traffic, LOOP);
    log(`rollout traffic: ${JSON.stringify(traffic)}`);
    expectOk(result);
    expect(result.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, \d+ destroyed/);
    await expectRolledTo(TO, traffic, untouched);
  });

  test(`${COMMANDS.deploy} rolls ${ROLLED} back to the release under traffic: no failed request`, async () => {
    requireDeployed();
    const untouched = idsExcept(ROLLED);
    const { result, traffic } = await underTraffic(() => readme(COMMANDS.deploy, 900));
    figures.rollout("rollback", `${ROLLED} ${TO} -> ${FROM} (${COMMANDS.deploy}, synth included)`, result, traffic, LOOP);
    expectOk(result);
    await expectRolledTo(FROM, traffic, untouched);
    // The stores were not touched by either rollout: their data is there, and the new replicas reach them.
    expect(await ordersSql("SELECT mark FROM marks")).toBe(MARK);
    expect(await cacheCommand("GET", "mark")).toBe(MARK);
    expect(await depsOf("web", 8080)).toEqual(["redis ok: cache:6379", "redis ok: cache:6379"]);
  });

  test(`${COMMANDS.destroy} removes everything: no container, network or volume of the stack is left`, async () => {
    requireDeployed();
    const names = namePatterns(path.join(ROOT, "cdktf.out/stacks/test/cdk.tf.json"));
    const result = await readme(COMMANDS.destroy, 900);
    figures.record("destroySeconds", secs(result.seconds));
    expectOk(result);
    deployed = false;
    expect(result.stdout).toContain(`Destroy complete! Resources: ${resourceCount()} destroyed.`);
    expect(objectsOf(STACK)).toEqual([]);
    expect(namedObjects(names)).toEqual([]);
  });

  test(`${COMMANDS.down} with nothing up: succeeds, removes the empty state and the plan, leaves nothing holding the secret but the variables file`, async () => {
    const result = await readme(COMMANDS.down, 900);
    figures.record("downAgainSeconds", secs(result.seconds));
    expectOk(result);
    expect(result.stdout).toContain("down: test is gone: no container, network or volume of it is left");
    expect(objectsOf(STACK)).toEqual([]);
    expect([STATE, `${STATE}.backup`, PLAN].filter((f) => fs.existsSync(f))).toEqual([]);
    expect(filesContaining(ROOT, secret, NOT_OURS)).toEqual([VARS]);
  });
});
