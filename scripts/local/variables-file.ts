import { randomBytes } from "crypto";
import * as fs from "fs";
import { StackVariable } from "./stack-facts";

/** A value `npm run up` chose for a variable the file did not have. */
export interface ChosenValue {
  readonly name: string;
  readonly value: string;
  readonly secret: boolean;
}

/** The variables file after `planVariables`: its values, what was added, and what nothing could supply. */
export interface VariablesPlan {
  readonly values: Record<string, string>;
  readonly chosen: ChosenValue[];
  readonly missing: StackVariable[];
}

/** Reads a `.tfvars.json` file of string values; no file is an empty one. */
export function readVariablesFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix it or delete it to have it written again`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error(`${file} must hold one JSON object of variable values`);
  const wrong = Object.entries(doc).filter(([, v]) => typeof v !== "string").map(([k]) => k);
  if (wrong.length > 0) throw new Error(`${file}: ${wrong.join(", ")} must be strings (every variable of the stack is a string)`);
  return doc as Record<string, string>;
}

/**
 * Completes the values of `variables`: kept from `existing`, left to Terraform when the
 * environment has `TF_VAR_<name>`, a random value for a secret, `defaults[name]` for plain
 * configuration. Anything else is missing.
 */
export function planVariables(
  variables: readonly StackVariable[], existing: Record<string, string>, env: NodeJS.ProcessEnv, defaults: Readonly<Record<string, string>>,
): VariablesPlan {
  const values = { ...existing };
  const chosen: ChosenValue[] = [];
  const missing: StackVariable[] = [];
  for (const variable of variables) {
    if (Object.hasOwn(values, variable.name) || env[`TF_VAR_${variable.name}`] !== undefined) continue;
    const value = variable.sensitive ? randomBytes(18).toString("base64url") : Object.hasOwn(defaults, variable.name) ? defaults[variable.name] : undefined;
    if (value === undefined) {
      missing.push(variable);
    } else {
      values[variable.name] = value;
      chosen.push({ name: variable.name, value, secret: variable.sensitive });
    }
  }
  return { values, chosen, missing };
}

/** Writes the values readable by the owner only: secrets live in it. */
export function writeVariablesFile(file: string, values: Record<string, string>): void {
  fs.writeFileSync(file, JSON.stringify(values, null, 2) + "\n", { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** The message for variables nothing supplies: each with its description, and how to supply it. */
export function describeMissing(missing: readonly StackVariable[], file: string): string {
  const width = Math.max(...missing.map((v) => v.name.length));
  return [
    `${missing.length} variable(s) of the stack have no value:`,
    ...missing.map((v) => `  ${v.name.padEnd(width)}  ${v.description}${v.sensitive ? " (secret)" : ""}`),
    `Add them to ${file} (a JSON object of strings), or set TF_VAR_<name> in the environment, and run this again.`,
  ].join("\n");
}
