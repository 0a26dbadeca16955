import { Policy } from "./policy";
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
 * default retention and every log store that sets its own.
 */
export function logRetentionPolicy(options: LogRetentionOptions = {}): Policy {
  const floor = options.atLeast ?? Duration.days(1);
  return {
    name: "log-retention",
    check: ({ path, catalog, settings }) => {
      const c = new Checker("log-retention");
      const required = settings.minLogRetention.toMillis() > floor.toMillis() ? settings.minLogRetention : floor;
      const allowed = `at least ${required} in stage "${settings.name}", so incidents can be investigated after the fact`;
      c.expect(!(settings.logRetention.toMillis() < required.toMillis()), path, "settings.logRetention", settings.logRetention, allowed);
      for (const service of catalog.services) {
        const retention = service.logs.retention;
        // `!(a < b)` lets NaN through: malformed durations are the input rules' to report.
        if (retention) c.expect(!(retention.toMillis() < required.toMillis()), `${path}/${service.name}`, "logs.retention", retention, allowed);
      }
      return c.violations;
    },
  };
}
