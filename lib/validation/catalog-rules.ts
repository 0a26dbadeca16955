import { Duration } from "../model/duration";
import { Probe } from "../model/probe";
import { Release } from "../model/release";
import { Service } from "../model/service";
import { ServiceCatalog } from "../model/catalog";
import { Checker } from "./checker";
import {
  ABSOLUTE_PATH, CPU, DNS_LABEL, DOMAIN_NAME, ENV_NAME, HOST_NAME, IMAGE_REPOSITORY, IMAGE_VERSION, LABEL_KEY, LABEL_VALUE,
  MEMORY, PORT, VARIABLE_NAME, durationBetween, integerBetween, wholeDaysBetween,
} from "./rules";
import { checkOperations } from "./operations-rules";
import { reportableLiteral } from "./secret-patterns";
import { Violation } from "./violation";

const PROBE_DURATION = durationBetween(Duration.seconds(1), Duration.minutes(10));
const INITIAL_DELAY = durationBetween(Duration.seconds(0), Duration.minutes(10));
const THRESHOLD = integerBetween(1, 50);
const REPLICAS = integerBetween(1, 50);
const BATCHES = integerBetween(1, 50);
const RETENTION = wholeDaysBetween(1, 3650);

/**
 * Checks the platform-neutral model: names, numbers, ports, routes, probes,
 * configuration and the release. `stackPath` prefixes every reported path.
 */
export function validateCatalog(stackPath: string, catalog: ServiceCatalog, release: Release): Violation[] {
  const c = new Checker("model");
  const seen = new Set<string>();
  const variableKinds = new Map<string, boolean>();
  const listeners = new Map<number, { owner: string; domains: readonly string[] }[]>();

  for (const service of catalog.services) {
    const path = `${stackPath}/${service.name}`;
    c.check(path, "name", service.name, DNS_LABEL);
    c.expect(!seen.has(service.name), path, "name", service.name,
      "a name no other service in the catalog uses");
    seen.add(service.name);
    c.check(path, "image", service.image.repository, IMAGE_REPOSITORY);
    checkReleaseEntry(c, path, service, release);
    const entry = release.entryOf(service.name);
    checkOperations(c, path, service, entry?.replicas ?? service.replicas, entry?.canary);
    c.check(path, "rollout.batches", service.rollout.batches, BATCHES);
    c.check(path, "rollout.interval", service.rollout.interval, durationBetween(Duration.seconds(0), Duration.minutes(60)));
    c.check(path, "resources.cpu", service.resources.cpu, CPU);
    c.check(path, "resources.memory", service.resources.memory, MEMORY);
    // A store named after its service is covered by the name check; report it once.
    if (service.logs.name !== service.name) c.check(path, "logs.name", service.logs.name, DNS_LABEL);
    if (service.logs.retention) c.check(path, "logs.retention", service.logs.retention, RETENTION);
    if (service.logs.source.kind === "files") {
      const paths = service.logs.source.paths;
      c.expect(paths.length > 0, path, "logs.paths", paths, "at least one absolute path of a log file to collect");
      paths.forEach((p, i) => c.check(path, `logs.paths[${i}]`, p, ABSOLUTE_PATH));
    }
    service.ports.forEach((port, i) => {
      c.check(path, `ports[${i}].port`, port.port, PORT);
      const first = service.ports.findIndex((other) => other.port === port.port);
      c.expect(first === i, path, `ports[${i}].port`, port.port,
        `a container port not already declared (ports[${first}] is ${port.port})`);
      if (!port.route) return;
      const route = port.route;
      c.check(path, `ports[${i}].route.listenerPort`, route.listenerPort, PORT);
      route.domains.forEach((d, j) => c.check(path, `ports[${i}].route.domains[${j}]`, d, DOMAIN_NAME));
      const sharing = listeners.get(route.listenerPort) ?? [];
      for (const other of sharing) {
        const clash = other.domains.length === 0 || route.domains.length === 0 ||
          route.domains.some((d) => other.domains.includes(d));
        c.expect(!clash, path, `ports[${i}].route.listenerPort`, route.listenerPort,
          `a listener port no other route uses (${other.owner} already routes it); routes may share a listener port only when each names different domains`);
      }
      sharing.push({ owner: `${service.name} ports`, domains: route.domains });
      listeners.set(route.listenerPort, sharing);
    });
    for (const [key, value] of Object.entries(service.labels)) {
      if (c.check(path, `labels.${key}`, key, LABEL_KEY)) {
        const ok = LABEL_VALUE.test(value);
        c.expect(ok, path, `labels.${key}`, ok ? value : reportableLiteral(key, value), LABEL_VALUE.allowed);
      }
    }
    if (service.probe) checkProbe(c, path, service);
    checkConfiguration(c, path, service);
    for (const [field, variable, secret] of variablesOf(service)) {
      const other = variableKinds.get(variable);
      c.expect(other === undefined || other === secret, path, field, variable,
        `a variable name not used elsewhere as ${secret ? "plain config" : "a secret"}: a Terraform variable is either sensitive or not`);
      variableKinds.set(variable, secret);
    }
    service.dependsOn.forEach((dep, i) =>
      c.expect(catalog.services.includes(dep) && dep !== service, path, `dependsOn[${i}]`, dep.name,
        "another service of the same catalog"),
    );
  }
  checkHostNames(c, stackPath, catalog);
  // A release entry for no service is a typo that would leave the real service on an old version;
  // catalog.release catches it at compile time, this catches it from JavaScript or Release.of.
  const names = catalog.services.map((s) => s.name);
  const known = new Set(names);
  for (const [name] of release.entries()) {
    // The services are listed only for an entry that names none: listing them for every entry grew with the square of the catalog.
    if (!known.has(name)) {
      c.expect(false, stackPath, `release.${name}`, name,
        `a service of the catalog (${names.join(", ") || "none"}): this release entry deploys nothing`);
    }
  }
  return c.violations;
}

