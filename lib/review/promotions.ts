import { StackChanges } from "./changes";
import { workloadsOf } from "./workloads";

/** The version and instance count of one service in one environment, before and after. */
export interface VersionMove {
  /** Version before the change; undefined when the service was not there. */
  readonly before?: string;
  /** Version after the change; undefined when the service is gone. */
  readonly after?: string;
  /** Instances before, when known. */
  readonly replicasBefore?: number;
  /** Instances after, when known. */
  readonly replicasAfter?: number;
}

/** One row of the promotion table: a service and its version in each environment. */
export interface PromotionRow {
  /** Service name. */
  readonly service: string;
  /** Version move per environment (stack) name; environments without the service are absent. */
  readonly environments: Readonly<Record<string, VersionMove>>;
}

/**
 * Which version of each service runs where, and on how many instances, before
 * and after. Services and versions come from the workloads (SAE applications'
 * `image_url`, Docker containers' service and version labels); the Docker
 * load balancer and registry are platform parts, not services.
 */
export function promotionTable(stacks: readonly StackChanges[]): PromotionRow[] {
  const byService = new Map<string, Record<string, VersionMove>>();
  for (const stack of stacks) {
    const before = workloadsOf(stack, "before");
    const after = workloadsOf(stack, "after");
    for (const service of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(service);
      const is = after.get(service);
      const row = byService.get(service) ?? {};
      row[stack.stack] = { before: was?.version, after: is?.version, replicasBefore: was?.replicas, replicasAfter: is?.replicas };
      byService.set(service, row);
    }
  }
  return [...byService.keys()].sort().map((service) => ({ service, environments: byService.get(service)! }));
}
