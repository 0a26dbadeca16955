import { Duration } from "../model/duration";
import { Size } from "../model/size";
import { Policies } from "../policies/policies";
import type { StageSettings } from "../policies/policy";

/**
 * The smallest managed classes: a single-node RDS basic instance (1 core, 2 GiB) and a
 * 1 GiB Redis master-replica instance.
 */
const CHEAPEST = { mysql: "mysql.n2.small.1", redis: "redis.shard.small.ce" } as const;

/** Settings of the three stages; teams copy and adjust them with spread syntax. */
export const Stages = {
  /**
   * A Docker host for tests: names and structure only. Plain secrets are
   * warned about, not refused: a test stack may carry throwaway credentials,
   * but a literal is still written into cdk.tf.json and a plain variable
   * printed by every plan.
   */
  test: {
    name: "test",
    minReplicas: 1,
    minZones: 1,
    deletionProtection: false,
    logRetention: Duration.days(3),
    minLogRetention: Duration.days(1),
    allowInternet: false,
    // Containers on the Docker host: nothing to size, no backups; the classes only apply to a cloud rehearsal.
    stores: { backupRetention: "off", multiZone: false, storage: Size.gibibytes(20), instanceClasses: CHEAPEST },
    policies: [Policies.asWarning(Policies.noPlainSecrets())],
  } as StageSettings,
  /** The cloud, as close to production as is cheap. */
  prerelease: {
    name: "prerelease",
    minReplicas: 1,
    minZones: 2,
    deletionProtection: false,
    logRetention: Duration.days(7),
    minLogRetention: Duration.days(1),
    allowInternet: true,
    // RDS keeps backups at least 7 days; one zone and the smallest classes keep the stage cheap.
    stores: { backupRetention: Duration.days(7), multiZone: false, storage: Size.gibibytes(20), instanceClasses: CHEAPEST },
    policies: Policies.prerelease(),
  } as StageSettings,
  /** The real thing. */
  production: {
    name: "production",
    minReplicas: 2,
    minZones: 2,
    deletionProtection: true,
    logRetention: Duration.days(30),
    minLogRetention: Duration.days(30),
    allowInternet: true,
    stores: {
      backupRetention: Duration.days(30),
      multiZone: true,
      storage: Size.gibibytes(100),
      instanceClasses: { mysql: "mysql.n2.medium.2c", redis: "redis.shard.mid.ce" },
    },
    policies: Policies.production(),
  } as StageSettings,
};
