import { Fn, Token } from "cdktf";

/**
 * `value` as a JSON value inside a JSON-encoded attribute (SAE `envs`,
 * CloudMonitor `metric_dimensions`). Text is JSON-encoded here and escaped
 * with the rest of the stack by the environment's sink; a library token (a
 * variable, a resource id) is spliced in as `jsonencode(…)`, so Terraform
 * quotes it at plan time. Only tokens go into `Fn.jsonencode`: the sink does
 * not reach into function arguments, and cdktf escapes `${` there but not `%{`.
 */
function jsonValue(value: string): string {
  return Token.isUnresolved(value) ? Fn.jsonencode(value) : JSON.stringify(value);
}

/** A JSON object of string fields, each written by `jsonValue`. */
export function jsonObject(fields: Readonly<Record<string, string>>): string {
  return `{${Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}:${jsonValue(value)}`).join(",")}}`;
}
