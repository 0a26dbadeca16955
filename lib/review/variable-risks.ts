import { StackChanges, VariableDeclaration } from "./changes";
import type { Risk, RiskFactory } from "./risks";

/**
 * Variables a deployment must now supply: a new variable (secret or not)
 * without a default makes the next `apply` stop or prompt; a secret removed
 * and another added is read as a rename (the new name must be supplied where
 * secrets are kept). A secret that is no longer sensitive would show its value
 * in plans and logs. Only names are ever shown, never values.
 */
export function variableRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  const removedSecrets = stack.variables.filter((v) => v.before?.sensitive && !v.after).map((v) => v.name);
  const addedSecrets = stack.variables.filter((v) => v.after?.sensitive && !v.before).map((v) => v.name);
  // As many secrets removed as added: most likely renamed.
  const renamed = removedSecrets.length > 0 && removedSecrets.length === addedSecrets.length;
  if (renamed) {
    removedSecrets.forEach((name, i) => risks.push(risk("secret-renamed", `var.${addedSecrets[i]}`,
      `secret variable ${name} renamed to ${addedSecrets[i]}: supply TF_VAR_${addedSecrets[i]} where the environment's secrets are kept, ` +
      "or the next apply stops or prompts")));
  }
  for (const v of stack.variables) {
    if (v.after && required(v.after) && (!v.before || !required(v.before)) && !(renamed && addedSecrets.includes(v.name))) {
      const what = `${v.after.sensitive ? "secret " : ""}variable ${v.name}`;
      risks.push(risk("variable-required", `var.${v.name}`,
        `${v.before ? `${what} lost its default` : `new ${what} has no default`}: the next apply stops or prompts until TF_VAR_${v.name} is set`));
    }
    if (v.before?.sensitive && v.after && !v.after.sensitive) {
      risks.push(risk("secret-unprotected", `var.${v.name}`, `variable ${v.name} is no longer sensitive: its value would show in plans and logs`));
    }
  }
  return risks;
}

/** A variable without a default must be given at every plan and apply. */
function required(declaration: VariableDeclaration): boolean {
  return !("default" in declaration.fields);
}
