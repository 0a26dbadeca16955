import { Policy, StageSettings } from "./policy";
import { renderedNumber } from "./rendered";
import { Duration } from "../model/duration";
import { Checker } from "../validation/checker";

/** Options of the `log-retention` policy. */
export interface LogRetentionOptions {
  /**
   * Shortest retention allowed, whatever `settings.minLogRetention` says.
   * @default Duration.days(1)
   */
  readonly atLeast?: Duration;
}

/**
 * Logs are kept at least max(`atLeast`, settings.minLogRetention): the stage's
 * default retention, every log store that sets its own, and every log store
 * the platform writes.
 */
export function logRetentionPolicy(options: LogRetentionOptions = {}): Policy {
  const floor = options.atLeast ?? Duration.days(1);
  const required = (settings: StageSettings) => (settings.minLogRetention.toMillis() > floor.toMillis() ? settings.minLogRetention : floor);
  const allowed = (settings: StageSettings) =>
    `at least ${required(settings)} in stage "${settings.name}", so incidents can be investigated after the fact`;
  return {
    name: "log-retention",
    check: ({ path, catalog, settings }) => {
      const c = new Checker("log-retention");
      const minimum = required(settings).toMillis();
      c.expect(!(settings.logRetention.toMillis() < minimum), path, "settings.logRetention", settings.logRetention, allowed(settings));
      for (const service of catalog.services) {
        const retention = service.logs.retention;
        // `!(a < b)` lets NaN through: malformed durations are the input rules' to report.
        if (retention) c.expect(!(retention.toMillis() < minimum), `${path}/${service.name}`, "logs.retention", retention, allowed(settings));
      }
      return c.violations;
    },
    checkRendered: ({ logStores }, { settings }) => {
      const c = new Checker("log-retention");
      for (const { retentionDays: days } of logStores) {
        c.expect(renderedNumber(days.value) * Duration.days(1).toMillis() >= required(settings).toMillis(), days.path, days.field, days.value,
          `${allowed(settings)} (in days)`);
      }
      return c.violations;
    },
  };
}
