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

/** Renders any value for a message: strings quoted, lists and objects as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value !== null && typeof value === "object" && typeof (value as object).toString === "function" &&
      (value as object).toString !== Object.prototype.toString && !Array.isArray(value)) {
    return String(value);
  }
  return JSON.stringify(value);
}

/** One line per violation: `path: field = value; allowed (rule)`. */
export function formatViolation(v: Violation): string {
  return `${v.severity.toUpperCase()} ${v.path}: ${v.field} = ${v.value}; ${v.allowed} [${v.rule}]`;
}

/** Violations in a stable order: errors first, then by path, field and rule. */
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

/** Thrown at synth when an environment has error violations; nothing is written for that stack. */
export class ValidationError extends Error {
  static {
    // On the prototype before any instance exists, so the captured stack starts "ValidationError: …".
    this.prototype.name = "ValidationError";
  }

  /** Every violation found, errors first. */
  declare public readonly violations: readonly Violation[];

  constructor(
    /** Construct path of the stack whose synthesis stopped (`stack` is the Error's own stack trace). */
    public readonly stackPath: string,
    violations: readonly Violation[],
    /** Names of the stage's policies, so the report can say which findings a team may relax. @default - none */
    policies: readonly string[] = [],
  ) {
    const errors = violations.filter((v) => v.severity === "error").length;
    const relaxable = [...new Set(violations.filter((v) => v.severity === "error" && policies.includes(v.rule)).map((v) => v.rule))];
    super(
      `${stackPath}: ${errors} error(s) stop synthesis; nothing was written for this stack.\n` +
        violations.map((v) => `  ${formatViolation(v)}`).join("\n") +
        (relaxable.length === 0 ? "" :
          `\n  ${relaxable.map((r) => `[${r}]`).join(", ")} ${relaxable.length === 1 ? "is a policy" : "are policies"} of this stage: ` +
          "fix the input, or relax one for this stack with Policies.relax(settings, name) (see docs/policies.md)."),
    );
    // Not enumerable: an uncaught error prints its message (which lists every violation) without a second, raw copy.
    Object.defineProperty(this, "violations", { value: violations, enumerable: false });
  }
}
