import { Policy, StageSettings } from "./policy";
import { renderedNumber } from "./rendered";
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
 * Judged on the release and on the instances the platform writes.
 */
export function minReplicasPolicy(options: MinReplicasOptions = {}): Policy {
  const required = (settings: StageSettings) => Math.max(options.atLeast ?? 1, settings.minReplicas);
  const allowed = (settings: StageSettings) =>
    `at least ${required(settings)} instances in stage "${settings.name}", so one can fail or roll while the others serve ` +
    "(raise replicas on the service or in the release)";
  return {
    name: "min-replicas",
    check: ({ path, catalog, release, settings }) => {
      const c = new Checker("min-replicas");
      for (const service of catalog.services) {
        const replicas = release.entryOf(service.name)?.replicas ?? service.replicas;
        // Counts that are not whole and positive are the model rules' to report.
        if (!Number.isInteger(replicas) || replicas < 1) continue;
        c.expect(replicas >= required(settings), `${path}/${service.name}`, "replicas", replicas, allowed(settings));
      }
      return c.violations;
    },
    checkRendered: ({ workloads }, { settings }) => {
      const c = new Checker("min-replicas");
      for (const { instances } of workloads) {
        c.expect(renderedNumber(instances.value) >= required(settings), instances.path, instances.field, instances.value,
          `${allowed(settings)}; the final configuration (after Aspects and overrides) must keep them`);
      }
      return c.violations;
    },
  };
}
