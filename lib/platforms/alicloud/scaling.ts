import { Construct } from "constructs";
import {
  SaeApplicationScalingRule, SaeApplicationScalingRuleScalingRuleMetricMetrics, SaeApplicationScalingRuleScalingRuleTimerSchedules,
} from "../../../.gen/providers/alicloud/sae-application-scaling-rule";
import { Autoscaling, ScalingTarget, WEEKDAYS } from "../../model/autoscaling";
import { RouteVisibility } from "../../model/route";
import { Service } from "../../model/service";

/** Where SAE reads a service's request rate and response time: its load balancer listener and that balancer's access logs. */
export interface RequestSource {
  readonly slbId: string;
  readonly visibility: RouteVisibility;
  readonly listenerPort: number;
  /** SLS project and logstore the CLB delivers its access logs to. */
  readonly accessLogs: { readonly project: string; readonly logstore: string };
}

/** What a scaling rule is rendered from, besides its service. */
export interface ScalingInputs {
  readonly appId: string;
  /** The instance count in this environment: the release's, else `autoscaling.min`. */
  readonly floor: number;
  /** Where request-based targets are measured; set when the service has such a target. */
  readonly requests?: RequestSource;
}

/**
 * SAE's scaling rule of one application (one per application, so its name is
 * fixed): a metric rule between the floor and `max`, or a mix rule when
 * schedules add windows with bounds of their own. SAE counts the scale-in
 * delay as the scale-down stabilization window.
 */
export function renderScalingRule(
  scope: Construct, service: Service, autoscaling: Autoscaling, inputs: ScalingInputs,
): SaeApplicationScalingRule {
  const scheduled = autoscaling.schedules.length > 0;
  return new SaeApplicationScalingRule(scope, `scaling-${service.name}`, {
    appId: inputs.appId,
    scalingRuleName: "autoscaling",
    scalingRuleType: scheduled ? "mix" : "metric",
    scalingRuleEnable: true,
    minReadyInstances: service.rollout.minReadyInstances(inputs.floor),
    minReadyInstanceRatio: service.rollout.minReadyPercent(inputs.floor),
    scalingRuleMetric: {
      minReplicas: inputs.floor,
      maxReplicas: autoscaling.max,
      metrics: autoscaling.targets.map((target) => saeMetric(target, inputs.requests)),
      // The provider sends an unset step as 0; the step is the most instances removed at once, so no limit is the whole range.
      scaleDownRules: { step: autoscaling.max, disabled: false, stabilizationWindowSeconds: autoscaling.scaleInDelay.toSeconds() },
    },
    scalingRuleTimer: scheduled ? timer(autoscaling, inputs.floor) : undefined,
  });
}

/** A target as one of SAE's metrics (SAE API CreateApplicationScalingRule: ScalingRuleMetric.metrics). */
function saeMetric(target: ScalingTarget, requests?: RequestSource): SaeApplicationScalingRuleScalingRuleMetricMetrics {
  const m = target.measure;
  if (m.kind === "cpu") return { metricType: "CPU", metricTargetAverageUtilization: m.percent };
  if (m.kind === "memory") return { metricType: "MEMORY", metricTargetAverageUtilization: m.percent };
  // SAE's own QPS and RT metrics come from its Java agent; the load balancer's work for any image.
  const source = requests!;
  const prefix = source.visibility === "public" ? "SLB" : "INTRANET_SLB";
  return {
    metricType: m.kind === "requests" ? `${prefix}_QPS` : `${prefix}_RT`,
    metricTargetAverageUtilization: m.kind === "requests" ? m.perSecond : m.average.toMillis(),
    slbId: source.slbId,
    vport: String(source.listenerPort),
    slbProject: source.accessLogs.project,
    slbLogStore: source.accessLogs.logstore,
  };
}

/**
 * SAE's timer sets bounds at points in time: each window becomes a point at
 * its start with the window's bounds and a point at its end that restores the
 * service's own, unless another window starts there. The platform rules have
 * checked that every window names the same days (a timer has one period).
 */
function timer(autoscaling: Autoscaling, floor: number) {
  const points = new Map<string, SaeApplicationScalingRuleScalingRuleTimerSchedules>();
  for (const w of autoscaling.schedules) {
    points.set(w.from, { atTime: w.from, minReplicas: w.min ?? floor, maxReplicas: w.max ?? autoscaling.max });
  }
  for (const w of autoscaling.schedules) {
    if (!points.has(w.to)) points.set(w.to, { atTime: w.to, minReplicas: floor, maxReplicas: autoscaling.max });
  }
  const days = autoscaling.schedules[0].days;
  return {
    // SAE's period: "* * *" every day, "* * Mon,Fri" on days of the week.
    period: days.length === WEEKDAYS.length ? "* * *" : `* * ${WEEKDAYS.filter((d) => days.includes(d)).join(",")}`,
    schedules: [...points.keys()].sort().map((time) => points.get(time)!),
  };
}
