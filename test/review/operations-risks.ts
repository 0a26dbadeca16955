import { TerraformResource, TerraformStack } from "cdktf";
import { CmsAlarm } from "../../.gen/providers/alicloud/cms-alarm";
import { CmsAlarmContactGroup } from "../../.gen/providers/alicloud/cms-alarm-contact-group";
import { Alarms, Autoscaling, Canary, Duration, Policies, Port, Route, ScalingTarget, Stages } from "../../lib";
import { Review, verdictLine } from "../../lib/review";
import { productionRelease } from "../../stacks/production";
import { ExampleChange } from "./example-app";

/** How the risk table's tests review a change of the example App and read its risk groups. */
export interface RiskTableHarness {
  /** Reviews the example App changed by `change` against the example App. */
  readonly review: (change: ExampleChange, base?: string) => Review;
  /** The review's risk groups as `severity kind [service] message @ stack:severity,…` lines, counting the kinds seen. */
  readonly groups: (review: Review) => string[];
}

/** An override on a resource of a built stack, as a team's escape hatch would set it. */
const override = (stack: TerraformStack, id: string, path: string, value: unknown) =>
  (stack.node.findChild(id) as TerraformResource).addOverride(path, value);

/** The addresses a review finds in `stack` with `action`. */
const addresses = (r: Review, stack: string, action: string) =>
  r.changes.stacks.find((s) => s.stack === stack)!.resources.filter((x) => x.action === action).map((x) => x.address);

/**
 * The rows for what production operates with — scaling rules, CloudMonitor
 * alarms and their contact group, canary routes — each from a synthesized
 * before/after pair of the example App. risk-table.test.ts registers them
 * next to the other rows, where it checks that every row has a test.
 */
