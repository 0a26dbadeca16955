import { Duration } from "../model/duration";
import { Size } from "../model/size";
import { ENGINES, StoreEngine } from "../model/store";
import type { StageSettings, StoreSettings } from "../policies/policy";
import { Checker } from "../validation/checker";
import { DNS_LABEL, integerBetween, wholeDaysBetween } from "../validation/rules";
import { Violation } from "../validation/violation";

const RETENTION = wholeDaysBetween(1, 3650);

/** Backups: RDS keeps them from 7 to 730 days. */
const BACKUP_RETENTION = wholeDaysBetween(7, 730);

/**
 * Checks a stage's settings object: teams build it with spread syntax, so any
 * field may have been replaced by a bad value. Reported on the stack's path.
 * With `stores`, the catalog has stores, which the stage must say how to size.
 */
export function validateSettings(path: string, settings: StageSettings | undefined, stores = false): Violation[] {
  const c = new Checker("settings");
  // Only JavaScript can leave them out; no stage is assumed, since a wrong guess changes the policies.
  if (settings === undefined || settings === null) {
    c.expect(false, path, "settings", settings, "a stage's settings, e.g. Stages.prerelease or Stages.production");
    return c.violations;
  }
  c.check(path, "settings.name", settings.name, DNS_LABEL);
  c.check(path, "settings.minReplicas", settings.minReplicas, integerBetween(1, 50));
  c.check(path, "settings.minZones", settings.minZones, integerBetween(1, 10));
  for (const flag of ["deletionProtection", "allowInternet"] as const) {
    c.expect(typeof settings[flag] === "boolean", path, `settings.${flag}`, settings[flag], "true or false");
  }
  const minimum = c.check(path, "settings.minLogRetention", settings.minLogRetention, RETENTION);
  if (c.check(path, "settings.logRetention", settings.logRetention, RETENTION) && minimum) {
    c.expect(settings.logRetention.toMillis() >= settings.minLogRetention.toMillis(), path, "settings.logRetention",
      settings.logRetention, `at least settings.minLogRetention (${settings.minLogRetention}): stores without their own retention use it`);
  }
  if (stores || settings.stores !== undefined) checkStoreSettings(c, path, settings.stores);
  if (!c.expect(Array.isArray(settings.policies), path, "settings.policies", settings.policies, "a list of policies (may be empty)")) {
    return c.violations;
  }
  const names = new Set<string>();
  settings.policies.forEach((policy, i) => {
    const named = c.expect(typeof policy?.name === "string" && policy.name.length > 0 && typeof policy.check === "function",
      path, `settings.policies[${i}]`, policy?.name, "a policy object with a non-empty name and a check function");
    if (!named) return;
    c.expect(!names.has(policy.name), path, `settings.policies[${i}].name`, policy.name,
      "a name no other policy of the stage uses: policies are relaxed and replaced by name");
    names.add(policy.name);
  });
  return c.violations;
}

/** The stage's store settings: present once the catalog has stores, and each field of its type. */
function checkStoreSettings(c: Checker, path: string, stores: StoreSettings | undefined): void {
  if (!c.expect(stores !== null && typeof stores === "object", path, "settings.stores", stores,
    "how the stage sizes its stores, e.g. Stages.prerelease.stores: the catalog has stores")) return;
  const retention = stores!.backupRetention;
  if (retention !== "off") {
    c.expect(retention instanceof Duration && BACKUP_RETENTION.test(retention), path, "settings.stores.backupRetention", retention,
      `"off" or ${BACKUP_RETENTION.allowed}`);
  }
  c.expect(typeof stores!.multiZone === "boolean", path, "settings.stores.multiZone", stores!.multiZone, "true or false");
  const gib = stores!.storage instanceof Size ? stores!.storage.toMebibytes() / 1024 : NaN;
  c.expect(Number.isInteger(gib) && gib >= 1, path, "settings.stores.storage", stores!.storage, "whole gibibytes, e.g. Size.gibibytes(20)");
  const classes = stores!.instanceClasses as Partial<Record<StoreEngine, unknown>> | undefined;
  for (const engine of Object.keys(ENGINES) as StoreEngine[]) {
    c.expect(typeof classes?.[engine] === "string", path, `settings.stores.instanceClasses.${engine}`, classes?.[engine],
      `the instance class of a managed ${ENGINES[engine].title} store, e.g. ${engine === "mysql" ? "mysql.n2.small.1" : "redis.shard.small.ce"}`);
  }
}
