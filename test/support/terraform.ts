import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// scripts/setup.sh provides Terraform (or OpenTofu, named by TERRAFORM_BINARY_NAME); without it this fails.
const TERRAFORM = process.env.TERRAFORM_BINARY_NAME || "terraform";

/** Runs the real Terraform in `dir` (no input, no checkpoint calls) and returns its stdout; throws unless it exits 0. */
export function terraform(dir: string, args: readonly string[], env: Record<string, string> = {}): string {
  const result = spawnSync(TERRAFORM, args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", ...env },
  });
  if (result.error) throw new Error(`${TERRAFORM} could not run (${result.error.message}): run scripts/setup.sh first`);
  if (result.status !== 0) throw new Error(`${TERRAFORM} ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** What Terraform makes of strings written into a configuration. */
export interface TerraformReading {
  /** Each template as Terraform evaluates it (an output value). */
  readonly values: string[];
  /** Each description as Terraform keeps it (a variable description, read literally). */
  readonly descriptions: string[];
}

/**
 * Writes `templates` as output values and `descriptions` as variable
 * descriptions into a configuration without providers, and reads back from a
 * real `terraform plan` what Terraform made of them.
 */
export function terraformReads(templates: readonly string[], descriptions: readonly string[] = []): TerraformReading {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-reads-"));
  // Terraform refuses an empty block: write only the blocks that have entries.
  const config = {
    ...(templates.length > 0 ? { output: Object.fromEntries(templates.map((t, i) => [`o${i}`, { value: t }])) } : {}),
    ...(descriptions.length > 0 ? {
      variable: Object.fromEntries(descriptions.map((d, i) => [`d${i}`, { type: "string", default: "", description: d }])),
    } : {}),
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
  terraform(dir, ["init", "-input=false", "-no-color"]);
  terraform(dir, ["plan", "-out=plan.out", "-input=false", "-no-color"]);
  const plan = JSON.parse(terraform(dir, ["show", "-json", "plan.out"]));
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    values: templates.map((_, i) => plan.planned_values.outputs[`o${i}`].value),
    descriptions: descriptions.map((_, i) => plan.configuration.root_module.variables[`d${i}`].description),
  };
}
