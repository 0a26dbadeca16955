import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/** Options of the `min-replicas` policy. */
export interface MinReplicasOptions {
  /**
   * Fewest instances per service, whatever `settings.minReplicas` says.
   * @default 1
   */
  readonly atLeast?: number;
}

/**
 * Every service runs at least max(`atLeast`, settings.minReplicas) instances,
 * so one can fail or be replaced during a rollout while the others serve.
 * The floor keeps a lowered `settings.minReplicas` from silently relaxing the rule.
 */
export function minReplicasPolicy(options: MinReplicasOptions = {}): Policy {
  return {
    name: "min-replicas",
    check: ({ path, catalog, release, settings }) => {
      const c = new Checker("min-replicas");
      const required = Math.max(options.atLeast ?? 1, settings.minReplicas);
      for (const service of catalog.services) {
        const replicas = release.entryOf(service.name)?.replicas ?? service.replicas;
        // Counts that are not whole and positive are the model rules' to report.
        if (!Number.isInteger(replicas) || replicas < 1) continue;
        c.expect(replicas >= required, `${path}/${service.name}`, "replicas", replicas,
          `at least ${required} instances in stage "${settings.name}", so one can fail or roll while the others serve ` +
          "(raise replicas on the service or in the release)");
      }
      return c.violations;
    },
  };
}
