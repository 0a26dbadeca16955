import { Fn, Token } from "cdktf";

/**
 * `value` (strings, numbers, booleans, null, lists and objects of them; strings
 * may be library tokens such as a variable or a resource id; undefined fields
 * are left out) as the text of a JSON-encoded attribute (SAE `envs` and
 * `sls_configs`, CloudMonitor `metric_dimensions`, RAM policy documents), in
 * one canonical form: object keys sorted, no whitespace. The provider sends
 * these attributes as they are written, reads back what the API returns, and
 * compares the two as raw text (SAE `envs` and `sls_configs` have no
 * normalising diff suppression): the same value must always be the same text,
 * or a reordered key or a space would show as a change on every plan. Text is JSON-encoded here and escaped with the rest of the stack by
 * the environment's sink; a token is spliced in as `jsonencode(…)`, so
 * Terraform quotes it at plan time. Only tokens go into `Fn.jsonencode`: the
 * sink does not reach into function arguments, and cdktf escapes `${` there but not `%{`.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "string") return Token.isUnresolved(value) ? Fn.jsonencode(value) : JSON.stringify(value);
  if (value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value !== "object") throw new TypeError(`not a JSON value: ${typeof value === "number" ? value : typeof value}`);
  const fields = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
  return `{${fields.join(",")}}`;
}
