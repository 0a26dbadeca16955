/**
 * End-to-end: the example test environment deployed for real on the local
 * Docker engine with Terraform, checked through its load balancer on
 * 127.0.0.1, rolled to a new web version under traffic, and destroyed.
 *
 * Run with `npm run test:e2e` (see docs/e2e.md). Needs root (or a user that
 * may start dockerd), Docker, Terraform and the provider mirror of
 * scripts/toolchain.sh, and the loopback ports the stack publishes (80, 8085,
 * 5000) free. Tests run in order and each builds on the one before.
 *
 * Environment (all optional):
 *   E2E_WORKDIR        synth outputs, Terraform state, log (default cdktf.out/e2e)
 *   E2E_FIGURES        figures JSON (default cdktf.out/e2e-figures.json)
 *   E2E_FORCE_BUILD=1  rebuild the images (a cold run) instead of reusing them
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { App, LocalBackend } from "cdktf";
import { Release } from "../../lib";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";
import {
  ENV_LABEL, Loop, LoopResult, ROOT, Run, containersOf, describeFailure, docker, get, inspect, killChildren,
  namedObjects, networksOf, portInUse, requestLoop, run, runOk, sample, sleep, sweep, sweepContainers, toolchainEnv, volumesOf,
  waitUntil, writeProviderOverride,
} from "./support";

const ENV = "test";
const WORKDIR = path.resolve(process.env.E2E_WORKDIR ?? path.join(ROOT, "cdktf.out/e2e"));
const FIGURES = path.resolve(process.env.E2E_FIGURES ?? path.join(ROOT, "cdktf.out/e2e-figures.json"));
const STATE_DIR = path.join(WORKDIR, "state");
const STATE = path.join(STATE_DIR, `terraform.${ENV}.tfstate`);
const LAST_APPLIED = path.join(WORKDIR, "last-applied-dir");
const LOG = path.join(WORKDIR, "e2e.log");
const LOCK = path.join(WORKDIR, ".lock");

/** The public route of the example catalog and the internal one. */
const WEB_HOST = "shop.example.com";
const WEB_PORT = 80;
const API_PORT = 8085;
const REGISTRY_PORT = 5000;

/** The example test environment's release, which the run deploys first. */
const RELEASE = testRelease(shopCatalog());
/** The rolled service and its next version (minor bump of the test release's). */
const ROLLED = "web";
const FROM = RELEASE.versionOf(ROLLED)!;
const TO = FROM.replace(/^(\d+)\.(\d+)\.\d+$/, (_, major, minor) => `${major}.${Number(minor) + 1}.0`);

/** Request loop during the rollout: one GET every 25 ms, at most 12 000 requests / 300 s. */
const LOOP = { intervalMs: 25, maxRequests: 12_000, maxSeconds: 300, timeoutMs: 10_000 };
/** The loop goes on this long after `terraform apply` returns, to catch failures just after it. */
const LOOP_TAIL_MS = 2_000;

/** Known values for every variable of the stack; the password is new each run. */
const SECRET = `e2e-pw-${randomBytes(9).toString("hex")}`;
const TF_VARS = {
  TF_VAR_orders_db_host: "orders-db.e2e.internal",
  TF_VAR_orders_db_user: "orders_e2e",
  TF_VAR_orders_db_password: SECRET,
  TF_VAR_worker_queue_host: "queue.e2e.internal",
};

const figures: Record<string, any> = { startedAt: new Date().toISOString(), environment: ENV };
const started = Date.now();
let toolEnv: NodeJS.ProcessEnv = {};
let tfEnv: NodeJS.ProcessEnv = {};
let tf = "terraform";
let initialDir = "";
let rolloutDir = "";
let deployed = false;
let destroyed = false;
let lockTaken = false;
let loop: Loop | undefined;
/**
 * Container, network and volume names the stack's synthesized JSON declares, as
 * anchored patterns: a replica's name ends in a generation id known only after apply.
 */
const stackNames = { containers: new Set<string>(), networks: new Set<string>(), volumes: new Set<string>() };

function log(line: string): void {
  fs.appendFileSync(LOG, `[${new Date().toISOString()}] ${line}\n`);
}

