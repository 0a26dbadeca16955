import { StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, sameValue, valueAt } from "./values";
import { applicationService, workloadsOf } from "./workloads";

/**
 * SAE grey tag routes changed or removed while the application stays. A
 * review cannot tell whether a canary is in progress when the change is
 * applied; if one is, the requests its testers send no longer reach it, or
 * others do. Rules are compared by the header or cookie they read; values
 * are never shown.
 */
export function canaryRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const running = workloadsOf(stack, "after");
  return stack.resources.flatMap((r) => {
    if (r.type !== "alicloud_sae_grey_tag_route" || r.before === undefined) return [];
    const service = applicationService(stack, valueAt(r.before, ["app_id"]));
    // A route that goes with its service is the service's removal.
    if (service === undefined || !running.has(service)) return [];
    const was = selectorsOf(r.before);
    if (r.after === undefined) {
      const keys = [...was.keys()];
      return [risk("canary-route-changed", service, `${service} canary route removed: during a canary, requests with ` +
        `${keys.length > 0 ? keys.join(" or ") : "its rules"} no longer go to it`, service)];
    }
    const now = selectorsOf(r.after);
    const parts = [
      ...[...was.keys()].filter((k) => !now.has(k)).map((k) => `${k} no longer selects the canary`),
      ...[...now.keys()].filter((k) => !was.has(k)).map((k) => `${k} now selects it`),
      ...[...was].filter(([k, s]) => now.has(k) && !sameValue(s, now.get(k))).map(([k]) => `${k} matches otherwise`),
    ];
    if (!sameValue(valueAt(r.before, ["dubbo_rules"]), valueAt(r.after, ["dubbo_rules"]))) parts.push("Dubbo rules changed");
    return parts.length > 0
      ? [risk("canary-route-changed", service, `${service} canary route changed (${parts.join(", ")}): ` +
        "a canary in progress receives other requests than its testers send", service)]
      : [];
  });
}

/**
 * The request properties of a route's Spring Cloud rules, keyed by what they
 * read (`header X-Canary`, with the path when it is not every path), each with
 * how it matches: the rule's condition (any or all), operator, comparison and
 * value — compared, never shown, so a tester's cookie value stays out of the report.
 */
function selectorsOf(route: Value): Map<string, Value> {
  const rules = valueAt(route, ["sc_rules"]);
  const selectors = new Map<string, Value>();
  for (const rule of Array.isArray(rules) ? rules : []) {
    const path = valueAt(rule, ["path"]);
    const items = valueAt(rule, ["items"]);
    for (const item of Array.isArray(items) ? items : []) {
      const on = typeof path === "string" && path !== "/" ? ` on ${path}` : "";
      const key = `${describe(valueAt(item, ["type"]))} ${describe(valueAt(item, ["name"]))}${on}`;
      const match = [valueAt(rule, ["condition"]) ?? null, valueAt(item, ["operator"]) ?? null, valueAt(item, ["cond"]) ?? null, valueAt(item, ["value"]) ?? null];
      selectors.set(key, match);
    }
  }
  return selectors;
}
