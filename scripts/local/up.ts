/**
 * `npm run up`: the example's test environment on the local Docker engine, in one command.
 *
 * Starts a Docker engine if none answers (scripts/docker-engine.sh, installing docker.io where
 * needed), synthesizes the App into its output directory as `cdktf synth` does, checks that every
 * variable has a value and the ports the stack publishes are free, builds the images the stack
 * names (scripts/build-images.sh), completes the gitignored test.tfvars.json (random values for
 * secrets, shown once; the defaults of stacks/test.ts for plain values), runs what
 * `cdktf deploy test --auto-approve` runs — `terraform init` (when the stack's directory needs
 * it) and `terraform apply -auto-approve` in cdktf.out/stacks/test — waits until every container
 * is ready, and prints a `curl` line per route that answers through the load balancer. Running it
 * again changes nothing that is up to date, and puts back what was removed or changed by hand
 * (Terraform refreshes every resource before it plans). `npm run down` removes it all.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, toolchainEnv } from "../toolchain-env";
import { containersPublishing } from "./docker-objects";
import { STACK, Steps, Stop, VARIABLES_FILE, main, say, shellQuote, startEngine, synthesize } from "./environment";
import { waitUntilReady } from "./health";
import { httpGet } from "./http";
import { listeningSockets, portHolders } from "./ports";
import { PublishedPort, StackVariable } from "./stack-facts";
import { initialize, stateOutputs, terraform } from "./terraform";
import { describeMissing, planVariables, readVariablesFile, writeVariablesFile } from "./variables-file";

const TOOL = "up";

/** How long the containers get to turn healthy after the deploy, and the routes to answer. */
const READY_SECONDS = 180;
const ANSWER_SECONDS = 30;

/** One line per published port something other than this environment holds. */
async function takenPorts(published: readonly PublishedPort[]): Promise<string[]> {
  const publishers = await Promise.all(published.map((p) => containersPublishing(p.port)));
  const sockets = listeningSockets();
  return published.flatMap((p, i) => {
    if (publishers[i].some((c) => c.environment === STACK)) return []; // ours, from an earlier `up`
    const holders = [
      ...portHolders(p.ip, p.port, sockets),
      ...publishers[i].map((c) => `container ${c.name}${c.environment ? ` of environment ${c.environment}` : ""} publishes it`),
    ];
    return holders.length > 0 ? [`  ${p.ip}:${p.port} (for ${p.container}) is held: ${holders.join("; ")}`] : [];
  });
}

/**
 * The plain values stacks/test.ts gives a new variables file. Loaded only when a plain variable
 * has no value yet: the module brings the whole library with it, which a run with a complete
 * file does not need.
 */
function testVariableDefaults(): Readonly<Record<string, string>> {
  const runTs = module.require(path.join(ROOT, "scripts", "run-ts.js")) as { requireTypeScript(file: string): unknown };
  return (runTs.requireTypeScript(path.join(ROOT, "stacks", "test.ts")) as { testVariableDefaults: Record<string, string> }).testVariableDefaults;
}

/** Whether a plain variable has no value in `values` or the environment (a secret gets a random one). */
function lacksPlainValue(variables: readonly StackVariable[], values: Readonly<Record<string, string>>): boolean {
  return variables.some((v) => !v.sensitive && !Object.hasOwn(values, v.name) && process.env[`TF_VAR_${v.name}`] === undefined);
}

interface Route {
  readonly service: string;
  readonly url: string;
  readonly host: string;
}

function curlLine(route: Route): string {
  return `curl ${route.host ? `-H ${shellQuote(`Host: ${route.host}`)} ` : ""}${shellQuote(route.url)}`;
}

