import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { objectsOf } from "../local/docker-objects";
import { STACK, VARIABLES_FILE, outputDirectory, startEngine } from "../local/environment";
import { readDockerStack } from "../local/stack-facts";
import { ROOT, toolchainEnv } from "../toolchain-env";
import { downFloor, recordEnvironment, upFloor } from "./container-floor";

/**
 * The inner loop a team repeats all day on the example's test environment — `npm run up` from
 * nothing, `npm run up` again with nothing changed, `npm run down` — each measured side by side
 * with its floor in the same run:
 *
 * - up from down: the containers' own start and health, without Terraform: the same networks,
 *   volumes and containers (as `docker inspect` shows them) created through the Engine API, the
 *   files Terraform copies in copied in, each started once what it depends on is done, until every
 *   one is ready (container-floor.ts);
 * - up again: `terraform plan` finding no change in the same stack directory (the refresh that
 *   detects drift, and the plan), which `npm run up` cannot do with less;
 * - down: `docker rm -f` of the same containers, then `docker network rm` and `docker volume rm`.
 *
 * Needs a Docker engine (and root, to build the images the first time) and the test environment
 * down; leaves it down. On a machine shared with others, run it under the lock they use.
 */

/** One measurement of a command and of its floor, in milliseconds. */
export interface LoopPair {
  readonly library: number;
  readonly floor: number;
  /** The 1-minute load average when the pair started. */
  readonly load: number;
  /** Where the command's own time went, as it reports it ("up: took 3.41 s (synthesis 0.80, …)"). */
  readonly steps: Record<string, number>;
}

/** Every pair of every run, by figure. */
export interface InnerLoopResult {
  readonly containers: number;
  readonly upFromDown: LoopPair[];
  readonly upAgain: LoopPair[];
  readonly down: LoopPair[];
}

/** A README command, exactly as written; its output kept from the terminal (a first `up` prints a new secret). */
function npmRun(script: "up" | "down"): { ms: number; steps: Record<string, number> } {
  const started = performance.now();
  const result = spawnSync("npm", ["run", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${`${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-30).join("\n")}`);
  const took = new RegExp(`^${script}: took [\\d.]+ s \\(([^)]*)\\)$`, "m").exec(result.stdout)?.[1] ?? "";
  const steps = Object.fromEntries(took.split(", ").filter(Boolean).map((part) => {
    const [name, seconds] = part.split(" ");
    return [name, Number(seconds) * 1000];
  }));
  if (script === "up" && !/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/.test(result.stdout)) {
    throw new Error(`npm run up changed or destroyed something:\n${result.stdout.split("\n").filter((l) => l.includes("Apply complete")).join("\n")}`);
  }
  return { ms, steps };
}

/** `terraform plan` in the stack's directory, as `npm run up` would plan; fails unless it finds no change. */
function terraformPlan(stackDir: string, env: NodeJS.ProcessEnv): number {
  const varFile = path.join(ROOT, VARIABLES_FILE);
  const started = performance.now();
  const result = spawnSync(env.TERRAFORM_BINARY_NAME || "terraform", ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-var-file=${varFile}`], {
    cwd: stackDir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`terraform plan found changes or failed (exit ${result.status}):\n${result.stdout.slice(-3000)}${result.stderr}`);
  return ms;
}

const load = () => os.loadavg()[0];

/**
 * `runs` rounds of the inner loop (see above), after one untimed `npm run up` and `npm run down`
 * that build the images, write the variables file and initialize the stack's directory. A
 * variables file the run created is removed at the end; the environment is left down.
 */
export async function measureInnerLoop(runs: number, log: (line: string) => void = () => undefined): Promise<InnerLoopResult> {
  await startEngine();
  const up = objectsOf(STACK);
  if (up.length > 0) {
    throw new Error(`the ${STACK} environment is up (${up.length} objects): the inner-loop figures start from it down. Run npm run down first, or --parts synth.`);
  }
  const variablesFile = path.join(ROOT, VARIABLES_FILE);
  const hadVariables = fs.existsSync(variablesFile);
  const env = toolchainEnv();
  const pairs: Pick<InnerLoopResult, "upFromDown" | "upAgain" | "down"> = { upFromDown: [], upAgain: [], down: [] };
  let containers = 0;
  try {
    log("inner loop: warming up (images, variables file, terraform init): npm run up, npm run down");
    npmRun("up");
    npmRun("down");
    for (let run = 0; run < runs; run++) {
      const upLoad = load();
      const fromDown = npmRun("up");
      const stack = readDockerStack(outputDirectory(), STACK);
      const recorded = await recordEnvironment(STACK, stack.stateFile!);
      containers = recorded.containers.length;

      // Up again and its floor, each first in turn.
      const againLoad = load();
      let again: { ms: number; steps: Record<string, number> };
      let planMs: number;
      if (run % 2 === 0) {
        planMs = terraformPlan(stack.dir, env);
        again = npmRun("up");
      } else {
        again = npmRun("up");
        planMs = terraformPlan(stack.dir, env);
      }
      pairs.upAgain.push({ library: again.ms, floor: planMs, load: againLoad, steps: again.steps });

      const downLoad = load();
      const down = npmRun("down");
      // The floors, on objects of the same names that the engine creates and removes by itself.
      pairs.upFromDown.push({ library: fromDown.ms, floor: await upFloor(recorded), load: upLoad, steps: fromDown.steps });
      pairs.down.push({ library: down.ms, floor: downFloor(STACK), load: downLoad, steps: down.steps });
      const pair = (p: LoopPair) => `${secs(p.library)} (floor ${secs(p.floor)})`;
      log(`inner loop: run ${run + 1}/${runs}: up from down ${pair(pairs.upFromDown[run])}, up again ${pair(pairs.upAgain[run])}, `
        + `down ${pair(pairs.down[run])}; load ${load().toFixed(1)}`);
      const left = objectsOf(STACK);
      if (left.length > 0) throw new Error(`objects of ${STACK} left after the floors: ${left.join(", ")}`);
    }
  } finally {
    // Whatever happened, nothing of the environment stays up.
    const left = objectsOf(STACK);
    if (left.length > 0) {
      try {
        npmRun("down");
      } catch {
        downFloor(STACK);
      }
    }
    if (!hadVariables) fs.rmSync(variablesFile, { force: true });
  }
  return { containers, ...pairs };
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
