import { ImportedVariable } from "./spec";

/**
 * A Terraform variable definitions file (`.tfvars`) with the file's values of
 * the non-secret variables. Secrets are left out (given at deploy time), and
 * so are variables without a value. Values are HCL string literals: quotes,
 * backslashes and control characters escaped, and `${` / `%{` doubled so
 * Terraform reads them as text, never as a template.
 */
export function renderTfvars(variables: readonly ImportedVariable[]): string {
  const lines = variables
    .filter((v) => !v.secret && v.value !== undefined)
    .map((v) => `${v.name} = ${hclString(v.value!)}`);
  return [
    "# Values of one environment, imported from a compose file. Keep this file out of git.",
    "# Secrets are not here: supply them at deploy time as TF_VAR_<name>.",
    ...lines,
    "",
  ].join("\n");
}

/** `text` as an HCL quoted string that Terraform reads back as exactly `text`. */
export function hclString(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "\\") out += "\\\\";
    else if (c === "\"") out += "\\\"";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if ((c === "$" || c === "%") && next === "{") out += c + c;
    else if (c < " " || c === "\u007f" || c === "\u2028" || c === "\u2029") out += `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return `"${out}"`;
}
