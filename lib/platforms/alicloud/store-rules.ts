import { ENGINES } from "../../model/store";
import { PolicyContext } from "../../policies/policy";
import { parseCidr } from "../../validation/cidr";
import { Checker } from "../../validation/checker";
import { CLASS_EXAMPLES, rdsMysqlClass, redisClass } from "../../validation/store-classes";
import { Violation } from "../../validation/violation";
import { ResolvedAlicloud } from "./alicloud-defaults";
import { planAlicloudStores } from "./store-plan";

/** ESSD cloud disks of RDS for MySQL: 20 to 32000 GB, in steps of 5 GB. */
const STORAGE = { min: 20, max: 32000, step: 5 };

/** SAE config maps: at most 20 keys, keys of at most 250 characters, values of at most 10000 (the SAE console's limits). */
const CONFIG_MAP = { keys: 20, keyLength: 250, valueLength: 10000 };

/**
 * What the Alibaba Cloud platform needs of the stores and the shared
 * configuration: store options that name stores of the catalog, instance
 * classes and storage RDS and Redis sell, a network that can hold a multi-zone
 * store, a VPC whose block is known (it is every store's whitelist), and a
 * shared configuration that fits one SAE config map.
 */
export function alicloudStoreRules(context: PolicyContext, config: ResolvedAlicloud): Violation[] {
  const c = new Checker("alicloud");
  const path = context.path;
  const names = context.catalog.stores.map((s) => s.name);
  for (const name of Object.keys(config.stores)) {
    c.expect(names.includes(name), path, `stores.${name}`, name, `a store of the catalog (${names.join(", ") || "none"})`);
  }
  const plans = planAlicloudStores(path, context.catalog.stores, config.stores, context.settings);
  const managed = plans.filter((p) => p.provision === "managed");
  for (const plan of managed) {
    const store = plan.store;
    const field = `stores.${store.name}`;
    const engine = ENGINES[store.engine];
    const cls = store.engine === "mysql" ? rdsMysqlClass(plan.instanceClass) : redisClass(plan.instanceClass);
    if (c.expect(cls !== undefined, path, `${field}.instanceClass`, plan.instanceClass,
      `an instance class ApsaraDB sells for ${engine.title}, e.g. ${CLASS_EXAMPLES[store.engine]}`) && plan.multiZone) {
      c.expect(cls!.standby, path, `${field}.instanceClass`, plan.instanceClass,
        "a high-availability class (mysql.*.2c) for a multi-zone store: a basic instance has no standby to put in a second zone");
    }
    if (store.engine === "mysql") {
      const gib = plan.storage.toMebibytes() / 1024;
      c.expect(Number.isInteger(gib) && gib >= STORAGE.min && gib <= STORAGE.max && gib % STORAGE.step === 0, path, `${field}.storage`,
        plan.storage, `whole GiB from ${STORAGE.min} to ${STORAGE.max} in steps of ${STORAGE.step} (RDS cloud disks)`);
    } else {
      c.expect(config.stores[store.name]?.storage === undefined, path, `${field}.storage`, config.stores[store.name]?.storage,
        "not set: a Redis instance's memory comes with its instance class");
    }
    const retention = plan.backupRetention;
    c.expect(retention === "off" || (Number.isInteger(retention.toDays()) && retention.toDays() >= 7 && retention.toDays() <= 730),
      path, `${field}.backupRetention`, retention, '"off" or whole days from 7d to 730d (RDS backup retention)');
    c.expect(!plan.multiZone || config.network.zones.length >= 2, path, `${field}.multiZone`, true,
      `a network of at least 2 zones: the standby goes into the second (network.zones has ${config.network.zones.length})`);
    plan.allowFrom.forEach((entry, i) => c.expect(typeof entry === "string" && parseCidr(entry) !== undefined, path,
      `${field}.allowFrom[${i}]`, entry, "an IPv4 CIDR block such as 192.168.10.0/24 (a single address as 192.168.10.7/32)"));
  }
  if (managed.length > 0 && config.network.vpcId !== undefined) {
    c.expect(config.vpcCidrGiven && parseCidr(config.network.cidrBlock) !== undefined, path, "network.cidrBlock",
      config.vpcCidrGiven ? config.network.cidrBlock : undefined,
      `the existing VPC's CIDR block: it is the whitelist of the managed store${managed.length > 1 ? "s" : ""} ` +
      `${managed.map((p) => p.store.name).join(", ")}, which admit only the VPC (or give them external: true)`);
  }
  const shared = context.catalog.shared;
  if (shared) {
    c.expect(shared.keys.length <= CONFIG_MAP.keys, path, "shared", shared.keys.length,
      `at most ${CONFIG_MAP.keys} keys: they share one SAE config map`);
    for (const key of shared.keys) {
      c.expect(key.length <= CONFIG_MAP.keyLength, path, `shared.${key}`, key, `a key of at most ${CONFIG_MAP.keyLength} characters`);
      const source = shared.values[key]?.source;
      const texts = source?.kind === "literal" ? [source.value] : source?.kind === "stage" ? Object.values(source.values) : [];
      c.expect(texts.every((t) => typeof t !== "string" || t.length <= CONFIG_MAP.valueLength), path, `shared.${key}`,
        `${Math.max(...texts.map((t) => String(t).length))} characters`, `a value of at most ${CONFIG_MAP.valueLength} characters`);
    }
  }
  return c.violations;
}
