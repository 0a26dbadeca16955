import { PolicyContext } from "../../policies/policy";
import { Route } from "../../model/route";
import { Service } from "../../model/service";
import { Checker } from "../../validation/checker";
import { matching } from "../../validation/rules";
import { Violation } from "../../validation/violation";
import { ResolvedAlicloud } from "./alicloud-defaults";
import { contactGroupName } from "./names";

/** CloudMonitor contact and contact group names, as this library accepts them (letters of any script, digits and a few marks). */
const CLOUDMONITOR_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.@-]{0,63}$/u;
const CONTACT_NAME = matching(CLOUDMONITOR_NAME,
  "a CloudMonitor contact name: 1-64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit");
const GROUP_NAME = matching(CLOUDMONITOR_NAME,
  "a CloudMonitor contact group name: 1-64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit");
/** SLS project and logstore names (as the log rules accept them). */
const SLS_NAME = matching(/^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/,
  "an SLS name: 3-63 lowercase letters, digits, '_' or '-', starting and ending with a letter or digit");
/** SAE's timer allows 20 trigger points a day; a window takes two. */
const MAX_WINDOWS = 10;

/**
 * What SAE and CloudMonitor need of autoscaling, alarms and canaries beyond
 * the model rules, and warnings where SAE does less than the model says.
 */
export function alicloudOperationsRules(context: PolicyContext, config: ResolvedAlicloud): Violation[] {
  const c = new Checker("alicloud");
  const warn = new Checker("alicloud", "warning");
  const path = context.path;
  checkAlerting(c, warn, context);
  const measuredAtBalancer: string[] = [];
  const byListener = servicesByListener(context.catalog.services);
  for (const service of context.catalog.services) {
    const servicePath = `${path}/${service.name}`;
    const a = service.autoscaling;
    if (a) {
      const first = a.schedules[0];
      a.schedules.forEach((s, i) => c.expect(sameDays(s.days, first.days), servicePath, `autoscaling.schedules[${i}].days`, s.days,
        `the days of schedules[0] (${first.days.join(",")}): SAE runs one scaling rule per application, and its timer has one set of days`));
      c.expect(a.schedules.length <= MAX_WINDOWS, servicePath, "autoscaling.schedules", a.schedules.length,
        `at most ${MAX_WINDOWS} windows: SAE's timer has at most 20 points a day, and each window takes two`);
      a.targets.forEach((target, i) => {
        if (target.measure.kind !== "requests" && target.measure.kind !== "response-time") return;
        measuredAtBalancer.push(service.name);
        c.expect(httpRoute(service) !== undefined, servicePath, `autoscaling.targets[${i}]`, target.toString(),
          "cpu or memory, or a service with a routed HTTP port: SAE measures requests and response time at the load balancer");
      });
    }
    warnSharedListeners(warn, servicePath, service, byListener);
  }
  const logs = config.loadBalancerAccessLogs;
  if (measuredAtBalancer.length > 0) {
    c.expect(logs !== undefined, path, "loadBalancerAccessLogs", logs,
      `the SLS project and logstore the CLB access logs go to (${[...new Set(measuredAtBalancer)].join(", ")} scale on requests or ` +
      "response time, which SAE reads there; enable CLB access logs in the SLS console, the provider has no resource for it)");
  }
  if (logs !== undefined) {
    c.check(path, "loadBalancerAccessLogs.project", logs.project, SLS_NAME);
    c.check(path, "loadBalancerAccessLogs.logstore", logs.logstore, SLS_NAME);
  }
  return [...c.violations, ...warn.violations];
}

function checkAlerting(c: Checker, warn: Checker, context: PolicyContext): void {
  const path = context.path;
  const alerting = context.alerting;
  if (alerting === undefined) {
    // Where the stage requires alerting, the alarms policy reports it once.
    if (context.settings.policies.some((p) => p.name === "alarms")) return;
    const watched = context.catalog.services.filter((s) => s.alarms.enabled).map((s) => s.name);
    warn.expect(watched.length === 0, path, "alerting", alerting,
      `a contact group (alerting.contacts) for the alarms of ${watched.join(", ")}: without one no alarm is rendered here`);
    return;
  }
  // The stack id is the last part of the stack's path.
  c.check(path, "alerting.group", contactGroupName(path.split("/").pop()!, alerting), GROUP_NAME);
  (Array.isArray(alerting.contacts) ? alerting.contacts : []).forEach((name, i) =>
    c.check(path, `alerting.contacts[${i}]`, name, CONTACT_NAME));
}

/**
 * The load balancer counts per listener. A routed port that shares its
 * listener with another service (domain routes through one SAE ingress) has
 * alarms and request targets that count the other service's traffic too.
 */
function warnSharedListeners(warn: Checker, path: string, service: Service, onListener: ListenerIndex): void {
  const measured = service.alarms.enabled ||
    (service.autoscaling?.targets ?? []).some((t) => t.measure.kind === "requests" || t.measure.kind === "response-time");
  if (!measured) return;
  service.ports.forEach((port, i) => {
    const route = port.route;
    if (!route) return;
    const others = onListener(route).filter((other) => other !== service);
    warn.expect(others.length === 0, path, `ports[${i}].route.listenerPort`, route.listenerPort,
      `a listener of its own for load balancer alarms and request targets: ${others.map((o) => o.name).join(", ")} ` +
      "share this listener, and CloudMonitor and SAE count its requests together");
  });
}

/** The services routed on a route's listener (its visibility and port), in catalog order. */
type ListenerIndex = (route: Route) => readonly Service[];

/**
 * Each listener's services, found once for the catalog: scanning the catalog
 * for every routed port grew with the square of the services.
 */
function servicesByListener(services: readonly Service[]): ListenerIndex {
  const index = new Map<string, Map<number, Service[]>>();
  for (const service of services) {
    for (const { route } of service.routedPorts) {
      const byPort = index.get(route!.visibility) ?? new Map<number, Service[]>();
      index.set(route!.visibility, byPort);
      const on = byPort.get(route!.listenerPort) ?? [];
      byPort.set(route!.listenerPort, on);
      if (on[on.length - 1] !== service) on.push(service);
    }
  }
  return (route) => index.get(route.visibility)?.get(route.listenerPort) ?? [];
}

/** The first routed HTTP port of `service`, where its requests are counted. */
export function httpRoute(service: Service) {
  return service.routedPorts.find((p) => p.protocol === "http");
}

function sameDays(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((d) => b.includes(d));
}
