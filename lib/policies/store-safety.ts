import { Duration } from "../model/duration";
import { ENGINES } from "../model/store";
import { Checker } from "../validation/checker";
import { Policy } from "./policy";

/** Options of the `store-safety` policy. */
export interface StoreSafetyOptions {
  /**
   * Shortest backup retention a store may have.
   * @default Duration.days(7)
   */
  readonly minBackupRetention?: Duration;
}

/**
 * Every store the environment creates keeps backups for at least
 * `minBackupRetention`, refuses deletion, and runs a standby in a second zone:
 * losing a zone, a bad plan or a bad migration must not lose the data. A store
 * the team runs itself (external) is theirs to protect and is not judged.
 */
export function storeSafetyPolicy(options: StoreSafetyOptions = {}): Policy {
  const minimum = options.minBackupRetention ?? Duration.days(7);
  return {
    name: "store-safety",
    check: ({ settings, stores }) => {
      const c = new Checker("store-safety");
      const stage = `stage "${settings.name}"`;
      for (const plan of stores ?? []) {
        if (plan.provision === "external") continue;
        const what = `${ENGINES[plan.store.engine].title} store ${plan.store.name}`;
        const retention = plan.backupRetention;
        c.expect(retention !== "off" && retention.toMillis() >= minimum.toMillis(), plan.path, "backupRetention", retention,
          `backups kept at least ${minimum} in ${stage}: the ${what} must survive a bad migration` +
          (plan.provision === "container" ? " (a container on Docker has none: provide it as a managed or external store)" : ""));
        c.expect(plan.deletionProtection, plan.path, "deletionProtection", plan.deletionProtection,
          `true in ${stage}: the ${what} must refuse deletion (settings.deletionProtection)`);
        c.expect(plan.multiZone, plan.path, "multiZone", plan.multiZone,
          `true in ${stage}: the ${what} must keep a standby in a second zone, so losing one zone loses no data`);
      }
      return c.violations;
    },
  };
}
