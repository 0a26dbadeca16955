import { StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";

/**
 * What each of the library's policies refuses (docs/policies.md): once it is
 * relaxed, this is what a pull request may do. A team's own policy is named
 * by what it was called.
 */
const REFUSES: Readonly<Record<string, string>> = {
  "min-replicas": "fewer instances than the stage's floor",
  probes: "routed services without a health probe",
  "pinned-images": "image versions that are not pinned",
  "min-zones": "fewer zones than the stage asks",
  "log-retention": "log retention below the stage's floor",
  "deletion-protection": "stateful resources without deletion protection",
  "route-exposure": "public routes without domains",
  "no-plain-secrets": "secrets written as plain values",
  "rollout-batches": "releases that restart every instance at once",
  autoscaling: "autoscaling below the stage's floor",
  alarms: "services whose trouble alerts nobody",
};

/**
 * A policy that stopped synthesis on the base and no longer does: relaxed,
 * only warning, or replaced by another rule. The row and the verdict say what
 * the pull request may now do that the policy refused.
 */
export function policyRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = stack.checked?.before;
  const after = stack.checked?.after;
  if (!before || !after) return [];
  const replacedBefore = new Set(before.adjustments.filter((a) => a.change === "replaced").map((a) => a.policy));
  return before.policies.filter((p) => p.enforcement === "error").flatMap((p) => {
    const now = after.policies.find((q) => q.name === p.name);
    const replaced = after.adjustments.some((a) => a.policy === p.name && a.change === "replaced") && !replacedBefore.has(p.name);
    const refused = Object.hasOwn(REFUSES, p.name) ? REFUSES[p.name] : `what policy ${p.name} refused`;
    const [change, consequence, brief] = !now
      ? ["relaxed", `${refused} are no longer refused`, `${p.name} relaxed: lets through ${refused}`]
      : now.enforcement === "warning"
        ? ["made warning-only", `${refused} only warn, they no longer stop synthesis`, `${p.name} only warns: lets through ${refused}`]
        : replaced
          ? ["replaced by another rule of that name", `check that it still refuses ${refused}`, `${p.name} replaced`]
          : [];
    return change ? [risk("policy-relaxed", `policy ${p.name}`, `policy ${p.name} ${change}: ${consequence}`, undefined, brief)] : [];
  });
}
