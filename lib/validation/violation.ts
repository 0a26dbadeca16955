import { reportWhenUncaught } from "./reported-error";

/** How bad a violation is: errors stop synthesis, warnings are reported. */
export type Severity = "error" | "warning";

/** One thing wrong with an environment's input, said so it can be fixed in one read. */
export interface Violation {
  /** Construct path of what is wrong, e.g. `production/orders-api`. */
  readonly path: string;
  /** Field within it, e.g. `probe.timeout` or `ports[0].port`. */
  readonly field: string;
  /** The value given, rendered for people (never a secret's value: secrets are only variable names). */
  readonly value: string;
  /** What is allowed instead, or how to fix it. */
  readonly allowed: string;
  /** Name of the rule or policy that found it. */
  readonly rule: string;
  /** Whether it stops synthesis. */
  readonly severity: Severity;
}

/**
 * Renders any value for a message: strings quoted, lists and objects as JSON.
 * @internal
 */
export function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value !== null && typeof value === "object" && typeof value.toString === "function" &&
      value.toString !== Object.prototype.toString && !Array.isArray(value)) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- its own toString, checked just above
    return String(value);
  }
  return JSON.stringify(value);
}

/**
 * One line per violation: `SEVERITY path: field = value; allowed [rule]`.
 * @internal
 */
export function formatViolation(v: Violation): string {
  return `${v.severity.toUpperCase()} ${describeViolation(v)}`;
}

/**
 * A violation without its severity, for where the severity is said otherwise (cdktf's annotation levels):
 * `path: field = value; allowed [rule]`.
 * @internal
 */
export function describeViolation(v: Violation): string {
  return `${v.path}: ${v.field} = ${v.value}; ${v.allowed} [${v.rule}]`;
}

/**
 * Violations in a stable order: errors first, then by path, field and rule.
 * @internal
 */
export function sortViolations(violations: readonly Violation[]): Violation[] {
  const rank = (v: Violation) => (v.severity === "error" ? 0 : 1);
  return [...violations].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.path.localeCompare(b.path) ||
      a.field.localeCompare(b.field) ||
      a.rule.localeCompare(b.rule),
  );
}

/** The findings of one stack of an App. */
export interface StackReport {
  /** Construct path of the stack. */
  readonly stackPath: string;
  /** Its findings, errors first. */
  readonly violations: readonly Violation[];
  /**
   * Names of the stage's policies, so the report can say which findings a team may relax.
   * @default []
   */
  readonly policies?: readonly string[];
}

/**
 * Thrown at synth when any stack of an App has an error. It reports every
 * stack's findings at once; nothing is written for any stack of that App.
 * Uncaught, it prints its message once, without a stack trace, and the
 * process exits with status 1 (set `CDKTF_SERVICE_PLATFORM_TRACE=1` for the trace).
 */
export class ValidationError extends Error {
  static {
    // On the prototype before any instance exists, so the captured stack starts "ValidationError: …".
    this.prototype.name = "ValidationError";
  }

  /** Every violation found, errors first, over all stacks. */
  declare public readonly violations: readonly Violation[];
  /** The findings per stack, in the App's order; stacks without findings are left out. */
  declare public readonly stacks: readonly StackReport[];

  constructor(stacks: readonly StackReport[]) {
    const reported = stacks.filter((s) => s.violations.length > 0);
    const failed = reported.filter((s) => s.violations.some((v) => v.severity === "error"));
    const errors = failed.reduce((n, s) => n + s.violations.filter((v) => v.severity === "error").length, 0);
    super(
      `${errors} error(s) in ${failed.map((s) => s.stackPath).join(", ")} stop synthesis; ` +
        "nothing was written for any stack of this App.\n" +
        reported.map(section).join("\n"),
    );
    // Not enumerable: an uncaught error prints its message (which lists every violation) without a second, raw copy.
    Object.defineProperty(this, "violations", { value: sortViolations(reported.flatMap((s) => s.violations)), enumerable: false });
    Object.defineProperty(this, "stacks", { value: reported, enumerable: false });
    reportWhenUncaught(this);
  }
}

/** One stack's part of the report: a count, one line per violation, and which of them a team may relax. */
function section(report: StackReport): string {
  const count = (severity: Severity) => report.violations.filter((v) => v.severity === severity).length;
  const hint = relaxHint(report);
  return `${report.stackPath}: ${count("error")} error(s), ${count("warning")} warning(s)\n` +
    report.violations.map((v) => `  ${formatViolation(v)}`).join("\n") +
    (hint === undefined ? "" : `\n  ${hint}`);
}

/**
 * Which errors of a stack's report come from the stage's policies, which a team may relax; none, undefined.
 * @internal
 */
export function relaxHint(report: StackReport): string | undefined {
  const policies = report.policies ?? [];
  const relaxable = [...new Set(report.violations.filter((v) => v.severity === "error" && policies.includes(v.rule)).map((v) => v.rule))];
  if (relaxable.length === 0) return undefined;
  return `${relaxable.map((r) => `[${r}]`).join(", ")} ${relaxable.length === 1 ? "is a policy" : "are policies"} of this stage: ` +
    "fix the input, or relax one for this stack with Policies.relax(settings, name) (see docs/policies.md in the cdktf-service-platform package).";
}
