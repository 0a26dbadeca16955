import { StackChanges } from "./changes";
import { ResourceRole, roleOf, typesOf } from "./resource-roles";
import type { RiskKind } from "./risk-table";
import type { Risk, RiskFactory } from "./risks";
import { workloadsOf } from "./workloads";

/** Risks that are this row's consequences when a stack is recreated elsewhere: the one row says them all. */
export const RECREATION_CONSEQUENCES: ReadonlySet<RiskKind> = new Set(["network-replaced", "service-down", "data-loss", "state-lost"]);

/** How the row lists what is recreated, by role, in this order: one, many, and what it means. */
const LISTED: readonly [ResourceRole, string, string, string][] = [
  ["load-balancer", "load balancer", "load balancers", "new addresses: DNS records and clients must follow"],
  ["route", "route", "routes", "recreated with their load balancers"],
  ["network", "network part", "network parts", "new IDs and addresses"],
  ["logs", "log project or store", "log projects and stores", "their logs stay behind"],
  ["registry", "registry part", "registry parts", "their images stay behind"],
  ["store", "store", "stores", "their data stays behind"],
  ["state", "state storage part", "state storage parts", "the state stays behind"],
];

/**
 * A provider pointed elsewhere with the state kept (another region, another
 * Docker host): Terraform looks for every resource there, finds none, and
 * creates them all anew; what ran where it pointed before is left behind,
 * running and billed, with its data, no longer managed. One row says so for
 * the whole stack, listing what is recreated and what stays behind.
 */
export function stackRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const move = stack.relocation;
  if (!move) return [];
  // Relocated resources, and those the same change creates in their place under new names (zones of the new region).
  const recreated = stack.resources.filter((r) => (r.action === "replace" && r.reason?.startsWith("created anew"))
    || (r.action === "create" && r.type.startsWith(`${move.provider}_`)));
  const types = typesOf(stack.resources);
  const services = [...workloadsOf(stack, "before").keys()].filter((s) => workloadsOf(stack, "after").has(s)).sort();
  const parts = services.length > 0 ? [`${services.length} service${services.length === 1 ? "" : "s"} (${services.join(", ")}: down until they run there)`] : [];
  for (const [role, one, many, consequence] of LISTED) {
    const n = recreated.filter((r) => roleOf(r, types)?.role === role).length;
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many} (${consequence})`);
  }
  return [risk("stack-recreated", `provider.${move.provider}`,
    `${stack.stack} moves from ${move.setting} ${move.from} to ${move.to} with its state: Terraform finds none of its ` +
    `${recreated.length} resources there and creates every one anew — ${parts.join(", ")}; ` +
    `what runs at ${move.from} is left behind, still running and billed, no longer managed`)];
}