export function operationsRiskTests({ review, groups }: RiskTableHarness): void {
  describe("autoscaling weakened", () => {
    test("targets raised scale later, a lowered one does not count; prerelease and production alike", () => {
      const r = review({
        services: {
          "orders-api": { props: (p) => ({ ...p, autoscaling: Autoscaling.between(2, 6, { targets: [ScalingTarget.cpu(60), ScalingTarget.memory(90)] }) }) },
          web: {
            props: (p) => ({
              ...p,
              autoscaling: Autoscaling.between(2, 10, { targets: [ScalingTarget.cpu(70), ScalingTarget.requestsPerSecond(300)], schedules: [...p.autoscaling!.schedules] }),
            }),
          },
        },
      });
      expect(verdictLine(r)).toBe("⚠ production: autoscaling weakened; prerelease: autoscaling weakened");
      expect(groups(r)).toEqual([
        "high autoscaling-weakened [orders-api] orders-api autoscaling target memory 80% → 90%: fewer instances when load comes @ prerelease:medium,production:high",
        "high autoscaling-weakened [web] web autoscaling target requests per instance 200/s → 300/s: fewer instances when load comes @ prerelease:medium,production:high",
      ]);
    });

    test("a target removed and the business-hours window that raised the floor dropped", () => {
      const r = review({ services: { web: { props: (p) => ({ ...p, autoscaling: Autoscaling.between(2, 10, { targets: [ScalingTarget.cpu(70)] }) }) } } });
      expect(groups(r)).toEqual([
        "high autoscaling-weakened [web] web autoscaling target requests per instance 200/s removed; scheduled floor of 4 instances at 08:00 removed: " +
          "fewer instances when load comes @ prerelease:medium,production:high",
      ]);
    });

    test("a scaling rule removed (autoscaling dropped) or switched off (escape hatch) leaves the service at its floor", () => {
      const r = review({
        services: { worker: { props: (p) => ({ ...p, autoscaling: undefined, replicas: 2 }) } },
        stacks: (s) => override(s.production, "scaling-orders-api", "scaling_rule_enable", false),
      });
      expect(addresses(r, "production", "delete")).toEqual(["alicloud_sae_application_scaling_rule.scaling-worker"]);
      expect(groups(r)).toEqual([
        "high autoscaling-weakened [orders-api] orders-api autoscaling switched off (scaling_rule_enable false): fewer instances when load comes @ production:high",
        "high autoscaling-weakened [worker] worker autoscaling removed: it stays at 2 instances (up to 4 with load before): fewer instances when load comes " +
          "@ prerelease:medium,production:high",
      ]);
    });
  });

  describe("alarms weakened", () => {
    test("thresholds moved away from the load and held longer, a service's alarms turned off; a lower threshold does not count", () => {
      const r = review({
        services: {
          "orders-api": { props: (p) => ({ ...p, alarms: Alarms.defaults({ responseTime: Duration.millis(800), sustainedFor: Duration.minutes(5) }) }) },
          web: { props: (p) => ({ ...p, alarms: Alarms.defaults({ cpuPercent: 80 }) }) },
          worker: { props: (p) => ({ ...p, alarms: Alarms.disabled() }) },
        },
        production: { settings: Policies.relax(Stages.production, "alarms") },
      });
      expect(verdictLine(r)).toBe("⚠ production: alarms weakened, alarms relaxed: lets through services whose trouble alerts nobody");
      expect(groups(r)).toEqual([
        "high alarms-weakened [orders-api] orders-api alarms critical sustained for 3 → 5 periods (UpstreamCode5xx on port 8085, UpstreamRt on port 8085, " +
          "UnhealthyServerCount on port 8085, cpu, memoryPercent); critical threshold 500 → 800 (UpstreamRt on port 8085): " +
          "trouble is noticed later, or not at all @ production:high",
        "high alarms-weakened [worker] worker alarms removed (cpu, memoryPercent): trouble is noticed later, or not at all @ production:high",
        "high policy-relaxed [-] policy alarms relaxed: services whose trouble alerts nobody are no longer refused @ production:high",
      ]);
    });

    // Production's alarms policy refuses an alarm switched off or checked less often as written: relaxed, the review still flags them.
    test("disabled, checked less often, repeated less, watched fewer hours (escape hatches, the policy relaxed)", () => {
      const r = review({
        production: { settings: Policies.relax(Stages.production, "alarms") },
        stacks: (s) => {
          override(s.production, "alarm-web-cpu", "enabled", false);
          override(s.production, "alarm-web-memory", "silence_time", 86400);
          override(s.production, "alarm-worker-cpu", "period", 300);
          override(s.production, "alarm-worker-memory", "effective_interval", "09:00-18:00");
        },
      });
      expect(groups(r)).toEqual([
        "high alarms-weakened [web] web alarms disabled (cpu); repeated every 3600s → 86400s (memoryPercent): trouble is noticed later, or not at all @ production:high",
        "high alarms-weakened [worker] worker alarms period 60s → 300s (cpu); watched only 09:00-18:00 (memoryPercent): " +
          "trouble is noticed later, or not at all @ production:high",
        "high policy-relaxed [-] policy alarms relaxed: services whose trouble alerts nobody are no longer refused @ production:high",
      ]);
    });

    test("alarms follow a route to another listener port: new alarms take the old ones' place", () => {
      const r = review({ services: { "orders-api": { props: (p) => ({ ...p, ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8090 }) })] }) } } });
      expect(addresses(r, "production", "delete")).toContain("alicloud_cms_alarm.alarm-orders-api-8085-latency");
      expect(addresses(r, "production", "create")).toContain("alicloud_cms_alarm.alarm-orders-api-8090-latency");
      expect(groups(r).filter((line) => line.includes("alarm"))).toEqual([]);
    });
  });

  describe("alarm contacts removed", () => {
    test("a contact taken out of production's group", () => {
      const r = review({ production: { alerting: { contacts: ["shop-oncall"] } } });
      expect(groups(r)).toEqual([
        "high alarm-contacts-removed [-] alicloud_cms_alarm_contact_group.alarm-contacts no longer tells orders-team @ production:high",
      ]);
    });

    test("production without alerting: the contact group and every alarm go, the policy relaxed", () => {
      const r = review({ production: { alerting: undefined, settings: Policies.relax(Stages.production, "alarms") } });
      expect(verdictLine(r)).toBe("⚠ production: alarms weakened, alarm contacts removed, alarms relaxed: lets through services whose trouble alerts nobody");
      const removed = (service: string, alarms: string) =>
        `high alarms-weakened [${service}] ${service} alarms removed (${alarms}): trouble is noticed later, or not at all @ production:high`;
      const balancer = (port: number) => `UpstreamCode5xx on port ${port}, UpstreamRt on port ${port}, UnhealthyServerCount on port ${port}, `;
      expect(groups(r)).toEqual([
        removed("orders-api", `${balancer(8085)}cpu, memoryPercent`),
        removed("web", `${balancer(80)}cpu, memoryPercent`),
        removed("worker", "cpu, memoryPercent"),
        "high alarm-contacts-removed [-] alicloud_cms_alarm_contact_group.alarm-contacts removed: the alarms that name it tell nobody @ production:high",
        "high policy-relaxed [-] policy alarms relaxed: services whose trouble alerts nobody are no longer refused @ production:high",
      ]);
    });

    // Production's alarms policy refuses an alarm sent to no group, or a group emptied, as written: relaxed, the review still flags them.
    test("an alarm sent to another group, another to none, a group emptied (escape hatches, the policy relaxed)", () => {
      const r = review({
        production: { settings: Policies.relax(Stages.production, "alarms") },
        stacks: (s) => {
          // An override appends to a list; the binding's setter replaces it.
          (s.production.node.findChild("alarm-web-memory") as CmsAlarm).contactGroups = ["shop-quiet"];
          (s.production.node.findChild("alarm-contacts") as CmsAlarmContactGroup).contacts = [];
          override(s.production, "alarm-worker-cpu", "contact_groups", null);
        },
      });
      expect(groups(r)).toEqual([
        "high alarm-contacts-removed [-] alicloud_cms_alarm_contact_group.alarm-contacts has no contacts left: its alarms tell nobody @ production:high",
        "high alarm-contacts-removed [web] web alarms no longer tell alicloud_cms_alarm_contact_group.alarm-contacts (memoryPercent): " +
          "who should act is not told @ production:high",
        "high alarm-contacts-removed [worker] worker alarms tell nobody (cpu): who should act is not told @ production:high",
        "high policy-relaxed [-] policy alarms relaxed: services whose trouble alerts nobody are no longer refused @ production:high",
      ]);
    });
  });

  describe("canary route changed", () => {
    const canary = (options: Parameters<typeof Canary.forRequests>[0]) =>
      ({ production: (x: ReturnType<typeof productionRelease>) => x.with("orders-api", { version: "2.0.3", canary: Canary.forRequests(options) }) });

    test("another tester cookie value, the header dropped, a cookie added: medium in production, values never shown", () => {
      const r = review({ releases: canary({ cookies: { "shop-tester": "beta", "qa-tester": "yes" }, verifyFor: Duration.minutes(15) }) });
      expect(verdictLine(r)).toBe("△ production: canary route changed");
      expect(groups(r)).toEqual([
        "medium canary-route-changed [orders-api] orders-api canary route changed (header X-Shop-Canary no longer selects the canary, " +
          "cookie qa-tester now selects it, cookie shop-tester matches otherwise): a canary in progress receives other requests than its testers send " +
          "@ production:medium",
      ]);
      expect(r.risks.map((x) => x.message).join("\n")).not.toMatch(/beta|yes/);
    });

    test("the canary dropped from production's release while orders-api stays", () => {
      const r = review({ releases: { production: (x) => x.with("orders-api", "2.0.3") } });
      expect(addresses(r, "production", "delete")).toEqual(["alicloud_sae_grey_tag_route.canary-orders-api"]);
      expect(groups(r)).toEqual([
        "medium canary-route-changed [orders-api] orders-api canary route removed: during a canary, requests with header X-Shop-Canary " +
          "or cookie shop-tester no longer go to it @ production:medium",
      ]);
    });

    test("the same rules with another verification time change nothing the route does", () => {
      const r = review({ releases: canary({ cookies: { "shop-tester": "canary" }, headers: { "X-Shop-Canary": "1" }, verifyFor: Duration.minutes(20) }) });
      expect(addresses(r, "production", "update")).toContain("alicloud_sae_application.app-orders-api");
      expect(groups(r).filter((line) => line.includes("canary-route-changed"))).toEqual([]);
    });
  });
}
