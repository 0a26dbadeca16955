import { StackChanges } from "./changes";
import { ResourceRole, roleOf, typesOf } from "./resource-roles";
import type { RiskKind } from "./risk-table";
import type { Risk, RiskFactory } from "./risks";
import { workloadsOf } from "./workloads";

/** Risks that are this row's consequences when a stack is recreated elsewhere: the one row says them all. */
export const RECREATION_CONSEQUENCES: ReadonlySet<RiskKind> = new Set(["network-replaced", "service-down", "data-loss", "state-lost"]);

/** How the row lists what is recreated, by role, in this order. */
const LISTED: readonly [ResourceRole, string, string][] = [
  ["load-balancer", "load balancer", "new addresses: DNS records and clients must follow"],
  ["route", "route", "recreated with their load balancers"],
  ["network", "network part", "new IDs and addresses"],
  ["logs", "log project or store", "their logs stay behind"],
  ["registry", "registry part", "their images stay behind"],
  ["store", "store", "their data stays behind"],
  ["state", "state storage part", "the state stays behind"],
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
  const recreated = stack.resources.filter((r) => r.action === "replace" && r.reason?.startsWith("created anew"));
  const types = typesOf(stack.resources);
  const services = [...workloadsOf(stack, "before").keys()].filter((s) => workloadsOf(stack, "after").has(s)).sort();
  const parts = services.length > 0 ? [`${services.length} service${services.length === 1 ? "" : "s"} (${services.join(", ")}: down until they run there)`] : [];
  for (const [role, noun, consequence] of LISTED) {
    const n = recreated.filter((r) => roleOf(r, types)?.role === role).length;
    if (n > 0) parts.push(`${n} ${noun}${n === 1 ? "" : "s"} (${consequence})`);
  }
  return [risk("stack-recreated", `provider.${move.provider}`,
    `${stack.stack} moves from ${move.setting} ${move.from} to ${move.to} with its state: Terraform finds none of its ` +
    `${recreated.length} resources there and creates every one anew — ${parts.join(", ")}; ` +
    `what runs at ${move.from} is left behind, still running and billed, no longer managed`)];
}
