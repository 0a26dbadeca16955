import type { StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";

/**
 * A grant outside least privilege that a change adds to a deployer's policy:
 * each exemption the state bootstrap records (with the team's reason) that the
 * base did not have. The deployer holds the policy, so the review shows who
 * opted in to what, and why, before it merges.
 */
export function deployerRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = stack.checked?.before?.exemptions ?? [];
  return (stack.checked?.after?.exemptions ?? [])
    .filter((e) => !before.some((b) => b.action.toLowerCase() === e.action.toLowerCase() && b.reason === e.reason))
    .map((e) => risk("policy-relaxed", `deployer exemption ${e.action}`,
      `deployer policy grants ${e.action} outside least privilege, exempted because: ${e.reason}`));
}
