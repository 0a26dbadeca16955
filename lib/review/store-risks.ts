import { isPrivate, parseCidr } from "../validation/cidr";
import { InstanceClass, isDowngrade, rdsMysqlClass, redisClass } from "../validation/store-classes";
import { ResourceChange, StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, isRecord, numberOf, valueAt } from "./values";

/** How each managed store type names its class, and where its classes are listed. */
const CLASSES: Readonly<Record<string, { readonly attribute: string; readonly lookup: (name: string) => InstanceClass | undefined }>> = {
  alicloud_db_instance: { attribute: "instance_type", lookup: rdsMysqlClass },
  alicloud_kvstore_instance: { attribute: "instance_class", lookup: redisClass },
};

/** `${alicloud_db_instance.store-orders-db.id}` → `alicloud_db_instance.store-orders-db`. */
const INSTANCE_REFERENCE = /^\$\{(alicloud_db_instance\.[A-Za-z0-9_-]+)\.id\}$/;

/**
 * What a change does to a store that keeps its data (a replaced or removed
 * store is the data-loss row's): a smaller instance class or disk, more
 * addresses admitted than its network, backups kept shorter or no longer
 * taken. Stores are named by their `store` tag; a backup policy by its instance's.
 */
export function storeRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const byAddress = new Map(stack.resources.map((r) => [r.address, r]));
  // The environment's own network is every store's whitelist: moving it moves that entry, it widens nothing.
  const ownNetworks = new Set(stack.resources.filter((r) => r.type === "alicloud_vpc").map((r) => valueAt(r.after, ["cidr_block"])));
  const nameOf = (r: ResourceChange): string => {
    const tags = valueAt(r.after ?? r.before, ["tags"]);
    if (isRecord(tags) && typeof tags.store === "string") return tags.store;
    const reference = valueAt(r.after ?? r.before, ["instance_id"]);
    const instance = typeof reference === "string" ? INSTANCE_REFERENCE.exec(reference)?.[1] : undefined;
    return instance !== undefined && byAddress.has(instance) ? nameOf(byAddress.get(instance)!) : r.address;
  };
  return stack.resources.flatMap((r) => {
    if (r.action !== "update" || r.before === undefined || r.after === undefined) return [];
    const store = nameOf(r);
    const found: Risk[] = [];
    const downgrade = [...classDowngrade(r.type, r.before, r.after), ...storageShrunk(r.type, r.before, r.after)];
    if (downgrade.length > 0) found.push(risk("store-downgraded", r.address, `store ${store} ${downgrade.join("; ")}`));
    const widened = admitted(r.before, r.after).filter((entry) => !ownNetworks.has(entry));
    if (widened.length > 0) {
      const open = widened.filter((entry) => !privateEntry(entry));
      found.push(risk("store-exposed", r.address, `store ${store} admits ${widened.join(", ")} besides its network` +
        (open.length > 0 ? `: ${open.join(", ")} ${open.length === 1 ? "is" : "are"} not private, the internet may try it` : "")));
    }
    const backups = backupsReduced(r.type, r.before, r.after);
    if (backups.length > 0) found.push(risk("backups-reduced", r.address, `store ${store} backups ${backups.join(", ")}`));
    return found;
  });
}

/** The instance class made smaller, with what it gives on each side. */
function classDowngrade(type: string, before: Value, after: Value): string[] {
  const classes = CLASSES[type];
  if (classes === undefined) return [];
  const [was, now] = [valueAt(before, [classes.attribute]), valueAt(after, [classes.attribute])];
  if (typeof was !== "string" || typeof now !== "string" || was === now) return [];
  const [from, to] = [classes.lookup(was), classes.lookup(now)];
  if (from === undefined || to === undefined || !isDowngrade(from, to)) return [];
  return [`instance class ${was} → ${now} (${gives(from)} → ${gives(to)}): less room for load`];
}

function gives(c: InstanceClass): string {
  return `${c.cores === undefined ? "" : `${c.cores} core${c.cores === 1 ? "" : "s"}, `}${c.memoryGib} GiB`;
}

/** A disk made smaller, which RDS refuses. */
function storageShrunk(type: string, before: Value, after: Value): string[] {
  if (type !== "alicloud_db_instance") return [];
  const [was, now] = [numberOf(valueAt(before, ["instance_storage"])), numberOf(valueAt(after, ["instance_storage"]))];
  return was !== undefined && now !== undefined && now < was ? [`storage ${was} GB → ${now} GB: RDS cannot shrink a disk, the apply fails`] : [];
}

/** Whitelist entries the change adds. */
function admitted(before: Value, after: Value): string[] {
  const list = (side: Value) => {
    const ips = valueAt(side, ["security_ips"]);
    return Array.isArray(ips) ? ips.filter((ip): ip is string => typeof ip === "string") : [];
  };
  const was = new Set(list(before));
  return list(after).filter((ip) => !was.has(ip));
}

function privateEntry(entry: string): boolean {
  const block = parseCidr(entry.includes("/") ? entry : `${entry}/32`);
  return block !== undefined && isPrivate(block);
}

/**
 * Backups taken on fewer days, without log backups, or no longer kept after
 * release. Backups kept shorter are a `data-loss` row (data-risks.ts): the
 * cut deletes the older ones.
 */
function backupsReduced(type: string, before: Value, after: Value): string[] {
  const found: string[] = [];
  const days = (side: Value, attribute: string) => {
    const list = valueAt(side, [attribute]);
    return Array.isArray(list) ? list.length : undefined;
  };
  if (type === "alicloud_db_backup_policy") {
    if (valueAt(before, ["enable_backup_log"]) === true && valueAt(after, ["enable_backup_log"]) !== true) {
      found.push("log backups off: no restore to a point in time");
    }
    const keep = valueAt(after, ["released_keep_policy"]);
    if (valueAt(before, ["released_keep_policy"]) !== keep && keep === "None") found.push("none kept once the instance is released");
    const [daysWas, daysNow] = [days(before, "preferred_backup_period"), days(after, "preferred_backup_period")];
    if (daysWas !== undefined && daysNow !== undefined && daysNow < daysWas) found.push(`taken ${daysWas} → ${daysNow} days a week`);
  } else if (type === "alicloud_kvstore_instance") {
    const [daysWas, daysNow] = [days(before, "backup_period"), days(after, "backup_period")];
    if (daysWas !== undefined && (daysNow ?? 0) < daysWas) found.push(`taken ${daysWas} → ${describe(daysNow ?? 0)} days a week`);
  }
  return found;
}
