import { StackChanges, countActions, hasChanges } from "./changes";
import { Review } from "./review";
import { RISK_TABLE, RiskKind, RiskSeverity, SEVERITIES, atLeast } from "./risk-table";

/** The lowest risk severity that fails the CI job, or `none` to never fail on risks. */
export type FailOn = RiskSeverity | "none";

/**
 * One line for CI logs, e.g.
 * `plan-review: production 2 changed, 1 replaced; 1 high, 0 medium, 0 low risks`,
 * or `plan-review: FAILED, exit 2 (…); nothing compared` when something could not be reviewed.
 */
export function summaryLine(review: Review): string {
  const stacks = review.changes.stacks.flatMap((stack) => {
    const parts = countParts(stack);
    return parts.length > 0 ? [`${stack.stack} ${parts.join(", ")}`] : [];
  });
  const risks = SEVERITIES.map((s) => `${review.risks.filter((r) => r.severity === s).length} ${s}`).join(", ");
  if (review.failures.length > 0) {
    // "no changes" would read as a clean review: say what was compared, if anything.
    const compared = review.changes.stacks.length === 0 ? "nothing compared"
      : `of what could be compared: ${stacks.length > 0 ? stacks.join("; ") : "no changes"}; ${risks} risks`;
    return `plan-review: FAILED, exit 2 (${review.failures.map((f) => f.what).join("; ")}); ${compared}`;
  }
  return `plan-review: ${stacks.length > 0 ? stacks.join("; ") : "no changes"}; ${risks} risks`;
}

/**
 * The report's first line: what failed, else whether anything changes, else
 * the worst consequences per environment, e.g.
 * `⚠ production: network replaced, 3 services restarted`.
 */
export function verdictLine(review: Review): string {
  if (review.failures.length > 0) return `✗ Review incomplete: ${review.failures.map((f) => f.what).join("; ")}`;
  const changed = review.changes.stacks.filter(hasChanges);
  // A risk without a resource change (a policy relaxed) is still a risk.
  if (review.risks.length === 0) {
    if (changed.length === 0) return "No infrastructure changes";
    return `✓ No risks flagged: ${changed.map((s) => `${s.stack} ${countParts(s).join(", ")}`).join("; ")}`;
  }
  // The environment closest to users first.
  const stacks = [...review.changes.stacks].reverse().filter((s) => review.risks.some((r) => r.stack === s.stack));
  const worst = review.risks[0].severity;
  const parts = stacks.map((s) => {
    const risks = review.risks.filter((r) => r.stack === s.stack);
    const kinds = (Object.keys(RISK_TABLE) as RiskKind[]).filter((k) => risks.some((r) => r.kind === k));
    const of = (k: RiskKind) => risks.filter((r) => r.kind === k);
    const count = (k: RiskKind) => new Set(of(k).map((r) => r.service ?? r.subject)).size;
    const briefs = (k: RiskKind) => [...new Set(of(k).flatMap((r) => (r.brief ? [r.brief] : [])))];
    return `${s.stack}: ${kinds.map((k) => RISK_TABLE[k].verdict(count(k), briefs(k))).join(", ")}`;
  });
  return `${worst === "high" ? "⚠" : "△"} ${parts.join("; ")}`;
}

/** Whether the review fails the job: any risk at or above `failOn`. */
export function failsGate(review: Review, failOn: FailOn): boolean {
  return failOn !== "none" && review.risks.some((r) => atLeast(r.severity, failOn));
}

/** `2 added, 1 replaced` for one stack; empty when nothing changes. */
export function countParts(stack: StackChanges): string[] {
  const counts = countActions(stack);
  const things = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"} changed`;
  return [
    [counts.create, "added"],
    [counts.update, "changed"],
    [counts.replace, "replaced"],
    [counts.delete, "removed"],
    [counts.forget, "forgotten"],
  ].filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`)
    .concat(stack.variables.length > 0 ? [things(stack.variables.length, "variable")] : [])
    .concat(stack.settings.length > 0 ? [things(stack.settings.length, "setting")] : []);
}
