import { ResourceChange, StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, isRecord, valueAt } from "./values";

/** A route as reviewers name it, with the resource that carries it and the service it reaches. */
interface PublicRoute {
  readonly subject: string;
  readonly route: string;
  readonly service?: string;
}

/**
 * Routes that face the internet after the change but did not before: a rule of
 * an SAE ingress on an internet-facing SLB, an SAE internet listener, an SLB
 * switched to `internet`, a Docker port published beyond loopback.
 */
export function publicRouteRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = new Set(publicRoutes(stack, "before").map((r) => r.route));
  const opened = publicRoutes(stack, "after").filter((r) => !before.has(r.route));
  return opened.map((r) => risk("exposure", r.subject, `${r.route} becomes reachable from the internet`, r.service));
}

function publicRoutes(stack: StackChanges, side: "before" | "after"): PublicRoute[] {
  const internetSlbs = new Set<string>();
  for (const r of stack.resources) {
    const values = r[side];
    if (r.type !== "alicloud_slb_load_balancer" || valueAt(values, ["address_type"]) !== "internet") continue;
    internetSlbs.add(r.address);
    const id = valueAt(values, ["id"]);
    if (typeof id === "string") internetSlbs.add(id);
  }
  return stack.resources.flatMap((r) => {
    const values = r[side];
    if (values === undefined) return [];
    switch (r.type) {
      case "alicloud_slb_load_balancer":
        return internetSlbs.has(r.address) ? [{ subject: r.address, route: `load balancer ${r.address}` }] : [];
      case "alicloud_sae_ingress":
        return internetSlbs.has(referencedAddress(valueAt(values, ["slb_id"]))) ? ingressRoutes(r, values) : [];
      case "alicloud_sae_load_balancer_internet":
        return listOf(valueAt(values, ["internet"])).map((l) =>
          ({ subject: r.address, route: `internet listener ${describe(valueAt(l, ["port"]))} → ${describeApp(valueAt(values, ["app_id"]))}:${describe(valueAt(l, ["target_port"]))}` }));
      case "docker_container":
        return listOf(valueAt(values, ["ports"]))
          .filter((p) => !isLoopback(valueAt(p, ["ip"])))
          .map((p) => ({ subject: r.address, route: `host port ${describe(valueAt(p, ["external"]) ?? valueAt(p, ["internal"]))} of ${r.address}` }));
      default:
        return [];
    }
  });
}

function ingressRoutes(r: ResourceChange, values: Value): PublicRoute[] {
  const listener = valueAt(values, ["listener_port"]);
  const app = (rule: Value) => valueAt(rule, ["app_name"]);
  const name = (rule: Value) => app(rule) ?? describeApp(valueAt(rule, ["app_id"]));
  const rules = listOf(valueAt(values, ["rules"])).map((rule) =>
    ({ rule, route: `${describe(name(rule))} at ${describe(valueAt(rule, ["domain"]))}${describe(valueAt(rule, ["path"]) ?? "")} (port ${describe(listener)})` }));
  const fallback = listOf(valueAt(values, ["default_rule"])).map((rule) => ({ rule, route: `${describe(name(rule))} as default (port ${describe(listener)})` }));
  return [...rules, ...fallback].map(({ rule, route }) => {
    const service = app(rule);
    return { subject: r.address, route: `route to ${route}`, service: typeof service === "string" ? service : undefined };
  });
}

/** `${alicloud_slb_load_balancer.public.id}` → `alicloud_slb_load_balancer.public`; a real ID stays as it is. */
function referencedAddress(value: Value | undefined): string {
  if (typeof value !== "string") return "";
  const match = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.id\}$/.exec(value);
  return match ? match[1] : value;
}

function describeApp(appId: Value | undefined): string {
  return referencedAddress(appId) || "an application";
}

function listOf(value: Value | undefined): Value[] {
  if (Array.isArray(value)) return value;
  return isRecord(value) ? [value] : [];
}

/** Docker publishes on 0.0.0.0 when no address is given. */
function isLoopback(ip: Value | undefined): boolean {
  return typeof ip === "string" && (ip.startsWith("127.") || ip === "::1" || ip === "localhost");
}
