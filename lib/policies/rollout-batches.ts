import { Policy } from "./policy";
import { RenderedWorkload, renderedNumber } from "./rendered";
import { Checker } from "../validation/checker";

/**
 * Every service that runs two or more instances rolls out in at least two
 * batches, so part of it keeps serving while the rest updates. (The platform
 * also keeps at least one instance ready whatever the batches; this policy
 * keeps a one-batch rollout — every instance replaced at once — out of the
 * stage, and, in what the platform writes, a rollout that keeps none ready.)
 */
export function rolloutBatchesPolicy(): Policy {
  const allowed = (stage: string, replicas: number) =>
    `at least 2 batches in stage "${stage}", so part of the ${replicas} instances keeps serving while the rest ` +
    "update: one batch replaces them all at once (Rollout.batches({ batches: 2 }))";
  return {
    name: "rollout-batches",
    check: ({ path, catalog, release, settings }) => {
      const c = new Checker("rollout-batches");
      for (const service of catalog.services) {
        const replicas = release.entryOf(service.name)?.replicas ?? service.replicas;
        const batches = service.rollout.batches;
        // A single instance cannot roll in batches (min-replicas reports it); bad numbers are the model rules'.
        if (!Number.isInteger(replicas) || replicas < 2 || !Number.isInteger(batches) || batches < 1) continue;
        c.expect(batches >= 2, `${path}/${service.name}`, "rollout.batches", batches, allowed(settings.name, replicas));
      }
      return c.violations;
    },
    checkRendered: ({ workloads }, { settings }) => {
      const c = new Checker("rollout-batches");
      const rolling = (w: RenderedWorkload) => renderedNumber(w.instances.value) >= 2;
      for (const workload of workloads.filter(rolling)) {
        const replicas = renderedNumber(workload.instances.value);
        const ready = `in stage "${settings.name}", so part of the ${replicas} instances keeps serving while the rest update`;
        if (workload.batches) {
          const b = workload.batches;
          c.expect(renderedNumber(b.value) >= 2, b.path, b.field, b.value, allowed(settings.name, replicas));
        }
        for (const count of workload.readyCounts ?? []) {
          c.expect(renderedNumber(count.value) >= 1, count.path, count.field, count.value, `at least 1 instance kept ready ${ready}`);
        }
        for (const share of workload.readyPercents ?? []) {
          c.expect(renderedNumber(share.value) > 0, share.path, share.field, share.value, `a share above 0% kept ready ${ready}`);
        }
      }
      return c.violations;
    },
  };
}
