import { Policy } from "./policy";
import { renderedNumber } from "./rendered";
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
 * window's minimum is at least max(`atLeast`, settings.minReplicas), and no
 * window caps capacity below the environment's floor (a window may lower the
 * floor with its own `min`, but a ceiling below the floor keeps the service
 * from growing back to it however loaded). The floor itself is the replica
 * count, which `min-replicas` checks, and the ceiling is at least the floor
 * (the model rules refuse inverted bounds), so neither is checked twice here.
 * Every minimum a scaling rule the platform writes holds is judged the same way.
 */
export function autoscalingPolicy(options: AutoscalingPolicyOptions = {}): Policy {
  return {
    name: "autoscaling",
    check: ({ path, catalog, release, settings }) => {
      const c = new Checker("autoscaling");
      const required = Math.max(options.atLeast ?? 1, settings.minReplicas);
      const why = `at least ${required} instances in stage "${settings.name}", so one can fail or roll while the others serve`;
      for (const service of catalog.services) {
        const a = service.autoscaling;
        if (!a) continue;
        const floor = release.entryOf(service.name)?.replicas ?? service.replicas;
        a.schedules.forEach((window, i) => {
          // Counts that are not whole and positive are the model rules' to report.
          if (window.min !== undefined && Number.isInteger(window.min) && window.min >= 1) {
            c.expect(window.min >= required, `${path}/${service.name}`, `autoscaling.schedules[${i}].min`, window.min, `${why}, in every window`);
          }
          // Without a min of its own, a window starts at the floor: the model rules refuse a lower ceiling there.
          if (window.min === undefined || window.max === undefined || !Number.isInteger(window.max) || !Number.isInteger(floor)) return;
          c.expect(window.max >= floor, `${path}/${service.name}`, `autoscaling.schedules[${i}].max`, window.max,
            `at least the environment's floor of ${floor} instances in stage "${settings.name}": a lower ceiling caps capacity below ` +
            "the floor for the whole window, however loaded the service is; lower the window's min instead and keep its max");
        });
      }
      return c.violations;
    },
    checkRendered: ({ workloads }, { settings }) => {
      const c = new Checker("autoscaling");
      const required = Math.max(options.atLeast ?? 1, settings.minReplicas);
      for (const workload of workloads) {
        // A minimum at the workload's own count is its floor, which min-replicas judges.
        const floor = renderedNumber(workload.instances.value);
        for (const min of (workload.scalingMinimums ?? []).filter((m) => !(renderedNumber(m.value) >= floor))) {
          c.expect(renderedNumber(min.value) >= required, min.path, min.field, min.value,
            `at least ${required} instances in stage "${settings.name}", so one can fail or roll while the others serve, in every rule and window`);
        }
      }
      return c.violations;
    },
  };
}
