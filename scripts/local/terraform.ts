import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../toolchain-env";
import { say } from "./environment";

/**
 * Terraform in a synthesized stack's directory, as `cdktf deploy` and `cdktf destroy` run it
 * (`terraform init`, then `terraform apply` or `destroy` with the same arguments), without
 * starting the cdktf CLI and synthesizing a second time: `npm run up` and `npm run down` have
 * just synthesized.
 */

/** Where a stack's working directory records what `terraform init` last prepared it for. */
const INIT_RECORD = path.join(".terraform", "cdktf-service-platform-init");

/** What a stack block names that `terraform init` installs or configures. */
interface InitInputs {
  readonly terraform?: unknown;
  readonly module?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
  readonly resource?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

/**
 * What `terraform init` depends on in the stack: its `terraform` block (backend, required
 * providers), its modules, the providers its blocks use and the dependency lock file. The same
 * fingerprint means the last init still holds; cdktf's own `init` in the directory changes the
 * lock file only when it installs something, which changes the fingerprint too.
 */
export function initFingerprint(stackDir: string): string {
  const doc = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as InitInputs;
  const providers = [...Object.keys(doc.provider ?? {}), ...Object.keys(doc.resource ?? {}), ...Object.keys(doc.data ?? {})]
    .map((name) => name.split("_")[0]);
  const lockFile = path.join(stackDir, ".terraform.lock.hcl");
  return createHash("sha256").update(JSON.stringify([
    doc.terraform ?? null, doc.module ?? null, [...new Set(providers)].sort(), fs.existsSync(lockFile) ? fs.readFileSync(lockFile, "utf8") : "",
  ])).digest("hex");
}

/** Whether the stack's directory needs `terraform init` before a plan: never initialized, or for something else. */
export function needsInit(stackDir: string): boolean {
  const record = path.join(stackDir, INIT_RECORD);
  if (!fs.existsSync(path.join(stackDir, ".terraform", "providers")) || !fs.existsSync(record)) return true;
  return fs.readFileSync(record, "utf8") !== initFingerprint(stackDir) || !providersInstalled(stackDir);
}

/**
 * Whether every provider the lock file selects is still installed: `terraform init` may have
 * linked it from a plugin cache that was emptied since (then a plan fails with "Required
 * plugins are not installed").
 */
function providersInstalled(stackDir: string): boolean {
  const lockFile = path.join(stackDir, ".terraform.lock.hcl");
  if (!fs.existsSync(lockFile)) return false;
  const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
  const selected = [...fs.readFileSync(lockFile, "utf8").matchAll(/^provider "([^"]+)" \{\s*version\s*=\s*"([^"]+)"/gm)];
  // existsSync follows a link: a link into an emptied cache counts as missing.
  return selected.every(([, source, version]) => fs.existsSync(path.join(stackDir, ".terraform", "providers", source, version, platform)));
}

/** Runs terraform with `args` in `stackDir`, output to the terminal; returns its exit code. */
export function terraform(tool: string, stackDir: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const binary = env.TERRAFORM_BINARY_NAME || "terraform";
  say(tool, `running ${binary} ${args.join(" ")} (in ${path.relative(ROOT, stackDir)})`);
  // Colours only for a terminal: logs and tests read plain text.
  const color = process.stdout.isTTY ? [] : ["-no-color"];
  const [command, ...rest] = args;
  const result = spawnSync(binary, [command, ...color, ...rest], { cwd: stackDir, env, stdio: "inherit" });
  return result.status ?? 1;
}

/** `terraform init` where the stack's directory needs it (see needsInit); throws if it fails. */
export function initialize(tool: string, stackDir: string, env: NodeJS.ProcessEnv): void {
  if (!needsInit(stackDir)) return;
  if (terraform(tool, stackDir, ["init", "-input=false"], env) !== 0) throw new Error(`terraform init failed in ${stackDir} (see above)`);
  fs.writeFileSync(path.join(stackDir, INIT_RECORD), initFingerprint(stackDir));
}

/** The values of the outputs a local state file holds (what `terraform output -json` reads there). */
export function stateOutputs(stateFile: string): Record<string, unknown> {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { outputs?: Record<string, { value: unknown }> };
  return Object.fromEntries(Object.entries(state.outputs ?? {}).map(([name, output]) => [name, output.value]));
}