function secs(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Synthesizes the example test stack for `release`, with its state kept in STATE_DIR. */
function synthTestStack(name: string, release: Release): string {
  const outdir = path.join(WORKDIR, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  const stack = testEnvironment(app, shopCatalog(), release);
  // cdktf's default local backend would put the state in the current directory (the repository);
  // the e2e run keeps it beside its other files, outside the synthesized directory.
  new LocalBackend(stack, { path: STATE });
  app.synth();
  const dir = path.join(outdir, "stacks", ENV);
  const doc = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
  for (const c of Object.values<any>(doc.resource.docker_container)) stackNames.containers.add(namePattern(c.name));
  for (const n of Object.values<any>(doc.resource.docker_network)) stackNames.networks.add(namePattern(n.name));
  for (const v of Object.values<any>(doc.resource.docker_volume)) stackNames.volumes.add(namePattern(v.name));
  return dir;
}

/** An anchored pattern for a synthesized name; Terraform expressions in it stand for an 8-hex generation id. */
function namePattern(name: string): string {
  const parts = name.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"));
  return `^${parts.join("[0-9a-f]{8}")}$`;
}

function names() {
  return { containers: [...stackNames.containers], networks: [...stackNames.networks], volumes: [...stackNames.volumes] };
}

function terraform(dir: string, args: string[], timeoutSeconds: number): Promise<Run> {
  return run(tf, [...args, "-no-color"], { cwd: dir, env: tfEnv, timeoutSeconds, logFile: LOG });
}

async function init(dir: string): Promise<number> {
  writeProviderOverride(dir, "kreuzwerker/docker", toolEnv.DOCKER_PROVIDER_VERSION!);
  const result = await terraform(dir, ["init", "-input=false"], 300);
  if (result.code !== 0) throw new Error(describeFailure(result));
  return result.seconds;
}

async function apply(dir: string): Promise<Run> {
  fs.writeFileSync(LAST_APPLIED, dir);
  return terraform(dir, ["apply", "-auto-approve", "-input=false"], 600);
}

/**
 * Removes whatever a run left: the environment's containers first (a container
 * Terraform lost track of, e.g. a replacement created just before a run was
 * killed, would keep the network busy), then `terraform destroy` of the last
 * applied directory, then anything still labelled for the environment.
 */
async function cleanUp(): Promise<{ terraformDestroy: string; swept: string[] }> {
  const swept = await sweepContainers(ENV);
  const destroy = await destroyLastApplied();
  if (destroy && destroy.code !== 0) log(`cleanup: terraform destroy failed:\n${describeFailure(destroy)}`);
  swept.push(...(await sweep(ENV)));
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  fs.rmSync(LAST_APPLIED, { force: true });
  return { terraformDestroy: destroy ? (destroy.code === 0 ? "ok" : "failed (see e2e.log)") : "no previous state", swept };
}

/** `terraform destroy` of the last applied directory, if there is one with state. */
async function destroyLastApplied(): Promise<Run | undefined> {
  if (!fs.existsSync(LAST_APPLIED) || !fs.existsSync(STATE)) return undefined;
  const dir = fs.readFileSync(LAST_APPLIED, "utf8").trim();
  if (!fs.existsSync(path.join(dir, "cdk.tf.json"))) return undefined;
  if (!fs.existsSync(path.join(dir, ".terraform"))) {
    const i = await terraform(dir, ["init", "-input=false"], 300);
    if (i.code !== 0) return i;
  }
  return terraform(dir, ["destroy", "-auto-approve", "-input=false"], 600);
}

function requireDeployed(): void {
  if (!deployed) throw new Error("the stack was not deployed (see the deploy test's failure)");
}

/** Names of the stack's replica containers of `service` that exist now. */
async function replicasOf(service: string): Promise<string[]> {
  const all = await inspect("container", await containersOf(ENV));
  return all.filter((c) => c.Config.Labels["org.cdktf-service-platform.service"] === service).map((c) => c.Name.slice(1)).sort();
}

/** Every file under `dir` that contains `needle` (bytes, so binaries are searched too). */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const want = Buffer.from(needle);
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.readFileSync(full).includes(want)) found.push(full);
    }
  };
  walk(dir);
  return found;
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0);
}

