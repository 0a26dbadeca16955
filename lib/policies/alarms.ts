import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/**
 * Someone hears about it when a service is unhealthy: every service has its
 * alarms on, and the environment names who they notify (`alerting`, a
 * contact group with at least one contact) where its platform renders alarms.
 * Thresholds are the team's to set.
 */
export function alarmsPolicy(): Policy {
  return {
    name: "alarms",
    check: ({ path, catalog, settings, alerting, rendersAlarms }) => {
      const c = new Checker("alarms");
      c.expect(alerting !== undefined || rendersAlarms === false, path, "alerting", alerting,
        `alerting: { contacts: [...] }: stage "${settings.name}" requires the services' alarms to reach someone (a contact group)`);
      for (const service of catalog.services) {
        c.expect(service.alarms.enabled, `${path}/${service.name}`, "alarms", service.alarms,
          `Alarms.defaults() (thresholds may be adjusted): stage "${settings.name}" requires alarms on every service`);
      }
      return c.violations;
    },
  };
}
