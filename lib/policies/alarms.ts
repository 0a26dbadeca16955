import { Policy } from "./policy";
import { Duration } from "../model/duration";
import { Checker } from "../validation/checker";

/** Options of the `alarms` policy. */
export interface AlarmsPolicyOptions {
  /**
   * Longest time a threshold may have to be crossed before anyone is told (`sustainedFor`).
   * @default Duration.minutes(15)
   */
  readonly longestWait?: Duration;
}

/**
 * Someone hears about it when a service is unhealthy: every service has its
 * alarms on, the environment names who they notify (`alerting`, a contact
 * group with at least one contact) where its platform renders alarms, and no alarm is set where it can never
 * fire — CPU or memory at or above 100% (an alarm fires when average use is
 * above its threshold), more unhealthy instances than the service runs, or a
 * wait longer than `longestWait`. Otherwise the thresholds are the team's.
 */
export function alarmsPolicy(options: AlarmsPolicyOptions = {}): Policy {
  const longest = options.longestWait ?? Duration.minutes(15);
  return {
    name: "alarms",
    check: ({ path, catalog, release, settings, alerting, rendersAlarms }) => {
      const c = new Checker("alarms");
      const stage = `stage "${settings.name}"`;
      c.expect(alerting !== undefined || rendersAlarms === false, path, "alerting", alerting,
        `alerting: { contacts: [...] }: ${stage} requires the services' alarms to reach someone (a contact group)`);
      for (const service of catalog.services) {
        const where = `${path}/${service.name}`;
        if (!c.expect(service.alarms.enabled, where, "alarms", service.alarms,
          `Alarms.defaults() (thresholds may be adjusted): ${stage} requires alarms on every service`)) continue;
        const t = service.alarms.thresholds;
        // Values out of range are the model rules' to report, once.
        for (const field of ["cpuPercent", "memoryPercent"] as const) {
          if (!Number.isInteger(t[field]) || t[field] < 1 || t[field] > 100) continue;
          c.expect(t[field] < 100, where, `alarms.${field}`, t[field],
            `a threshold below 100 in ${stage}: the alarm fires when average use is above it, and average use never exceeds 100%, ` +
            "so this alarm could never fire (Alarms.disabled(), which the policy refuses)");
        }
        const floor = release.entryOf(service.name)?.replicas ?? service.replicas;
        if (service.routedPorts.length > 0 && Number.isInteger(floor) && floor >= 1 && Number.isInteger(t.unhealthyInstances)) {
          c.expect(t.unhealthyInstances <= floor, where, "alarms.unhealthyInstances", t.unhealthyInstances,
            `at most the ${floor} instance${floor === 1 ? "" : "s"} the service runs here, in ${stage}: the alarm fires only when ` +
            "that many are unhealthy at once, which it could then never see");
        }
        const wait = t.sustainedFor.toMillis();
        if (Number.isFinite(wait)) {
          c.expect(wait <= longest.toMillis(), where, "alarms.sustainedFor", t.sustainedFor,
            `at most ${longest} in ${stage}: an alarm that waits longer tells no one while it matters ` +
            "(Policies.replace(settings, Policies.alarms({ longestWait })) sets another limit)");
        }
      }
      return c.violations;
    },
  };
}
