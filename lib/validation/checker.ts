import { Severity, Violation, show } from "./violation";

/**
 * Collects violations for one construct path. Every input check in the library
 * goes through here, so each message has the same shape: path, field, value, what is allowed.
 */
export class Checker {
  private readonly found: Violation[] = [];

  constructor(
    /** Name of the rule set, reported with each violation. */
    private readonly rule: string,
    /** Severity of what this checker finds. */
    private readonly severity: Severity = "error",
  ) {}

  /** Records a violation unless `ok`. Returns `ok`, so callers can skip dependent checks. */
  public expect(ok: boolean, path: string, field: string, value: unknown, allowed: string): boolean {
    if (!ok) {
      this.found.push({ path, field, value: show(value), allowed, rule: this.rule, severity: this.severity });
    }
    return ok;
  }

  /** Records a violation unless `rule` accepts `value`. */
  public check<T>(path: string, field: string, value: T, rule: Rule<T>): boolean {
    return this.expect(rule.test(value), path, field, value, rule.allowed);
  }

  /** Everything found so far. */
  public get violations(): Violation[] {
    return [...this.found];
  }
}

/** A reusable input rule: a test and the sentence that says what it allows. */
export interface Rule<T> {
  /** Whether a value is acceptable. */
  readonly test: (value: T) => boolean;
  /** What the rule allows, said to whoever gave a value it refuses, e.g. "a whole number from 1 to 50". */
  readonly allowed: string;
}
