/**
 * `npm run down`: removes what `npm run up` (or `cdktf deploy test`) created. Runs what
 * `cdktf destroy test --auto-approve` runs — `terraform destroy -auto-approve` in the stack's
 * directory — on the stack as last synthesized (synthesizing only when there is none), checks that
 * no container, network or volume of the environment is left, and removes the then empty local
 * state and the plan file `cdktf diff` leaves (both hold the secrets' values). The variables file
 * and the locally built images stay for the next `npm run up`.
 *
 * The destroy plans from the state without refreshing it first: every object is removed by the id
 * the state holds, and one already gone by hand counts as removed (the docker provider ignores
 * "no such container" and a missing network or volume). The check afterwards looks at the engine
 * itself, by the environment's label.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, toolchainEnv } from "../toolchain-env";
import { objectsOf } from "./docker-objects";
import { PLAN_FILE, STACK, Steps, Stop, VARIABLES_FILE, main, outputDirectory, say, startEngine, synthesize } from "./environment";
import { DockerStackFacts, readDockerStack } from "./stack-facts";
import { initialize, terraform } from "./terraform";
import { readVariablesFile } from "./variables-file";

const TOOL = "down";

/** The resources a local state file holds (none when there is no file). */
function resourcesIn(stateFile: string | undefined): number {
  if (!stateFile || !fs.existsSync(stateFile)) return 0;
  return (JSON.parse(fs.readFileSync(stateFile, "utf8")) as { resources?: unknown[] }).resources?.length ?? 0;
}

/** The stack as `npm run up` or `cdktf synth` last wrote it: what the state was deployed from. */
function lastSynthesized(env: NodeJS.ProcessEnv): DockerStackFacts {
  const outdir = outputDirectory();
  if (fs.existsSync(path.join(outdir, "stacks", STACK, "cdk.tf.json"))) return readDockerStack(outdir, STACK);
  say(TOOL, "synthesizing the App");
  return synthesize(env);
}

main(TOOL, async () => {
  const steps = new Steps();
  await startEngine();
  const env = toolchainEnv();
  const stack = lastSynthesized(env);
  steps.done("synthesis");

  // A state without resources (or none) has nothing to destroy; a remote one is asked.
  if (!stack.stateFile || resourcesIn(stack.stateFile) > 0) {
    const file = path.join(ROOT, VARIABLES_FILE);
    const known = readVariablesFile(file);
    // Destroying reads no variable's value, but Terraform wants one for each: say so where none is given.
    const placeholders = stack.variables
      .filter((v) => !Object.hasOwn(known, v.name) && process.env[`TF_VAR_${v.name}`] === undefined)
      .map((v) => `-var=${v.name}=unused-by-destroy`);
    const varFile = fs.existsSync(file) ? [`-var-file=${file}`] : [];
    initialize(TOOL, stack.dir, env);
    if (terraform(TOOL, stack.dir, ["destroy", "-auto-approve", "-input=false", "-refresh=false", ...varFile, ...placeholders], env) !== 0) {
      throw new Stop(`terraform destroy of ${STACK} failed (see above)`);
    }
  }
  steps.done("terraform");

  const left = objectsOf(STACK);
  if (left.length > 0) {
    throw new Stop([`terraform destroy of ${STACK} left objects of the environment behind:`, ...left.map((o) => `  ${o}`)].join("\n"));
  }
  if (stack.stateFile && fs.existsSync(stack.stateFile) && resourcesIn(stack.stateFile) === 0) {
    fs.rmSync(stack.stateFile);
    fs.rmSync(`${stack.stateFile}.backup`, { force: true });
  }
  fs.rmSync(path.join(ROOT, PLAN_FILE), { force: true });
  steps.done("check");
  say(TOOL, `took ${steps.summary()}`);
  say(TOOL, `${STACK} is gone: no container, network or volume of it is left (${VARIABLES_FILE} and the built images stay for the next npm run up).`);
});
