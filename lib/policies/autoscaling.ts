import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/** Options of the `autoscaling` policy. */
export interface AutoscalingPolicyOptions {
  /**
   * Fewest instances autoscaling may leave, whatever `settings.minReplicas` says.
   * @default 1
   */
  readonly atLeast?: number;
}

/**
 * Autoscaling never takes a service below the stage's minimum: every schedule
 * window's minimum is at least max(`atLeast`, settings.minReplicas). The floor
 * itself is the replica count, which `min-replicas` checks, and the ceiling is
 * at least the floor (the model rules refuse inverted bounds), so neither is
 * checked twice here.
 */
export function autoscalingPolicy(options: AutoscalingPolicyOptions = {}): Policy {
  return {
    name: "autoscaling",
    check: ({ path, catalog, settings }) => {
      const c = new Checker("autoscaling");
      const required = Math.max(options.atLeast ?? 1, settings.minReplicas);
      const why = `at least ${required} instances in stage "${settings.name}", so one can fail or roll while the others serve`;
      for (const service of catalog.services) {
        const a = service.autoscaling;
        if (!a) continue;
        a.schedules.forEach((window, i) => {
          // Counts that are not whole and positive are the model rules' to report.
          if (window.min === undefined || !Number.isInteger(window.min) || window.min < 1) return;
          c.expect(window.min >= required, `${path}/${service.name}`, `autoscaling.schedules[${i}].min`, window.min, `${why}, in every window`);
        });
      }
      return c.violations;
    },
  };
}
