import { Alarms } from "../model/alarms";
import { Autoscaling, ScalingSchedule, ScalingTarget } from "../model/autoscaling";
import { Canary } from "../model/canary";
import { ServiceCatalog } from "../model/catalog";
import { EnvValue, Secret } from "../model/config";
import { Duration } from "../model/duration";
import { Image } from "../model/image";
import { LogStore } from "../model/log-store";
import { Port } from "../model/port";
import { Probe } from "../model/probe";
import { Release } from "../model/release";
import { Rollout } from "../model/rollout";
import { Route } from "../model/route";
import { Service } from "../model/service";
import { SharedConfig } from "../model/shared-config";
import { Cpu, Size } from "../model/size";
import { Store } from "../model/store";
import { Checker } from "./checker";
import { Violation } from "./violation";

/**
 * The type of a value, for a report that must not show the value itself (it
 * may be a secret given where a `Secret` belongs): "a string", "a number", or
 * the class name.
 */
class TypeOf {
  constructor(private readonly value: unknown) {}

  public toString(): string {
    const v = this.value;
    if (v === undefined) return "(not set)";
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "object") {
      const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
      return name && name !== "Object" ? `a ${name}` : "a plain object";
    }
    return `${/^[aeiou]/.test(typeof v) ? "an" : "a"} ${typeof v}`;
  }
}

/**
 * Checks that the catalog, the release and every service's parts are of the
 * types the API declares. TypeScript guarantees it; plain JavaScript (or a
 * cast) does not, and a wrong type would otherwise surface as a bare TypeError
 * or be rendered as "undefined". Reports the type given, never the value.
 */
export function validateShapes(stackPath: string, catalog: ServiceCatalog, release: Release): Violation[] {
  const c = new Checker("model");
  const is = (ok: boolean, path: string, field: string, value: unknown, allowed: string) =>
    c.expect(ok, path, field, new TypeOf(value), allowed);
  const okCatalog = is(catalog instanceof ServiceCatalog, stackPath, "catalog", catalog, "a ServiceCatalog");
  const okRelease = is(release instanceof Release, stackPath, "release", release, "a Release, e.g. Release.of({ web: \"1.2.0\" })");
  if (!okCatalog || !okRelease) return c.violations;
  for (const service of catalog.services) {
    // Names, numbers and plain strings of the wrong type are the model rules' to report, with their values.
    checkParts(is, `${stackPath}/${service.name}`, service);
    checkOperationParts(is, `${stackPath}/${service.name}`, service);
  }
  for (const [name, entry] of release.entries()) {
    if (entry?.canary !== undefined) checkCanary(is, `${stackPath}/${name}`, entry.canary);
  }
  return c.violations;
}

type Is = (ok: boolean, path: string, field: string, value: unknown, allowed: string) => boolean;

const DURATION = "a Duration, e.g. Duration.seconds(5)";

function checkParts(is: Is, path: string, service: Service): void {
  is(service.image instanceof Image, path, "image", service.image, 'an Image, e.g. Image.fromRegistry("shop/web")');
  if (is(Array.isArray(service.ports), path, "ports", service.ports, "a list of Port.http(…) or Port.tcp(…)")) {
    service.ports.forEach((port, i) => {
      if (!is(port instanceof Port, path, `ports[${i}]`, port, "a Port: Port.http(…) or Port.tcp(…)")) return;
      if (port.route === undefined) return;
      if (is(port.route instanceof Route, path, `ports[${i}].route`, port.route, "a Route: Route.public(…) or Route.internal(…)")) {
        is(Array.isArray(port.route.domains), path, `ports[${i}].route.domains`, port.route.domains, "a list of domain names");
      }
    });
  }
  if (service.probe !== undefined) checkProbe(is, path, service.probe);
  const resources = service.resources as Partial<Service["resources"]> | undefined;
  is(resources?.cpu instanceof Cpu, path, "resources.cpu", resources?.cpu, "a Cpu, e.g. Cpu.cores(0.5)");
  is(resources?.memory instanceof Size, path, "resources.memory", resources?.memory, "a Size, e.g. Size.gibibytes(1)");
  for (const [name, value] of Object.entries(service.env)) {
    if (!is(value instanceof EnvValue, path, `env.${name}`, value,
      'an EnvValue: EnvValue.literal("…"), EnvValue.fromVariable("…") or EnvValue.hostOf(service)')) continue;
    const source = value.source;
    if (source.kind === "literal") is(typeof source.value === "string", path, `env.${name}`, source.value, "a string literal");
    if (source.kind === "host") is(source.service instanceof Service, path, `env.${name}`, source.service, "a Service of the catalog");
    if (source.kind === "store") is(source.store instanceof Store, path, `env.${name}`, source.store, "a store's connection value");
    if (source.kind === "shared") is(source.config instanceof SharedConfig, path, `env.${name}`, source.config, "shared.get(key)");
    if (source.kind === "stage") {
      is(source.values !== null && typeof source.values === "object", path, `env.${name}`, source.values,
        'a value per stage, e.g. catalog.perStage({ test: "debug", prerelease: "info", production: "warn" })');
    }
  }
  for (const [name, secret] of Object.entries(service.secrets)) {
    is(secret instanceof Secret, path, `secrets.${name}`, secret, 'a Secret: Secret.fromVariable("…"); a secret is never a literal');
  }
  if (is(service.logs instanceof LogStore, path, "logs", service.logs, 'a LogStore: LogStore.stdout("…") or LogStore.files("…", paths)')) {
    const logs = service.logs;
    if (logs.retention !== undefined) is(logs.retention instanceof Duration, path, "logs.retention", logs.retention, DURATION);
    if (logs.source.kind === "files") {
      is(Array.isArray(logs.source.paths) && logs.source.paths.every((p) => typeof p === "string"), path, "logs.paths",
        logs.source.paths, "a list of absolute paths");
    }
  }
  if (is(service.rollout instanceof Rollout, path, "rollout", service.rollout, "a Rollout, e.g. Rollout.batches({ batches: 2 })")) {
    is(service.rollout.interval instanceof Duration, path, "rollout.interval", service.rollout.interval, DURATION);
  }
  if (is(Array.isArray(service.dependsOn), path, "dependsOn", service.dependsOn, "a list of Services")) {
    service.dependsOn.forEach((dep, i) => is(dep instanceof Service, path, `dependsOn[${i}]`, dep, "a Service of the catalog"));
  }
}

