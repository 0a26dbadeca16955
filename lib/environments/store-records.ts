import { ServiceCatalog } from "../model/catalog";
import { EnvValue } from "../model/config";
import type { StorePlan } from "../policies/policy";
import type { CheckRecord } from "../validation/check-record";
import { readersOf } from "../validation/store-rules";

/**
 * What an environment records of its stores and configuration for the
 * review: which stores it provides how, each shared value as it resolves
 * here with the services that read it, and the per-stage values its stage
 * picks. A catalog without them records nothing more.
 */
export function storeRecords(
  catalog: ServiceCatalog, plans: readonly StorePlan[], stage: string,
): Pick<CheckRecord, "stores" | "shared" | "stageValues"> {
  const record: { stores?: CheckRecord["stores"]; shared?: CheckRecord["shared"]; stageValues?: CheckRecord["stageValues"] } = {};
  if (plans.length > 0) {
    record.stores = plans.map((plan) => ({
      name: plan.store.name,
      engine: plan.store.engine,
      provision: plan.provision,
      services: catalog.services.filter((s) => s.stores.includes(plan.store)).map((s) => s.name),
    }));
  }
  const shared = catalog.shared;
  if (shared && shared.keys.length > 0) {
    record.shared = Object.fromEntries(shared.keys.map((key) => [key, {
      value: describeValue(shared.values[key], stage),
      services: readersOf(catalog, key).map((s) => s.name),
    }]));
  }
  const stageValues = catalog.services.flatMap((service) => {
    const picked = Object.entries(service.env).flatMap(([name, value]) =>
      value.source.kind === "stage" ? [[name, value.source.values[stage]] as const] : []);
    return picked.length > 0 ? [[service.name, Object.fromEntries(picked)] as const] : [];
  });
  if (stageValues.length > 0) record.stageValues = Object.fromEntries(stageValues);
  return record;
}

/** A plain value as a review shows it: the committed text, or what supplies it. */
function describeValue(value: EnvValue | undefined, stage: string): string {
  const source = value?.source;
  switch (source?.kind) {
    case "literal": return source.value;
    case "stage": return source.values[stage];
    case "variable": return `var.${source.name}`;
    case "host": return `host of ${source.service.name}`;
    case "store": return `${source.store.name} ${source.field}`;
    default: return "(not set)";
  }
}
