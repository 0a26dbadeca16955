import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Duration, Stages } from "../../lib";
import { Review, reviewPlans } from "../../lib/review";
import { ADMINISTRATOR_DEPLOYER, movedApplication } from "./consequence-risks";
import { synthExample } from "./example-app";
import { editedOutput, exampleOutput, planOf } from "./support";

// The new rows where a change is visible in a plan too: the example App's
// before/after written as `terraform show -json` would write it, and read
// back through --plan.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Reviews the plan of `stack` between the example App and `head`, as `plan-review --plan stack=<file>`. */
function reviewPlan(head: string, stack: string): Review {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-plan-"));
  dirs.push(dir);
  const file = path.join(dir, `${stack}.json`);
  fs.writeFileSync(file, JSON.stringify(planOf(exampleOutput(), head, stack)));
  return reviewPlans({ [stack]: file });
}

const lines = (r: Review) => r.risks.map((x) => `${x.severity} ${x.kind} ${x.message}`);

test("the deployer policy made Action \"*\" (an exemption names it): high in the bootstrap's plan", () => {
  const r = reviewPlan(synthExample(ADMINISTRATOR_DEPLOYER), "bootstrap");
  // A plan carries the policy, not the bootstrap's record of exemptions: the widening is the row.
  expect(lines(r)).toEqual([
    "high deployer-widened alicloud_ram_policy.deployer-policy (shop-deployer) grants every action of every service (Action \"*\"): an administrator",
  ]);
});

test("a retention cut in prerelease's plan is data loss", () => {
  const r = reviewPlan(synthExample({ prerelease: { settings: { ...Stages.prerelease, logRetention: Duration.days(1) } } }), "prerelease");
  expect(lines(r)).toEqual(["orders-api", "web", "worker"].map((s) =>
    `medium data-loss alicloud_log_store.log-store-${s} keeps logs 7 → 1 days (retention_period): logs older than 1 day are deleted, 6 days of them`));
});

test("an application at a new address in production's plan: a delete and a create while the service stays is downtime", () => {
  const r = reviewPlan(editedOutput(exampleOutput(), (s) => { s.production = movedApplication(s.production); }), "production");
  expect(lines(r)).toEqual([
    "high service-down orders-api is down while its application is destroyed (alicloud_sae_application.app-orders-api) and " +
      "alicloud_sae_application.orders-api-app created in its place: a new address is a new resource to Terraform, nothing carries over",
  ]);
});

test("a production scale-up in the plan lowers the ratio and flags nothing", () => {
  const canary = (x: any) => x.entries().find(([name]: [string]) => name === "orders-api")[1].canary;
  const head = synthExample({ releases: { production: (x) => x.with("orders-api", { version: "2.0.3", replicas: 3, canary: canary(x) }) } });
  const r = reviewPlan(head, "production");
  expect(r.changes.stacks[0].resources.filter((x) => x.action !== "no-op").map((x) => x.address)).toContain("alicloud_sae_application.app-orders-api");
  expect(lines(r)).toEqual([]);
});
