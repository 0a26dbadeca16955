/**
 * The stage policies about operating a service: `autoscaling` (no schedule
 * window below the stage's minimum) and `alarms` (someone hears about every
 * service); `no-plain-secrets` on canary rules.
 */
import {
  Alarms, Autoscaling, Canary, Policies, PolicyContext, Release, ScalingSchedule, Stages, Violation,
} from "../../lib";
import { app, contextOf } from "./context";

function found(context: PolicyContext): Violation[] {
  return context.settings.policies.flatMap((policy) => policy.check(context));
}

const view = (v: Violation) => [v.path, v.field, v.value, v.rule, v.severity];
const night = (min: number) => Autoscaling.between(2, 8, { schedules: [ScalingSchedule.daily({ from: "01:00", to: "05:00", min })] });

describe("autoscaling", () => {
  test("production refuses a schedule window below two instances", () => {
    const violations = found(contextOf(app({ autoscaling: night(1) })));
    expect(violations.map(view)).toEqual([["production/app", "autoscaling.schedules[0].min", "1", "autoscaling", "error"]]);
    expect(violations[0].allowed).toBe(
      'at least 2 instances in stage "production", so one can fail or roll while the others serve, in every window');
  });

  test("a window at the minimum, or one that keeps the floor, passes", () => {
    expect(found(contextOf(app({ autoscaling: night(2) })))).toEqual([]);
    const floorOnly = Autoscaling.between(2, 8, { schedules: [ScalingSchedule.weekdays({ from: "08:00", to: "20:00", max: 8 })] });
    expect(found(contextOf(app({ autoscaling: floorOnly })))).toEqual([]);
  });

  test("the floor is min-replicas' to check, once", () => {
    const release = Release.of({ app: { version: "1.0.0", replicas: 1 } });
    expect(found(contextOf(app({ autoscaling: Autoscaling.between(2, 8) }), release)).map((v) => [v.field, v.rule]))
      .toEqual([["replicas", "min-replicas"]]);
  });

  test("prerelease allows a window of one instance; raising its minReplicas raises the bar", () => {
    expect(found(contextOf(app({ autoscaling: night(1) }), undefined, Stages.prerelease, null))).toEqual([]);
    const raised = { ...Stages.prerelease, minReplicas: 2 };
    expect(found(contextOf(app({ autoscaling: night(1) }), undefined, raised, null)).map((v) => v.field))
      .toEqual(["autoscaling.schedules[0].min"]);
  });

  test("a team may replace the floor", () => {
    const settings = Policies.replace(Stages.production, Policies.autoscaling({ atLeast: 3 }));
    expect(found(contextOf(app({ autoscaling: night(2) }), undefined, settings)).map((v) => v.allowed))
      .toEqual([expect.stringContaining('at least 3 instances in stage "production"')]);
  });
});

describe("alarms", () => {
  test("production refuses an environment that names nobody to tell", () => {
    const violations = found(contextOf(app({ replicas: 2 }), undefined, Stages.production, null));
    expect(violations.map(view)).toEqual([["production", "alerting", "(not set)", "alarms", "error"]]);
    expect(violations[0].allowed).toBe(
      'alerting: { contacts: [...] }: stage "production" requires the services\' alarms to reach someone (a contact group)');
  });

  test("production refuses a service whose alarms are off, whatever its thresholds elsewhere", () => {
    expect(found(contextOf(app({ replicas: 2, alarms: Alarms.disabled() }))).map(view))
      .toEqual([["production/app", "alarms", "disabled", "alarms", "error"]]);
    expect(found(contextOf(app({ replicas: 2, alarms: Alarms.defaults({ cpuPercent: 95 }) })))).toEqual([]);
  });

  test("prerelease does not require alarms; relaxing production's rule is a one-liner a review can see", () => {
    expect(found(contextOf(app({ alarms: Alarms.disabled() }), undefined, Stages.prerelease, null))).toEqual([]);
    const relaxed = Policies.relax(Stages.production, "alarms");
    expect(found(contextOf(app({ replicas: 2, alarms: Alarms.disabled() }), undefined, relaxed, null))).toEqual([]);
  });
});

describe("no-plain-secrets on canary rules", () => {
  const withCanary = (options: Parameters<typeof Canary.forRequests>[0]) =>
    Release.of({ app: { version: "1.0.0", canary: Canary.forRequests(options) } });

  test("a canary chosen by a session token or a credential-shaped value is refused without showing it", () => {
    const violations = found(contextOf(app({ replicas: 2 }), withCanary({
      cookies: { session_token: "abc" }, headers: { "X-Canary": `ghp_${"Zq8x".repeat(9)}` } })));
    expect(violations.map(view)).toEqual([
      ["production/app", "release.canary.headers.X-Canary", "(literal shaped like a credential; value redacted)", "no-plain-secrets", "error"],
      ["production/app", "release.canary.cookies.session_token", "(literal with a secret's name; value redacted)", "no-plain-secrets", "error"],
    ]);
    expect(violations[0].allowed).toContain("a header that names a tester or a group, not a secret");
  });

  test("a tester's cookie passes", () => {
    expect(found(contextOf(app({ replicas: 2 }), withCanary({ cookies: { "shop-tester": "canary" } })))).toEqual([]);
  });
});
