import type { StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";

/** How many exempted actions the verdict names before it says "and N more". */
const NAMED = 3;

/**
 * A grant outside least privilege that a change adds to a deployer's policy:
 * each exemption the state bootstrap records (with the team's reason) that the
 * base did not have. The deployer holds the policy, so the review shows who
 * opted in to what, and why, before it merges. What the grant does to the
 * policy is the deployer-widened row's to say; this row is the opt-in. The
 * verdict names what the added exemptions let through, once for all of them.
 */
export function deployerRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = stack.checked?.before?.exemptions ?? [];
  const added = (stack.checked?.after?.exemptions ?? [])
    .filter((e) => !before.some((b) => b.action.toLowerCase() === e.action.toLowerCase() && b.reason === e.reason));
  if (added.length === 0) return [];
  const actions = added.map((e) => e.action);
  const named = actions.length <= NAMED ? actions.join(", ") : `${actions.slice(0, NAMED).join(", ")} and ${actions.length - NAMED} more`;
  const brief = `deployer ${actions.length === 1 ? "exemption lets" : "exemptions let"} through ${named}`;
  return added.map((e) => risk("policy-relaxed", `deployer exemption ${e.action}`,
    `deployer policy grants ${e.action} outside least privilege, exempted because: ${e.reason}`, undefined, brief));
}
