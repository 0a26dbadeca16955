import { Duration } from "../model/duration";
import { ENGINES } from "../model/store";
import { Checker } from "../validation/checker";
import { Policy } from "./policy";
import { renderedNumber } from "./rendered";

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
 * the team runs itself (external) is theirs to protect and is not judged. The
 * managed stores the platform writes are judged the same way, after every
 * Aspect and override.
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
    checkRendered: ({ stores }, { settings }) => {
      const c = new Checker("store-safety");
      const stage = `stage "${settings.name}"`;
      for (const store of stores) {
        const what = `the store ${store.store}`;
        const { backupDays: days, backups, standby, protection } = store;
        if (days) c.expect(renderedNumber(days.value) >= minimum.toDays(), days.path, days.field, days.value,
          `backups kept at least ${minimum.toDays()} days in ${stage}: ${what} must survive a bad migration`);
        const taken = Array.isArray(backups?.value) ? backups.value.length > 0 : backups?.value === true;
        if (backups) c.expect(taken, backups.path, backups.field, backups.value, `backups taken in ${stage}: ${what} must survive a bad migration`);
        if (standby) c.expect(typeof standby.value === "string" && standby.value !== "", standby.path, standby.field, standby.value,
          `a standby's zone in ${stage}: ${what} must keep a standby in a second zone, so losing one zone loses no data`);
        if (protection) c.expect(protection.value === true, protection.path, protection.field, protection.value,
          `true in ${stage}: ${what} must refuse deletion (settings.deletionProtection)`);
      }
      return c.violations;
    },
  };
}
