/**
 * `npm run up`: the example's test environment on the local Docker engine, in one command.
 *
 * Starts a Docker engine if none answers (scripts/docker-engine.sh, installing docker.io where
 * needed), synthesizes the App, checks that every variable has a value and the ports the stack
 * publishes are free, builds the images the stack names (scripts/build-images.sh), completes the
 * gitignored test.tfvars.json (random values for secrets, shown once; the defaults of
 * stacks/test.ts for plain values), runs
 * `cdktf deploy test --auto-approve`, waits until every container is ready, and prints a `curl`
 * line per route that answers through the load balancer. Running it again changes nothing that
 * is up to date. `npm run down` removes it all.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { testVariableDefaults } from "../../stacks/test";
import { ROOT, toolchainEnv } from "../toolchain-env";
import { containersPublishing } from "./docker-objects";
import { OUTPUTS_FILE, STACK, Stop, VARIABLES_FILE, cdktf, main, say, shellQuote, startEngine, synthesize } from "./environment";
import { waitUntilReady } from "./health";
import { httpGet } from "./http";
import { portHolders } from "./ports";
import { PublishedPort } from "./stack-facts";
import { describeMissing, planVariables, readVariablesFile, writeVariablesFile } from "./variables-file";

const TOOL = "up";

/** How long the containers get to turn healthy after the deploy, and the routes to answer. */
const READY_SECONDS = 180;
const ANSWER_SECONDS = 30;

/** One line per published port something other than this environment holds. */
function takenPorts(published: readonly PublishedPort[]): string[] {
  const taken: string[] = [];
  for (const p of published) {
    const publishers = containersPublishing(p.port);
    if (publishers.some((c) => c.environment === STACK)) continue; // ours, from an earlier `up`
    const holders = [
      ...portHolders(p.ip, p.port),
      ...publishers.map((c) => `container ${c.name}${c.environment ? ` of environment ${c.environment}` : ""} publishes it`),
    ];
    if (holders.length > 0) taken.push(`  ${p.ip}:${p.port} (for ${p.container}) is held: ${holders.join("; ")}`);
  }
  return taken;
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
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Stop(`${route.service} does not answer at ${curlLine(route)} (last: ${last})`);
}

main(TOOL, async () => {
  say(TOOL, "Docker engine");
  startEngine();
  const env = toolchainEnv();

  say(TOOL, "synthesizing the App");
  const stack = synthesize(env);

  const file = path.join(ROOT, VARIABLES_FILE);
  const plan = planVariables(stack.variables, readVariablesFile(file), process.env, testVariableDefaults);
  if (plan.missing.length > 0) throw new Stop(describeMissing(plan.missing, VARIABLES_FILE));

  const taken = takenPorts(stack.published);
  if (taken.length > 0) {
    throw new Stop([
      `a port the ${STACK} environment publishes is taken:`, ...taken,
      "Stop what holds it (or move the environment: DockerEnvironment's publishAddress and registryPort, the routes' listener ports), then run npm run up again.",
    ].join("\n"));
  }

  say(TOOL, `building the ${stack.images.length} images the ${STACK} stack runs, locally`);
  const images = spawnSync(path.join(ROOT, "scripts/build-images.sh"), ["image", ...stack.images], { stdio: ["ignore", "ignore", "inherit"] });
  if (images.status !== 0) throw new Stop("building the images failed (see above)");

  // Written only once nothing else stands in the way, so the new secret is shown by the run that deploys it.
  if (plan.chosen.length > 0) {
    writeVariablesFile(file, plan.values);
    const width = Math.max(...plan.chosen.map((c) => c.name.length));
    say(TOOL, `wrote ${VARIABLES_FILE} (gitignored, readable by you only) with values for the ${STACK} environment:`);
    for (const c of plan.chosen) {
      console.log(`  ${c.name.padEnd(width)} = ${c.value}${c.secret ? "   (random secret: shown this once, kept in the file)" : ""}`);
    }
  }

  const varFile = fs.existsSync(file) ? [`--var-file=${VARIABLES_FILE}`] : [];
  fs.rmSync(path.join(ROOT, OUTPUTS_FILE), { force: true });
  if (cdktf(TOOL, ["deploy", STACK, "--auto-approve", ...varFile, `--outputs-file=${OUTPUTS_FILE}`], env) !== 0) {
    throw new Stop(`cdktf deploy ${STACK} failed (see above)`);
  }

  const containers = await waitUntilReady(STACK, READY_SECONDS);
  const outputs = JSON.parse(fs.readFileSync(path.join(ROOT, OUTPUTS_FILE), "utf8")) as Record<string, { routes?: Route[] } | undefined>;
  const routes: Route[] = outputs[STACK]?.routes ?? [];
  say(TOOL, `${STACK} is up: ${containers.length} containers ready. Through its load balancer:`);
  for (const route of routes) {
    const answered = await answer(route);
    console.log(`  ${route.service}${route.host ? ` (${route.host})` : ""} answers ${answered}:`);
    console.log(`    ${curlLine(route)}`);
  }
  say(TOOL, "npm run down removes it.");
});
