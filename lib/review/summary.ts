import { countActions } from "./changes";
import { Review } from "./review";
import { RiskSeverity } from "./risks";

/** The lowest risk severity that fails the CI job, or `none` to never fail on risks. */
export type FailOn = RiskSeverity | "none";

/**
 * One line for CI logs, e.g.
 * `plan-review: production 2 changed, 1 replaced; 1 high, 0 medium risks`.
 */
export function summaryLine(review: Review): string {
  const stacks = review.changes.stacks.flatMap((stack) => {
    const counts = countActions(stack);
    const parts = [
      [counts.create, "added"],
      [counts.update, "changed"],
      [counts.replace, "replaced"],
      [counts.delete, "removed"],
      [counts.forget, "forgotten"],
      [stack.variables.length, "variables changed"],
      [stack.settings.length, "settings changed"],
    ].filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`);
    return parts.length > 0 ? [`${stack.stack} ${parts.join(", ")}`] : [];
  });
  const high = review.risks.filter((r) => r.severity === "high").length;
  const medium = review.risks.filter((r) => r.severity === "medium").length;
  return `plan-review: ${stacks.length > 0 ? stacks.join("; ") : "no changes"}; ${high} high, ${medium} medium risks`;
}

/** Whether the review fails the job: any risk at or above `failOn`. */
export function failsGate(review: Review, failOn: FailOn): boolean {
  if (failOn === "none") return false;
  return review.risks.some((r) => r.severity === "high" || failOn === "medium");
}
