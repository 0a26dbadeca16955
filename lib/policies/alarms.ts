import { Policy } from "./policy";
import { renderedNumber } from "./rendered";
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
 * The alarms the platform writes are judged the same way, after every Aspect
 * and override: each switched on, notifying a group that has a contact, able
 * to fire, and none of a service's removed.
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
    checkRendered: ({ alarms = [], alarmContacts = [] }, { path, catalog, release, settings, alerting, rendersAlarms }) => {
      const c = new Checker("alarms");
      if (rendersAlarms === false || alerting === undefined) return [];
      const stage = `stage "${settings.name}"`;
      const kept = "; the final configuration (after Aspects and overrides) must keep it";
      for (const contacts of alarmContacts) {
        c.expect(Array.isArray(contacts.value) && contacts.value.length > 0, contacts.path, contacts.field, contacts.value,
          `at least one contact in ${stage}: the services' alarms must reach someone${kept}`);
      }
      for (const alarm of alarms) {
        const { enabled, notifies, threshold, comparison, waitSeconds } = alarm;
        c.expect(enabled.value === undefined || enabled.value === true || enabled.value === "true", enabled.path, enabled.field, enabled.value,
          `true in ${stage}: ${stage} requires alarms on every service${kept}`);
        c.expect(Array.isArray(notifies.value) && notifies.value.some((g) => typeof g === "string" && g !== ""), notifies.path, notifies.field,
          notifies.value, `the environment's contact group in ${stage}: the alarm must reach someone${kept}`);
        const wait = renderedNumber(waitSeconds.value);
        c.expect(wait > 0 && wait * 1000 <= longest.toMillis(), waitSeconds.path, waitSeconds.field, waitSeconds.value,
          `at most ${longest.toMillis() / 1000} seconds in ${stage}: an alarm that waits longer tells no one while it matters${kept}`);
        const service = catalog.services.find((s) => s.name === alarm.service);
        const most = alarm.watches === "unhealthyInstances" ? (service && (release.entryOf(service.name)?.replicas ?? service.replicas)) : 100;
        if (alarm.watches === undefined || most === undefined) continue;
        c.expect(comparison.value === ">" || comparison.value === ">=", comparison.path, comparison.field, comparison.value,
          `">" (or ">=") in ${stage}: the alarm fires when the value rises above its threshold${kept}`);
        const value = renderedNumber(threshold.value);
        const fires = comparison.value === ">=" ? value <= most : value < most;
        c.expect(fires, threshold.path, threshold.field, threshold.value, alarm.watches === "unhealthyInstances"
          ? `at most the ${most} instance${most === 1 ? "" : "s"} ${alarm.service} runs here, in ${stage}: the alarm could otherwise never fire${kept}`
          : `a threshold below 100 in ${stage}: average use never exceeds 100%, so this alarm could never fire${kept}`);
      }
      // Removing an alarm silences it as surely as switching it off.
      for (const service of catalog.services.filter((s) => s.alarms.enabled)) {
        const watched = ["cpuPercent", "memoryPercent", ...(service.routedPorts.length > 0 ? ["unhealthyInstances"] : [])];
        for (const watch of watched) {
          c.expect(alarms.some((a) => a.service === service.name && a.watches === watch), `${path}/${service.name}`, `alarms.${watch}`, undefined,
            `an alarm on it, kept in the final configuration in ${stage}: ${stage} requires alarms on every service`);
        }
      }
      return c.violations;
    },
  };
}