function checkProbe(is: Is, path: string, probe: Probe): void {
  if (!is(probe instanceof Probe, path, "probe", probe, "a Probe: Probe.http(…), Probe.tcp(…) or Probe.command([…])")) return;
  const check = probe.check;
  if (check.kind === "command") {
    is(Array.isArray(check.command) && check.command.every((a) => typeof a === "string"), path, "probe.command", check.command,
      'a list of strings (argv, no shell), e.g. ["/bin/check", "--quick"]');
  }
  for (const field of ["initialDelay", "timeout", "period"] as const) {
    is(probe.timing[field] instanceof Duration, path, `probe.${field}`, probe.timing[field], DURATION);
  }
}

/** The parts autoscaling and alarms are made of, which the operations rules read. */
function checkOperationParts(is: Is, path: string, service: Service): void {
  const a = service.autoscaling;
  if (a !== undefined && is(a instanceof Autoscaling, path, "autoscaling", a, "an Autoscaling, e.g. Autoscaling.between(2, 10)")) {
    if (is(Array.isArray(a.targets), path, "autoscaling.targets", a.targets, "a list of ScalingTarget.cpu(…), .memory(…), …")) {
      a.targets.forEach((t, i) => {
        if (!is(t instanceof ScalingTarget, path, `autoscaling.targets[${i}]`, t, "a ScalingTarget, e.g. ScalingTarget.cpu(70)")) return;
        if (t.measure.kind === "response-time") is(t.measure.average instanceof Duration, path, `autoscaling.targets[${i}]`, t.measure.average, DURATION);
      });
    }
    if (is(Array.isArray(a.schedules), path, "autoscaling.schedules", a.schedules, "a list of ScalingSchedule.weekdays(…), .on(…), …")) {
      a.schedules.forEach((s, i) => {
        if (!is(s instanceof ScalingSchedule, path, `autoscaling.schedules[${i}]`, s, "a ScalingSchedule, e.g. ScalingSchedule.weekdays({ … })")) return;
        is(Array.isArray(s.days), path, `autoscaling.schedules[${i}].days`, s.days, 'a list of days, e.g. ["Mon", "Fri"]');
      });
    }
    is(a.scaleInDelay instanceof Duration, path, "autoscaling.scaleInDelay", a.scaleInDelay, DURATION);
  }
  if (is(service.alarms instanceof Alarms, path, "alarms", service.alarms, "Alarms.defaults(…) or Alarms.disabled()")) {
    for (const field of ["responseTime", "sustainedFor"] as const) {
      is(service.alarms.thresholds[field] instanceof Duration, path, `alarms.${field}`, service.alarms.thresholds[field], DURATION);
    }
  }
}

function checkCanary(is: Is, path: string, canary: Canary): void {
  if (!is(canary instanceof Canary, path, "release.canary", canary, "a Canary, e.g. Canary.forRequests({ cookies: { tester: \"canary\" } })")) return;
  is(Array.isArray(canary.matches), path, "release.canary", canary.matches, "headers and cookies as records of name to value");
  is(canary.verifyFor instanceof Duration, path, "release.canary.verifyFor", canary.verifyFor, DURATION);
}