/** Polls the route until it answers without a server error, up to ANSWER_SECONDS. */
async function answer(route: Route): Promise<string> {
  const deadline = Date.now() + ANSWER_SECONDS * 1000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const a = await httpGet(route.url, route.host, 5000);
      if (a.status < 500) return `${a.status} ${a.body.split("\n")[0].slice(0, 100)}`;
      last = `${a.status} ${a.body.split("\n")[0]}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Stop(`${route.service} does not answer at ${curlLine(route)} (last: ${last})`);
}

main(TOOL, async () => {
  const steps = new Steps();
  say(TOOL, "Docker engine");
  await startEngine();
  const env = toolchainEnv();
  steps.done("engine");

  say(TOOL, "synthesizing the App");
  const stack = synthesize(env);
  steps.done("synthesis");

  const file = path.join(ROOT, VARIABLES_FILE);
  const existing = readVariablesFile(file);
  const plan = planVariables(stack.variables, existing, process.env, lacksPlainValue(stack.variables, existing) ? testVariableDefaults() : {});
  if (plan.missing.length > 0) throw new Stop(describeMissing(plan.missing, VARIABLES_FILE));

  const taken = await takenPorts(stack.published);
  if (taken.length > 0) {
    throw new Stop([
      `a port the ${STACK} environment publishes is taken:`, ...taken,
      "Stop what holds it (or move the environment: DockerEnvironment's publishAddress and registryPort, the routes' listener ports), then run npm run up again.",
    ].join("\n"));
  }
  steps.done("checks");

  say(TOOL, `building the ${stack.images.length} images the ${STACK} stack runs, locally`);
  const images = spawnSync(path.join(ROOT, "scripts/build-images.sh"), ["image", ...stack.images], { stdio: ["ignore", "ignore", "inherit"] });
  if (images.status !== 0) throw new Stop("building the images failed (see above)");
  steps.done("images");

  // Written only once nothing else stands in the way, so the new secret is shown by the run that deploys it.
  if (plan.chosen.length > 0) {
    writeVariablesFile(file, plan.values);
    const width = Math.max(...plan.chosen.map((c) => c.name.length));
    say(TOOL, `wrote ${VARIABLES_FILE} (gitignored, readable by you only) with values for the ${STACK} environment:`);
    for (const c of plan.chosen) {
      console.log(`  ${c.name.padEnd(width)} = ${c.value}${c.secret ? "   (random secret: shown this once, kept in the file)" : ""}`);
    }
  }

  // What `cdktf deploy test --auto-approve --var-file=test.tfvars.json` runs, on the stack just synthesized.
  initialize(TOOL, stack.dir, env);
  const varFile = fs.existsSync(file) ? [`-var-file=${file}`] : [];
  if (terraform(TOOL, stack.dir, ["apply", "-auto-approve", "-input=false", ...varFile], env) !== 0) {
    throw new Stop(`terraform apply of ${STACK} failed (see above)`);
  }
  steps.done("terraform");

  const containers = await waitUntilReady(STACK, READY_SECONDS);
  const outputs = stack.stateFile ? stateOutputs(stack.stateFile) : terraformOutputs(stack.dir, env);
  const routes = (outputs.routes as Route[] | undefined) ?? [];
  const answers: string[] = [];
  for (const route of routes) answers.push(await answer(route));
  steps.done("ready");
  say(TOOL, `took ${steps.summary()}`);
  say(TOOL, `${STACK} is up: ${containers.length} containers ready. Through its load balancer:`);
  routes.forEach((route, i) => {
    console.log(`  ${route.service}${route.host ? ` (${route.host})` : ""} answers ${answers[i]}:`);
    console.log(`    ${curlLine(route)}`);
  });
  say(TOOL, "npm run down removes it.");
});

/** The stack's outputs, from Terraform, where its state is not a local file. */
function terraformOutputs(stackDir: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const result = spawnSync(env.TERRAFORM_BINARY_NAME || "terraform", ["output", "-json"], { cwd: stackDir, env, encoding: "utf8" });
  if (result.status !== 0) throw new Stop(`terraform output failed: ${result.stderr.trim()}`);
  const outputs = JSON.parse(result.stdout) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}
