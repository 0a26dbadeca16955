import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { ValidationError } from "../../lib";
import { synthError } from "../support/synth";

/** What a rejected input must say: construct path, field, value as shown, and a piece of the allowed text. */
export type Expected = [path: string, field: string, value: string, allowed: string];

/**
 * Synthesizes `app` expecting exactly one error, which names `expected`, and
 * no output for `stack`. Returns the error for further checks.
 */
export function expectOneError(app: App, stack: string, expected: Expected): ValidationError {
  const error = synthError(app);
  expect(error).toBeInstanceOf(ValidationError);
  const report = error as ValidationError;
  const errors = report.violations.filter((v) => v.severity === "error");
  const [pathName, field, value, allowed] = expected;
  expect(errors.map((v) => [v.path, v.field, v.value])).toEqual([[pathName, field, value]]);
  expect(errors[0].allowed).toContain(allowed);
  expect(report.message).toContain(`${pathName}: ${field} = ${value}; `);
  expect(fs.existsSync(path.join(app.outdir, "stacks", stack))).toBe(false);
  return report;
}