beforeAll(() => {
  fs.mkdirSync(WORKDIR, { recursive: true });
  // One e2e run at a time: a second one would sweep the first one's containers.
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(fs.readFileSync(LOCK, "utf8"));
    let alive = false;
    try { process.kill(holder, 0); alive = holder !== process.pid; } catch { alive = false; }
    if (alive) throw new Error(`another e2e run (pid ${holder}) holds ${LOCK}`);
    fs.writeFileSync(LOCK, String(process.pid));
  }
  lockTaken = true;
  fs.writeFileSync(LOG, "");
});

afterAll(async () => {
  try {
    if (loop) await loop.stop();
    if (lockTaken && !destroyed) {
      // A failed run still leaves nothing of the stack behind.
      figures.cleanupAfterFailure = await cleanUp().catch((e) => String(e));
    }
  } finally {
    killChildren();
    figures.totalSeconds = secs((Date.now() - started) / 1000);
    fs.mkdirSync(path.dirname(FIGURES), { recursive: true });
    fs.writeFileSync(FIGURES, JSON.stringify(figures, null, 2) + "\n");
    const r = figures.rollout ?? {};
    console.log([
      `e2e figures (${FIGURES}):`,
      `  images (build-images.sh)   ${figures.images?.seconds ?? "-"} s${figures.images?.forced ? " (forced rebuild)" : ""}`,
      `  synth                      ${figures.synthSeconds ?? "-"} s`,
      `  validate (validate.sh)     ${figures.validate?.seconds ?? "-"} s`,
      `  deploy: init + apply       ${figures.deploy?.initSeconds ?? "-"} s + ${figures.deploy?.applySeconds ?? "-"} s`,
      `  rollout ${ROLLED} ${FROM} -> ${TO}: apply ${r.applySeconds ?? "-"} s, requests ${r.requests ?? "-"}, failed ${r.failed ?? "-"}, latency p50/p99/max ${r.latencyMs?.p50 ?? "-"}/${r.latencyMs?.p99 ?? "-"}/${r.latencyMs?.max ?? "-"} ms (${r.latencyMs?.over1s ?? "-"} over 1 s)`,
      `  destroy                    ${figures.destroy?.seconds ?? "-"} s`,
      `  total                      ${figures.totalSeconds} s`,
    ].join("\n"));
    if (lockTaken) fs.rmSync(LOCK, { force: true });
  }
}, 15 * 60 * 1000);

