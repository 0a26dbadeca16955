/**
 * `npm run down`: removes what `npm run up` (or `cdktf deploy test`) created. Runs
 * `cdktf destroy test --auto-approve`, checks that no container, network or volume of the
 * environment is left, and removes the then empty local state and the plan file `cdktf diff`
 * leaves (both hold the secrets' values). The variables file and the
 * locally built images stay for the next `npm run up`.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, toolchainEnv } from "../toolchain-env";
import { objectsOf } from "./docker-objects";
import { OUTPUTS_FILE, PLAN_FILE, STACK, Stop, VARIABLES_FILE, cdktf, main, say, startEngine, synthesize } from "./environment";
import { readVariablesFile } from "./variables-file";

const TOOL = "down";

main(TOOL, () => {
  startEngine();
  const env = toolchainEnv();
  say(TOOL, "synthesizing the App");
  const stack = synthesize(env);

  const file = path.join(ROOT, VARIABLES_FILE);
  const known = readVariablesFile(file);
  // Destroying reads no variable's value, but Terraform wants one for each: say so where none is given.
  const placeholders = stack.variables
    .filter((v) => !Object.hasOwn(known, v.name) && process.env[`TF_VAR_${v.name}`] === undefined)
    .map((v) => `--var=${v.name}=unused-by-destroy`);
  const varFile = fs.existsSync(file) ? [`--var-file=${VARIABLES_FILE}`] : [];
  if (cdktf(TOOL, ["destroy", STACK, "--auto-approve", ...varFile, ...placeholders], env) !== 0) {
    throw new Stop(`cdktf destroy ${STACK} failed (see above)`);
  }

  const left = objectsOf(STACK);
  if (left.length > 0) {
    throw new Stop([`cdktf destroy ${STACK} left objects of the environment behind:`, ...left.map((o) => `  ${o}`)].join("\n"));
  }
  if (stack.stateFile && fs.existsSync(stack.stateFile) && (JSON.parse(fs.readFileSync(stack.stateFile, "utf8")) as { resources?: unknown[] }).resources?.length === 0) {
    fs.rmSync(stack.stateFile);
    fs.rmSync(`${stack.stateFile}.backup`, { force: true });
  }
  fs.rmSync(path.join(ROOT, OUTPUTS_FILE), { force: true });
  fs.rmSync(path.join(ROOT, PLAN_FILE), { force: true });
  say(TOOL, `${STACK} is gone: no container, network or volume of it is left (${VARIABLES_FILE} and the built images stay for the next npm run up).`);
});