/**
 * Aliases are names callers resolve inside the environment: each may name one
 * thing only, or callers would reach a different service in each environment.
 */
function checkHostNames(c: Checker, stackPath: string, catalog: ServiceCatalog): void {
  const claims = new Map<string, string>();
  for (const service of catalog.services) {
    claims.set(service.name, `the service ${service.name}`);
    for (const port of service.routedPorts) {
      if (port.route!.visibility !== "internal") continue;
      for (const domain of port.route!.domains) claims.set(domain, `an internal route domain of ${service.name}`);
    }
  }
  for (const service of catalog.services) {
    const path = `${stackPath}/${service.name}`;
    service.aliases.forEach((alias, i) => {
      if (!c.check(path, `aliases[${i}]`, alias, HOST_NAME)) return;
      const owner = claims.get(alias);
      c.expect(owner === undefined || alias === service.name, path, `aliases[${i}]`, alias,
        `a name nothing else in the catalog is reached by (it is ${owner})`);
      if (owner === undefined) claims.set(alias, `an alias of ${service.name}`);
    });
  }
}

function checkReleaseEntry(c: Checker, path: string, service: Service, release: Release): void {
  const entry = release.entryOf(service.name);
  if (!c.expect(entry !== undefined, path, "release.version", undefined,
    `a version for "${service.name}" in this environment's release`)) {
    return;
  }
  c.check(path, "release.version", entry!.version, IMAGE_VERSION);
  // An autoscaled service's own count is autoscaling.min, which the operations rules check once.
  if (entry!.replicas !== undefined || !service.autoscaling) c.check(path, "replicas", entry!.replicas ?? service.replicas, REPLICAS);
}

function checkProbe(c: Checker, path: string, service: Service): void {
  const probe: Probe = service.probe!;
  const check = probe.check;
  if (check.kind === "command") {
    c.expect(check.command.length > 0 && check.command.every((a) => a.length > 0), path, "probe.command",
      check.command, "a non-empty command with non-empty arguments");
  } else {
    // A probe on a port nothing listens on fails every check once deployed: likely a typo.
    if (c.check(path, "probe.port", check.port, PORT) && !probe.allowUndeclaredPort) {
      const declared = service.ports.map((p) => p.port);
      c.expect(declared.includes(check.port), path, "probe.port", check.port,
        `a port the service declares (${declared.join(", ") || "none"}), or allowUndeclaredPort: true on the probe for a port kept out of ports`);
    }
    if (check.kind === "http") c.check(path, "probe.path", check.path, ABSOLUTE_PATH);
  }
  const t = probe.timing;
  c.check(path, "probe.initialDelay", t.initialDelay, INITIAL_DELAY);
  c.check(path, "probe.period", t.period, PROBE_DURATION);
  if (c.check(path, "probe.timeout", t.timeout, PROBE_DURATION)) {
    c.expect(t.timeout.toMillis() < t.period.toMillis(), path, "probe.timeout", t.timeout,
      `a timeout shorter than the probe period (${t.period})`);
  }
  c.check(path, "probe.failureThreshold", t.failureThreshold, THRESHOLD);
  c.check(path, "probe.successThreshold", t.successThreshold, THRESHOLD);
}

function checkConfiguration(c: Checker, path: string, service: Service): void {
  for (const [name, value] of Object.entries(service.env)) {
    c.check(path, `env.${name}`, name, ENV_NAME);
    const source = value.source;
    if (source.kind === "variable") c.check(path, `env.${name}`, source.name, VARIABLE_NAME);
    else if (source.kind === "host") c.expect(service.dependsOn.includes(source.service), path, `env.${name}`,
      source.service.name, `a service listed in dependsOn (${service.dependsOn.map((d) => d.name).join(", ") || "none"})`);
  }
  for (const [name, secret] of Object.entries(service.secrets)) {
    c.check(path, `secrets.${name}`, name, ENV_NAME);
    // A store's password is its store's variable, checked once with the store.
    if (secret.store === undefined) c.check(path, `secrets.${name}`, secret.variableName, VARIABLE_NAME);
    c.expect(!Object.hasOwn(service.env, name), path, `secrets.${name}`, name,
      "a name not also used in env: one variable cannot be both plain and secret");
  }
}

/** Every Terraform variable a service reads: field, variable name, whether it is secret. */
export function variablesOf(service: Service): [string, string, boolean][] {
  const plain = Object.entries(service.env).flatMap(([name, value]) =>
    value.source.kind === "variable" ? [[`env.${name}`, value.source.name, false] as [string, string, boolean]] : []);
  const secret = Object.entries(service.secrets).map(([name, s]) =>
    [`secrets.${name}`, s.variableName, true] as [string, string, boolean]);
  return [...plain, ...secret];
}