describe(`the example "${ENV}" environment on the local Docker engine`, () => {
  test("prepares: Docker engine, Terraform toolchain, images", async () => {
    const engine = await runOk("scripts/docker-engine.sh", ["start"], { timeoutSeconds: 600, logFile: LOG });
    expect(engine.stdout.trim()).toMatch(/^unix:\/\//);
    toolEnv = { ...process.env, ...(await toolchainEnv()) };
    tf = toolEnv.TERRAFORM_BINARY_NAME!;
    tfEnv = { ...toolEnv, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", ...TF_VARS };
    const daemon = (await docker(["version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}"])).trim().split(" ");
    const tfVersion = (await runOk(tf, ["version", "-json"], { env: toolEnv, timeoutSeconds: 60 })).stdout;
    figures.tools = {
      docker: { server: daemon[0], api: daemon[1] },
      terraform: `${tf} ${JSON.parse(tfVersion).terraform_version}`,
      dockerProvider: `kreuzwerker/docker ${toolEnv.DOCKER_PROVIDER_VERSION} (override file; the bindings target 3.6.2)`,
    };

    const catalog = shopCatalog();
    const apps = catalog.services.map((s) => `${s.name}:${RELEASE.versionOf(s.name)}`);
    apps.push(`${ROLLED}:${TO}`);
    const force = process.env.E2E_FORCE_BUILD === "1" ? ["--force"] : [];
    const images = await runOk("scripts/build-images.sh", [...force, "all", ...apps], { timeoutSeconds: 1800, logFile: LOG });
    figures.images = { seconds: secs(images.seconds), forced: force.length > 0, built: images.stdout.trim().split("\n") };
    expect(images.stdout).toContain(`localhost:5000/shop/${ROLLED}:${TO}`);
  });

  test("synthesizes the stack from the example catalog and cleans what a previous run left", async () => {
    const t0 = Date.now();
    initialDir = synthTestStack("initial", RELEASE);
    figures.synthSeconds = secs((Date.now() - t0) / 1000);
    figures.synthesizedDir = path.relative(ROOT, initialDir);

    // Every image the stack names is there locally (built above), so nothing is pulled.
    const doc = JSON.parse(fs.readFileSync(path.join(initialDir, "cdk.tf.json"), "utf8"));
    const imageNames = Object.values<any>(doc.resource.docker_image).map((i) => i.name as string);
    await docker(["image", "inspect", "--format", "{{.Id}}", ...imageNames]);

    figures.cleanupBefore = await cleanUp();

    // Only the stack's own names, and only unlabelled leftovers would be in the way: never touch those.
    expect(await namedObjects(names())).toEqual([]);
    const busy: number[] = [];
    for (const port of [WEB_PORT, API_PORT, REGISTRY_PORT]) if (await portInUse(port)) busy.push(port);
    expect({ portsInUseOn127001: busy }).toEqual({ portsInUseOn127001: [] });
  });

  test("validates the synthesized stack with scripts/validate.sh (docker provider override)", async () => {
    const version = toolEnv.DOCKER_PROVIDER_VERSION!;
    const result = await run("scripts/validate.sh", ["--override-provider", `kreuzwerker/docker=${version}`, initialDir], {
      env: toolEnv, timeoutSeconds: 600, logFile: LOG,
    });
    const m = /PASS test \(init ([\d.]+)s, validate ([\d.]+)s\)/.exec(result.stdout);
    figures.validate = {
      seconds: secs(result.seconds),
      initSeconds: m ? Number(m[1]) : undefined,
      validateSeconds: m ? Number(m[2]) : undefined,
      command: `scripts/validate.sh --override-provider kreuzwerker/docker=${version} ${path.relative(ROOT, initialDir)}`,
    };
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: expect.stringContaining("PASS test") });
  });

  test("deploys with terraform init + apply", async () => {
    const initSeconds = await init(initialDir);
    const result = await apply(initialDir);
    figures.deploy = { initSeconds: secs(initSeconds), applySeconds: secs(result.seconds) };
    if (result.code !== 0) throw new Error(describeFailure(result));
    deployed = true;
    expect(result.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    const running = await containersOf(ENV);
    expect(running).toHaveLength(stackNames.containers.size);
    for (const pattern of stackNames.containers) {
      expect({ pattern, matches: running.filter((n) => new RegExp(pattern).test(n)).length }).toEqual({ pattern, matches: 1 });
    }
  });

  test("a plan right after the deploy has nothing to change", async () => {
    requireDeployed();
    // Drift here would make every later apply touch (or replace) containers nobody changed.
    const plan = await terraform(initialDir, ["plan", "-detailed-exitcode", "-input=false"], 300);
    figures.deploy.noChangePlanSeconds = secs(plan.seconds);
    const changes = plan.stdout.split("\n").filter((l) => /^\s+# .* (will|must) be|forces replacement|->/.test(l));
    expect({ code: plan.code, changes }).toEqual({ code: 0, changes: [] });
  });

  test("every replica answers through the load balancer on 127.0.0.1", async () => {
    requireDeployed();
    // nginx is up once apply returns, but give its first answer a bounded moment.
    await waitUntil("the load balancer answers on 127.0.0.1:80", 20, async () => (await get(WEB_PORT, WEB_HOST)).status === 200);
    const web = await sample(WEB_PORT, WEB_HOST, 12);
    expect(new Set(web.map((a) => `${a.service} ${a.replica} ${a.version}`)))
      .toEqual(new Set([`web web-1 ${FROM}`, `web web-2 ${FROM}`]));
    const apiVersion = RELEASE.versionOf("orders-api")!;
    const api = await sample(API_PORT, "orders-api", 12);
    expect(new Set(api.map((a) => `${a.service} ${a.replica} ${a.version}`)))
      .toEqual(new Set([`orders-api orders-api-1 ${apiVersion}`, `orders-api orders-api-2 ${apiVersion}`]));
  });

  test("every replica container is healthy; the load balancer and the registry run", async () => {
    requireDeployed();
    const all = await inspect("container", await containersOf(ENV));
    const states = Object.fromEntries(all.map((c) => [c.Name.slice(1), c.State.Health ? c.State.Health.Status : c.State.Status]));
    const want = Object.fromEntries(all.map((c) => [c.Name.slice(1), c.State.Health ? "healthy" : "running"]));
    expect(states).toEqual(want);
    const withHealthcheck = all.filter((c) => c.State.Health).map((c) => c.Config.Labels["org.cdktf-service-platform.service"]);
    expect(withHealthcheck.sort()).toEqual(["orders-api", "orders-api", "web", "web", "worker", "worker"]);
  });

  test("a dependency's name resolves inside the network", async () => {
    requireDeployed();
    const [web1] = await replicasOf("web");
    const lookup = await run("docker", ["exec", web1, "nslookup", "orders-api"], { timeoutSeconds: 30 });
    const answer = lookup.stdout.split(/^Name:/m).slice(1).join("\n");
    const resolved = [...answer.matchAll(/^Address:\s*(\S+)$/gm)].map((m) => m[1]).sort();
    const apis = await inspect("container", await replicasOf("orders-api"));
    const ips = apis.map((c) => c.NetworkSettings.Networks[`${ENV}-net`].IPAddress).sort();
    expect({ resolved, stdout: lookup.stdout }).toEqual({ resolved: ips, stdout: expect.any(String) });
    expect(ips).toHaveLength(2);
    const host = await runOk("docker", ["exec", web1, "/bin/sh", "-c", 'echo "$ORDERS_API_HOST"'], { timeoutSeconds: 30 });
    expect(host.stdout.trim()).toBe("orders-api");
  });

  test("an unknown host on port 80 gets the default server's 404", async () => {
    requireDeployed();
    const answer = await get(WEB_PORT, "unknown.example.org");
    expect({ status: answer.status, body: answer.body.trim() }).toEqual({ status: 404, body: "no route for this host" });
  });

  test("the secret is in no label and nowhere in the synthesized directory", async () => {
    requireDeployed();
    const containers = await inspect("container", await containersOf(ENV));
    const networks = await inspect("network", await networksOf(ENV));
    const volumes = await inspect("volume", await volumesOf(ENV));
    const labels = [
      ...containers.map((c) => [`container ${c.Name}`, c.Config.Labels]),
      ...networks.map((n) => [`network ${n.Name}`, n.Labels]),
      ...volumes.map((v) => [`volume ${v.Name}`, v.Labels]),
    ];
    expect(labels.filter(([, l]) => JSON.stringify(l ?? {}).includes(SECRET)).map(([what]) => what)).toEqual([]);
    // Positive control: the value did reach Docker — in the orders-api containers' env, by design.
    const withSecret = containers.filter((c) => (c.Config.Env as string[]).includes(`DB_PASSWORD=${SECRET}`));
    expect(withSecret.map((c) => c.Config.Labels["org.cdktf-service-platform.service"])).toEqual(["orders-api", "orders-api"]);
    // The synthesized directory after init + apply (cdk.tf.json, override, .terraform/), and the whole outdir.
    const outdir = path.dirname(path.dirname(initialDir));
    expect(countFiles(outdir)).toBeGreaterThan(2);
    expect(filesContaining(outdir, SECRET)).toEqual([]);
    // The state, kept apart, does hold it (Terraform state always holds variable-fed attributes).
    expect(filesContaining(STATE_DIR, SECRET).length).toBeGreaterThan(0);
  });

  test(`rolls ${ROLLED} ${FROM} -> ${TO} under traffic with no failed request`, async () => {
    requireDeployed();
    rolloutDir = synthTestStack("rollout", RELEASE.with(ROLLED, TO));
    const untouched = async () => Object.fromEntries((await inspect("container", await containersOf(ENV)))
      .filter((c) => c.Config.Labels["org.cdktf-service-platform.service"] !== ROLLED)
      .map((c) => [c.Name.slice(1), c.Id]));
    const before = await untouched();
    await init(rolloutDir);
    await waitUntil("the load balancer answers", 20, async () => (await get(WEB_PORT, WEB_HOST)).status === 200);

    loop = requestLoop(WEB_PORT, WEB_HOST, LOOP);
    await sleep(500); // some traffic on the old version first
    const result = await apply(rolloutDir);
    await sleep(LOOP_TAIL_MS);
    const traffic: LoopResult = await loop.stop();
    loop = undefined;
    // For the record (and any failure's diagnosis): what nginx said during the rollout.
    const lb = await run("docker", ["logs", "--timestamps", `${ENV}-lb`], { timeoutSeconds: 30 });
    fs.writeFileSync(path.join(WORKDIR, "lb-rollout.log"), lb.stdout + lb.stderr);
    fs.writeFileSync(path.join(WORKDIR, "rollout-apply.log"), result.stdout + result.stderr);
    figures.rollout = {
      service: ROLLED, from: FROM, to: TO,
      applySeconds: secs(result.seconds),
      requests: traffic.requests, failed: traffic.failed,
      intervalMs: LOOP.intervalMs, loopSeconds: secs(traffic.seconds), loopEnded: traffic.ended,
      tailAfterApplyMs: LOOP_TAIL_MS,
      versionsAnswered: traffic.versions, failures: traffic.failures,
      latencyMs: { p50: traffic.p50LatencyMs, p99: traffic.p99LatencyMs, max: traffic.maxLatencyMs, over1s: traffic.over1s },
    };
    log(`rollout traffic: ${JSON.stringify(figures.rollout)}`);
    if (result.code !== 0) throw new Error(describeFailure(result));
    expect(result.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, \d+ destroyed/);

    expect(traffic.ended).toBe("stopped"); // the caps were not what ended it
    expect(traffic.requests).toBeGreaterThanOrEqual(50);
    expect(traffic.versions[FROM] ?? 0).toBeGreaterThan(0);
    expect(traffic.versions[TO] ?? 0).toBeGreaterThan(0);
    expect({ failed: traffic.failed, failures: traffic.failures }).toEqual({ failed: 0, failures: [] });

    // Both replicas answer with the new version, and only with it.
    const web = await sample(WEB_PORT, WEB_HOST, 12);
    expect(new Set(web.map((a) => `${a.replica} ${a.version}`))).toEqual(new Set([`web-1 ${TO}`, `web-2 ${TO}`]));
    // No old-version container remains; the new ones are healthy; nothing else was replaced.
    const webContainers = await inspect("container", await replicasOf(ROLLED));
    expect(webContainers.map((c) => [c.Name.slice(1).replace(/-[0-9a-f]{8}$/, ""), c.Config.Labels["org.cdktf-service-platform.version"], c.State.Health?.Status]))
      .toEqual([[`web-1_${TO}`, TO, "healthy"], [`web-2_${TO}`, TO, "healthy"]]);
    expect(await untouched()).toEqual(before);
    expect(filesContaining(path.dirname(path.dirname(rolloutDir)), SECRET)).toEqual([]);
  });

  test("destroys everything: no container, network or volume of the stack is left", async () => {
    requireDeployed();
    const dir = rolloutDir || initialDir;
    const result = await terraform(dir, ["destroy", "-auto-approve", "-input=false"], 600);
    figures.destroy = { seconds: secs(result.seconds) };
    if (result.code !== 0) throw new Error(describeFailure(result));
    destroyed = true;
    expect(result.stdout).toMatch(/Destroy complete! Resources: \d+ destroyed/);
    expect(await containersOf(ENV)).toEqual([]);
    expect(await networksOf(ENV)).toEqual([]);
    expect(await volumesOf(ENV)).toEqual([]);
    expect(await namedObjects(names())).toEqual([]);
    const leftovers = (await docker(["ps", "-a", "--filter", `label=${ENV_LABEL}`, "--format", "{{.Names}}"])).trim();
    log(`containers of any environment after destroy: ${leftovers || "none"}`);
    // The state (and its backup) held the secret: gone with the stack.
    fs.rmSync(STATE_DIR, { recursive: true, force: true });
    fs.rmSync(LAST_APPLIED, { force: true });
  });
});
