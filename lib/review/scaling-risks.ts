import { StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";
import { Value, blockValueAt, describe, isRecord, numberOf, valueAt } from "./values";
import { Workload, applicationService, workloadsOf } from "./workloads";

/**
 * How SAE's metric types read, and the unit of their target (SAE API
 * CreateApplicationScalingRule: ScalingRuleMetric.metrics). Request metrics
 * come from the public (`SLB_`) or the intranet (`INTRANET_SLB_`) load
 * balancer: moving a target from one to the other is the same target.
 */
const METRICS: readonly [type: RegExp, label: string, unit: string][] = [
  [/^CPU$/, "cpu", "%"],
  [/^MEMORY$/, "memory", "%"],
  [/QPS$/, "requests per instance", "/s"],
  [/RT$/, "response time", "ms"],
];

/**
 * Autoscaling that adds instances later, or not at all, while the service
 * stays: its scaling rule removed or switched off, a metric target raised
 * (every target is a load above which instances are added) or removed, or a
 * timer point that raised the floor gone. Lower bounds (`min_replicas`,
 * `max_replicas`) are the capacity row's (workload-risks.ts); a rule that
 * goes with its service is the removal's.
 */
export function scalingRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const running = workloadsOf(stack, "after");
  return stack.resources.flatMap((r) => {
    if (r.type !== "alicloud_sae_application_scaling_rule" || r.before === undefined) return [];
    const service = applicationService(stack, valueAt(r.before, ["app_id"]));
    const now = service === undefined ? undefined : running.get(service);
    if (service === undefined || now === undefined) return [];
    const parts = r.after === undefined ? [removed(r.before, now)] : weakened(r.before, r.after);
    return parts.length > 0
      ? [risk("autoscaling-weakened", service, `${service} autoscaling ${parts.join("; ")}: fewer instances when load comes`, service)]
      : [];
  });
}

function removed(before: Value, now: Workload): string {
  const max = numberOf(blockValueAt(before, ["scaling_rule_metric", "max_replicas"]));
  const stays = now.replicas === undefined ? "it stays at a fixed count" : `it stays at ${now.replicas} instances`;
  return `removed: ${stays}${max === undefined ? "" : ` (up to ${max} with load before)`}`;
}

function weakened(before: Value, after: Value): string[] {
  const enabled = (side: Value) => valueAt(side, ["scaling_rule_enable"]) !== false;
  if (enabled(before) && !enabled(after)) return ["switched off (scaling_rule_enable false)"];
  return [...targets(before, after), ...scheduledFloors(before, after)];
}

/** Targets raised or removed, matched by what they measure. */
function targets(before: Value, after: Value): string[] {
  const now = metricsOf(after);
  return [...metricsOf(before)].flatMap(([key, was]) => {
    const target = now.get(key);
    if (target === undefined) return [`target ${describeTarget(key, was.value)} removed`];
    return target.value > was.value ? [`target ${describeTarget(key, was.value)} → ${describeTarget(key, target.value, false)}`] : [];
  });
}

/** A rule's metric targets by what they measure (`CPU`, `SLB_QPS` and `INTRANET_SLB_QPS` alike). */
function metricsOf(rule: Value): Map<string, { readonly value: number }> {
  const metrics = blockValueAt(rule, ["scaling_rule_metric", "metrics"]);
  const found = new Map<string, { readonly value: number }>();
  for (const m of Array.isArray(metrics) ? metrics : isRecord(metrics) ? [metrics] : []) {
    const type = valueAt(m, ["metric_type"]);
    const value = numberOf(valueAt(m, ["metric_target_average_utilization"]));
    if (typeof type === "string" && value !== undefined) found.set(type.replace(/^INTRANET_/, ""), { value });
  }
  return found;
}

/** `cpu 70%`, `requests per instance 200/s`; `withLabel` false for the right side of an arrow: `70%`. */
function describeTarget(type: string, value: number, withLabel = true): string {
  const [, label, unit] = METRICS.find(([pattern]) => pattern.test(type)) ?? [undefined, type, ""];
  return withLabel ? `${label} ${value}${unit}` : `${value}${unit}`;
}

/**
 * Timer points that raised the floor above the metric rule's and are gone
 * (a point at the same time with a lower floor is the capacity row's).
 */
function scheduledFloors(before: Value, after: Value): string[] {
  const floor = numberOf(blockValueAt(before, ["scaling_rule_metric", "min_replicas"])) ?? 0;
  const times = new Set(schedulesOf(after).map((s) => valueAt(s, ["at_time"])));
  return schedulesOf(before).flatMap((s) => {
    const min = numberOf(valueAt(s, ["min_replicas"]));
    const at = valueAt(s, ["at_time"]);
    return min !== undefined && min > floor && !times.has(at) ? [`scheduled floor of ${min} instances at ${describe(at)} removed`] : [];
  });
}

function schedulesOf(rule: Value): Value[] {
  const schedules = blockValueAt(rule, ["scaling_rule_timer", "schedules"]);
  return Array.isArray(schedules) ? schedules : [];
}
