/**
 * End-to-end: what a team writes reaches Docker as text. A real `terraform
 * apply` of one container whose probe path, label and env literal hold
 * Terraform template sequences (`${…}`, `%{…}`); `docker inspect` must show
 * them literally, the healthcheck (exec form) must turn the container healthy,
 * and the rendered check, run inside the container against hostile paths,
 * must neither pass wrongly nor run a command. Then everything is destroyed.
 *
 * Run with `npm run test:e2e` (see docs/e2e.md), which holds the Docker engine
 * for the whole run. Its own names: environment `literal` (containers
 * `probe-1_…`, `literal-lb`, `literal-registry`, network `literal-net`), the
 * registry published on 127.0.0.1:5051.
 */
import * as fs from "fs";
import * as path from "path";
import { App, LocalBackend } from "cdktf";
import { DockerEnvironment, Duration, EnvValue, Image, Port, Probe, Release, Service, ServiceCatalog } from "../../lib";
import { dockerHealthcheck } from "../../lib/platforms/docker/healthcheck";
import { shopCatalog } from "../../stacks/services";
import { testRelease } from "../../stacks/test";
import { containersOf, docker, inspect } from "../../scripts/local/docker-objects";
import { toolchainEnv } from "../../scripts/toolchain-env";
import { ROOT, Run, describeFailure, killChildren, run, runOk, sweep } from "./support";

const ENV = "literal";
const WORKDIR = path.resolve(process.env.E2E_WORKDIR ?? path.join(ROOT, "cdktf.out/e2e"), ENV);
const STATE = path.join(WORKDIR, "state", "terraform.tfstate");
/** An image the main e2e run builds anyway: busybox httpd answering /healthz. */
const VERSION = testRelease(shopCatalog()).versionOf("web")!;

/** Text Terraform would evaluate if it reached it unescaped. */
const PROBE_PATH = "/healthz?t=${timestamp()}&d=%{if}x";
const LABEL = 'owner ${var.owner} %{ if true }ops%{ endif }';
const GREETING = 'hello ${upper("x")} %{ for x in [1] }${x}%{ endfor }';

let tfEnv: NodeJS.ProcessEnv = {};
let dir = "";
let applied = false;
let container = "";

function terraform(args: string[], timeoutSeconds: number): Promise<Run> {
  return run(tfEnv.TERRAFORM_BINARY_NAME ?? "terraform", [...args, "-no-color"], { cwd: dir, env: tfEnv, timeoutSeconds });
}

function synth(): string {
  const catalog = new ServiceCatalog();
  new Service(catalog, "probe", {
    image: Image.fromRegistry("shop/web"),
    replicas: 1,
    ports: [Port.http(8080)],
    probe: Probe.http(8080, { path: PROBE_PATH, initialDelay: Duration.seconds(1), period: Duration.seconds(2), timeout: Duration.seconds(1) }),
    env: { GREETING: EnvValue.literal(GREETING) },
    labels: { "team.owner": LABEL },
  });
  const outdir = path.join(WORKDIR, "out");
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  const stack = new DockerEnvironment(app, ENV, {
    catalog, release: Release.of({ probe: VERSION }), registry: "localhost:5000", registryPort: 5051,
  });
  new LocalBackend(stack, { path: STATE });
  app.synth();
  return path.join(outdir, "stacks", ENV);
}

beforeAll(async () => {
  await runOk("scripts/docker-engine.sh", ["start"], { timeoutSeconds: 600 });
  tfEnv = { ...toolchainEnv(), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  await runOk("scripts/build-images.sh", ["all", `web:${VERSION}`], { timeoutSeconds: 1800 });
  sweep(ENV);
  fs.rmSync(WORKDIR, { recursive: true, force: true });
  fs.mkdirSync(WORKDIR, { recursive: true });
}, 40 * 60 * 1000);

afterAll(async () => {
  try {
    if (applied) await terraform(["destroy", "-auto-approve", "-input=false"], 600);
    sweep(ENV);
  } finally {
    killChildren();
  }
}, 15 * 60 * 1000);

describe("template sequences a team writes reach Docker literally", () => {
  test("terraform apply of a container whose probe path, label and env hold ${…} and %{…}", async () => {
    dir = synth();
    const doc = fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
    expect(doc).toContain("/healthz?t=$${timestamp()}&d=%%{if}x");
    // The stack's own provider constraint admits the mirror's docker provider: no override.
    const init = await terraform(["init", "-input=false"], 300);
    if (init.code !== 0) throw new Error(describeFailure(init));
    const apply = await terraform(["apply", "-auto-approve", "-input=false"], 600);
    applied = true;
    if (apply.code !== 0) throw new Error(describeFailure(apply));

    const [probe] = containersOf(ENV).filter((name) => name.startsWith("probe-1_"));
    container = probe;
    const [c] = inspect("container", [probe]);
    expect(c.Config.Healthcheck.Test).toEqual(["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:8080${PROBE_PATH}`]);
    expect(c.Config.Labels["team.owner"]).toBe(LABEL);
    expect(c.Config.Env).toContain(`GREETING=${GREETING}`);
    // Terraform waited for the healthcheck (wait = true): the literal path answered.
    expect(c.State.Health.Status).toBe("healthy");
  });

  describe("the rendered http check, run in the container, against hostile paths", () => {
    const check = (probePath: string) => dockerHealthcheck(Probe.http(8080, { path: probePath })).test.slice(1);
    const pwned = () => docker(["exec", container, "ls", "/tmp"]).split("\n").filter((f) => f.startsWith("pwned"));

    test.each([
      ["/health?a=1&b=2", 1],                        // no such page: must fail (in a shell, `&` made it always pass)
      ["/healthz?a=1&b=2", 0],                       // the real page with a query: passes
      ["/h;touch$IFS/tmp/pwned-semicolon", 1],
      ["/h`touch$IFS/tmp/pwned-backtick`", 1],
      ["/h$(touch$IFS/tmp/pwned-subshell)", 1],
      ["/h'\"||touch$IFS/tmp/pwned-quotes", 1],
      ["/healthz|touch$IFS/tmp/pwned-pipe", 1],
    ])("%s exits %s and runs nothing", async (probePath, code) => {
      const result = await run("docker", ["exec", container, ...check(probePath)], { timeoutSeconds: 30 });
      expect(result.code === 0 ? 0 : 1).toBe(code);
      expect(pwned()).toEqual([]);
    });

    test("control: the shell form this replaced runs the injected command", async () => {
      const shellForm = ["sh", "-c", "wget -q -O /dev/null http://127.0.0.1:8080/h;touch$IFS/tmp/pwned-control || exit 1"];
      await run("docker", ["exec", container, ...shellForm], { timeoutSeconds: 30 });
      expect(pwned()).toEqual(["pwned-control"]);
      docker(["exec", container, "rm", "/tmp/pwned-control"]);
    });
  });

  test("terraform destroy leaves nothing of the environment", async () => {
    const destroy = await terraform(["destroy", "-auto-approve", "-input=false"], 600);
    if (destroy.code !== 0) throw new Error(describeFailure(destroy));
    applied = false;
    expect(containersOf(ENV)).toEqual([]);
  });
});
