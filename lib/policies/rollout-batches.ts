import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/**
 * Every service that runs two or more instances rolls out in at least two
 * batches, so part of it keeps serving while the rest updates. (The platform
 * also keeps at least one instance ready whatever the batches; this policy
 * keeps a one-batch rollout — every instance replaced at once — out of the stage.)
 */
export function rolloutBatchesPolicy(): Policy {
  return {
    name: "rollout-batches",
    check: ({ path, catalog, release, settings }) => {
      const c = new Checker("rollout-batches");
      for (const service of catalog.services) {
        const replicas = release.entryOf(service.name)?.replicas ?? service.replicas;
        const batches = service.rollout.batches;
        // A single instance cannot roll in batches (min-replicas reports it); bad numbers are the model rules'.
        if (!Number.isInteger(replicas) || replicas < 2 || !Number.isInteger(batches) || batches < 1) continue;
        c.expect(batches >= 2, `${path}/${service.name}`, "rollout.batches", batches,
          `at least 2 batches in stage "${settings.name}", so part of the ${replicas} instances keeps serving while the rest ` +
          "update: one batch replaces them all at once (Rollout.batches({ batches: 2 }))");
      }
      return c.violations;
    },
  };
}
