/**
 * A grant outside least privilege that a team opts in to for its deployer is
 * shown by plan-review with the reason the team gave, when a change adds it.
 */
import { synthApp, tempApp } from "../support/synth";
import { bootstrap, withRamPolicy } from "../app/hostile";
import { Stages } from "../../lib";
import { verdictLine } from "../../lib/review";
import { reviewEdit, riskLines } from "./support";

const REASON = "the app's own policy is managed with the environment (SEC-42)";

/** The bootstrap's check record as a real synth writes it, for a production deployer with two exemptions. */
function exemptedRecord(): Record<string, unknown> {
  const app = tempApp();
  bootstrap(app, [withRamPolicy(app, "production", { settings: Stages.production, alerting: { contacts: ["shop-oncall"] } })], {
    exemptions: [{ action: "ram:CreatePolicyVersion", reason: REASON }, { action: "ram:SetDefaultPolicyVersion", reason: REASON }],
  });
  return synthApp(app).stacks.bootstrap["//"]["cdktf-service-platform"];
}

describe("deployer exemptions in plan-review", () => {
  const record = exemptedRecord();

  test("an added exemption is a risk of the production tier, with the team's reason", () => {
    const { review, markdown } = reviewEdit((stacks) => {
      stacks.bootstrap["//"]["cdktf-service-platform"] = record;
    });
    expect(riskLines(review)).toEqual([
      "high policy-relaxed bootstrap deployer exemption ram:CreatePolicyVersion",
      "high policy-relaxed bootstrap deployer exemption ram:SetDefaultPolicyVersion",
    ]);
    expect(markdown).toContain(`deployer policy grants ram:CreatePolicyVersion outside least privilege, exempted because: ${REASON}`);
    expect(verdictLine(review)).toBe("⚠ bootstrap: deployer exemptions let through ram:CreatePolicyVersion, ram:SetDefaultPolicyVersion");
  });

  test("an exemption the base had already is no new risk", () => {
    const { review } = reviewEdit(() => undefined);
    expect(review.risks).toEqual([]);
  });
});
