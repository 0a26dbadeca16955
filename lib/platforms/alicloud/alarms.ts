import { Construct } from "constructs";
import { CmsAlarm } from "../../../.gen/providers/alicloud/cms-alarm";
import { CmsAlarmContactGroup } from "../../../.gen/providers/alicloud/cms-alarm-contact-group";
import { SaeApplication } from "../../../.gen/providers/alicloud/sae-application";
import { Service } from "../../model/service";
import { canonicalJson } from "./json-text";
import { RenderedLoadBalancers, loadBalancerOf } from "./routes";

/**
 * A CloudMonitor metric an alarm watches. Namespaces, metric names,
 * dimensions and statistics as CloudMonitor lists them (docs/operations.md
 * names the sources): SAE applications report in `acs_serverless` by `appId`,
 * CLB listeners in `acs_slb_dashboard` by `instanceId` and `port`.
 */
interface Metric {
  readonly project: "acs_serverless" | "acs_slb_dashboard";
  readonly metric: string;
  readonly statistics: "Average" | "Maximum";
  readonly operator: ">" | ">=";
}

const SAE_CPU: Metric = { project: "acs_serverless", metric: "cpu", statistics: "Average", operator: ">" };
const SAE_MEMORY: Metric = { project: "acs_serverless", metric: "memoryPercent", statistics: "Average", operator: ">" };
/** 5xx answers the backends (not the balancer itself) gave on a layer-7 listener, per second. */
const SERVER_ERRORS: Metric = { project: "acs_slb_dashboard", metric: "UpstreamCode5xx", statistics: "Average", operator: ">" };
/** Time the backends took to answer on a layer-7 listener, in ms. */
const RESPONSE_TIME: Metric = { project: "acs_slb_dashboard", metric: "UpstreamRt", statistics: "Average", operator: ">" };
/** Backends of a listener that fail the balancer's health check. */
const UNHEALTHY: Metric = { project: "acs_slb_dashboard", metric: "UnhealthyServerCount", statistics: "Maximum", operator: ">=" };

/** CloudMonitor checks every minute; `sustainedFor` counts consecutive periods. */
const PERIOD_SECONDS = 60;
/** Repeat notifications of an alarm that stays on hourly (CloudMonitor's default is once a day). */
const SILENCE_SECONDS = 3600;

/** What the alarms are attached to. */
export interface AlarmInputs {
  readonly applications: ReadonlyMap<Service, SaeApplication>;
  readonly loadBalancers: RenderedLoadBalancers;
  /** Name of the environment's contact group, and who is in it. */
  readonly group: string;
  readonly contacts: readonly string[];
  /** Tags of a service's alarms. */
  readonly tags: (service: Service) => Record<string, string>;
}

/**
 * One contact group for the environment, and per service with alarms: CPU
 * and memory saturation of its SAE application, and for each routed port the
 * load balancer's view — unhealthy instances, and on HTTP ports server
 * errors and response time.
 */
export function renderAlarms(scope: Construct, services: readonly Service[], inputs: AlarmInputs): CmsAlarmContactGroup {
  const group = new CmsAlarmContactGroup(scope, "alarm-contacts", {
    alarmContactGroupName: inputs.group,
    contacts: [...inputs.contacts],
    describe: `Alarms of the services of ${scope.node.id}`,
  });
  // One reference for every alarm: each read of an attribute registers a token of its own.
  const contactGroup = group.alarmContactGroupName;
  for (const service of services.filter((s) => s.alarms.enabled)) {
    const t = service.alarms.thresholds;
    const watch = (key: string, metric: Metric, threshold: number, dimensions: Record<string, string>) =>
      new CmsAlarm(scope, `alarm-${service.name}-${key}`, {
        name: `${scope.node.id}-${service.name}-${key}`,
        project: metric.project,
        metric: metric.metric,
        metricDimensions: canonicalJson([dimensions]),
        period: PERIOD_SECONDS,
        escalationsCritical: {
          statistics: metric.statistics,
          comparisonOperator: metric.operator,
          threshold: String(threshold),
          times: t.sustainedFor.toMillis() / (PERIOD_SECONDS * 1000),
        },
        contactGroups: [contactGroup],
        silenceTime: SILENCE_SECONDS,
        enabled: true,
        tags: inputs.tags(service),
      });
    const appId = inputs.applications.get(service)!.id;
    watch("cpu", SAE_CPU, t.cpuPercent, { appId });
    watch("memory", SAE_MEMORY, t.memoryPercent, { appId });
    for (const port of service.routedPorts) {
      const route = port.route!;
      const slb = loadBalancerOf(inputs.loadBalancers, service, route);
      const listener = { instanceId: slb.id, port: String(route.listenerPort) };
      watch(`${route.listenerPort}-unhealthy`, UNHEALTHY, t.unhealthyInstances, { ...listener, vip: slb.address });
      if (port.protocol !== "http") continue;
      watch(`${route.listenerPort}-5xx`, SERVER_ERRORS, t.serverErrorsPerSecond, { ...listener, protocol: "http" });
      watch(`${route.listenerPort}-latency`, RESPONSE_TIME, t.responseTime.toMillis(), { ...listener, protocol: "http" });
    }
  }
  return group;
}
