/**
 * `terraform init` + `terraform validate` of synthesized stacks with the real provider binaries of
 * the offline mirror scripts/toolchain.sh builds. Each stack is validated exactly as synthesized:
 * its own provider constraints must admit what the mirror holds.
 *
 * Usage: ts-node scripts/validate.ts [--allow-blocked] [STACK_DIR]...      (npm run validate)
 *   STACK_DIR        a directory holding the stack's *.tf.json (default: every cdktf.out/stacks/*)
 *   --allow-blocked  a stack needing a provider the mirror does not hold is reported as BLOCKED
 *                    (naming the provider) instead of FAIL; the exit code then reflects only real
 *                    failures. Without it such a stack fails.
 *
 * Each stack is copied to a temporary directory (without .terraform/ and .terraform.lock.hcl:
 * locally built providers never match registry checksums), then `terraform init -backend=false`
 * and `terraform validate -json` run there. Prints one PASS/FAIL/BLOCKED line with timings per
 * stack, the diagnostics of failures, and exits 1 if any stack fails (2 on usage errors).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { ROOT, toolchainEnv } from "./toolchain-env";
import { summarizeValidation } from "./validate/diagnostics";
import { missingProviders } from "./validate/stack-providers";

type Outcome = "pass" | "fail" | "blocked";

function seconds(since: bigint): string {
  return `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(1)}s`;
}

function tail(text: string, lines = 15): string[] {
  return text.split("\n").filter((l) => l.trim() !== "").slice(-lines).map((l) => `    ${l}`);
}

function validateStack(stack: string, work: string, env: NodeJS.ProcessEnv, allowBlocked: boolean): Outcome {
  const name = path.basename(stack);
  if (!fs.existsSync(stack) || !fs.statSync(stack).isDirectory()) {
    console.log(`FAIL ${name}: not a directory (${stack})`);
    return "fail";
  }
  const dir = path.join(work, name);
  fs.cpSync(stack, dir, { recursive: true, filter: (src) => ![".terraform", ".terraform.lock.hcl"].includes(path.basename(src)) });
  const mirror = path.join(env.TOOLCHAIN_CACHE ?? path.join(os.homedir(), ".cache/cdktf-service-platform"), "mirror");
  const missing = missingProviders(dir, mirror);
  if (missing.length > 0 && allowBlocked) {
    console.log(`BLOCKED ${name}: provider(s) ${missing.join(" ")} not in the mirror (scripts/toolchain.sh could not build them here)`);
    return "blocked";
  }
  const terraform = (...args: string[]) =>
    spawnSync(env.TERRAFORM_BINARY_NAME || "terraform", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const t0 = process.hrtime.bigint();
  const init = terraform("init", "-backend=false", "-input=false", "-no-color");
  if (init.status !== 0) {
    console.log([`FAIL ${name}: init failed after ${seconds(t0)}`, ...tail(`${init.stdout}${init.stderr}${init.error?.message ?? ""}`)].join("\n"));
    return "fail";
  }
  const initTime = seconds(t0);
  const t1 = process.hrtime.bigint();
  const validate = terraform("validate", "-json", "-no-color");
  const timing = `(init ${initTime}, validate ${seconds(t1)})`;
  const summary = validate.stdout.trim() ? summarizeValidation(validate.stdout) : { valid: false, lines: [] };
  console.log([`${summary.valid ? "PASS" : "FAIL"} ${name} ${timing}`, ...summary.lines, ...(summary.valid ? [] : tail(validate.stderr))].join("\n"));
  return summary.valid ? "pass" : "fail";
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ options: { "allow-blocked": { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (parsed.values.help) {
    console.log(fs.readFileSync(__filename, "utf8").split("*/")[0].replace(/^\/\*\*\n/, "").replace(/^ \* ?/gm, ""));
    return 0;
  }
  let stacks = parsed.positionals.map((p) => path.resolve(p));
  if (stacks.length === 0) {
    const all = path.join(ROOT, "cdktf.out/stacks");
    stacks = fs.existsSync(all) ? fs.readdirSync(all).map((s) => path.join(all, s)).filter((s) => fs.statSync(s).isDirectory()) : [];
    if (stacks.length === 0) {
      console.error(`no stacks in ${all} (run cdktf synth first)`);
      return 2;
    }
  }
  const env = { ...toolchainEnv(), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "validate-"));
  const t0 = process.hrtime.bigint();
  try {
    const outcomes = stacks.map((stack) => validateStack(stack, work, env, parsed.values["allow-blocked"] === true));
    const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
    console.log(`validated ${stacks.length} stack(s) in ${seconds(t0)}: ${count("pass")} passed, ${count("fail")} failed, ${count("blocked")} blocked`);
    return count("fail") === 0 ? 0 : 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
