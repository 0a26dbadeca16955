import { ServiceCatalog } from "../model/catalog";
import { EnvValue, Secret } from "../model/config";
import { Duration } from "../model/duration";
import { Image } from "../model/image";
import { LogStore, LogStoreOptions } from "../model/log-store";
import { Port } from "../model/port";
import { Probe, ProbeTiming } from "../model/probe";
import { Release } from "../model/release";
import { Rollout } from "../model/rollout";
import { Route } from "../model/route";
import { Service } from "../model/service";
import { Cpu, Size } from "../model/size";
import { PortSpec, ProbeSpec, ServiceSpec } from "./spec";

/** The catalog and release the specs describe, exactly as the generated TypeScript builds them. */
export function buildCatalog(specs: readonly ServiceSpec[]): { catalog: ServiceCatalog; release: Release } {
  const catalog = new ServiceCatalog();
  const built = new Map<string, Service>();
  for (const spec of dependencyOrder(specs)) {
    built.set(spec.name, new Service(catalog, spec.name, {
      image: Image.fromRegistry(spec.repository),
      replicas: spec.replicas,
      ports: spec.ports.length > 0 ? spec.ports.map(port) : undefined,
      probe: spec.probe === undefined ? undefined : probe(spec.probe),
      resources: spec.resources === undefined ? undefined
        : { cpu: Cpu.millicores(spec.resources.millicores), memory: Size.mebibytes(spec.resources.mebibytes) },
      env: spec.env.some((e) => !e.secret)
        ? Object.fromEntries(spec.env.filter((e) => !e.secret).map((e) => [e.name, EnvValue.fromVariable(e.variable)])) : undefined,
      secrets: spec.env.some((e) => e.secret)
        ? Object.fromEntries(spec.env.filter((e) => e.secret).map((e) => [e.name, Secret.fromVariable(e.variable)])) : undefined,
      logs: spec.logs === undefined ? undefined : logStore(spec.logs),
      dependsOn: spec.dependsOn.length > 0 ? spec.dependsOn.map((name) => built.get(name)!) : undefined,
      aliases: spec.aliases.length > 0 ? [...spec.aliases] : undefined,
      labels: Object.keys(spec.labels).length > 0 ? { ...spec.labels } : undefined,
      rollout: spec.batches === undefined ? undefined : Rollout.batches({ batches: spec.batches }),
    }));
  }
  return { catalog, release: Release.of(Object.fromEntries(specs.map((s) => [s.name, s.version]))) };
}

/**
 * The specs with every service after the services it depends on, otherwise in
 * file order: a service can only name services already built (the import
 * refuses dependency cycles). A depth-first walk with its own stack, so a
 * chain of any length neither overflows the call stack nor rescans the specs.
 */
export function dependencyOrder(specs: readonly ServiceSpec[]): ServiceSpec[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const ordered: ServiceSpec[] = [];
  const visiting = new Set<string>();
  for (const root of specs) {
    if (visiting.has(root.name)) continue;
    visiting.add(root.name);
    const stack = [{ spec: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.spec.dependsOn.length) {
        const dep = byName.get(top.spec.dependsOn[top.next++])!;
        if (!visiting.has(dep.name)) {
          visiting.add(dep.name);
          stack.push({ spec: dep, next: 0 });
        }
      } else {
        stack.pop();
        ordered.push(top.spec);
      }
    }
  }
  return ordered;
}

function port(spec: PortSpec): Port {
  const route = spec.route === undefined ? undefined
    : spec.route.visibility === "public" ? Route.public({ domains: [...spec.route.domains] }) : Route.internal({ domains: [...spec.route.domains] });
  const options = route === undefined ? undefined : { route };
  return spec.protocol === "http" ? Port.http(spec.port, options) : Port.tcp(spec.port, options);
}

/** The timing a probe spec sets, as the model takes it. */
export function probeTiming(spec: ProbeSpec): ProbeTiming {
  return {
    timeout: spec.timeoutSeconds === undefined ? undefined : Duration.seconds(spec.timeoutSeconds),
    initialDelay: spec.initialDelaySeconds === undefined ? undefined : Duration.seconds(spec.initialDelaySeconds),
    period: spec.periodSeconds === undefined ? undefined : Duration.seconds(spec.periodSeconds),
  };
}

function probe(spec: ProbeSpec): Probe {
  const check = spec.check;
  const timing = probeTiming(spec);
  if (check.kind === "http") return Probe.http(check.port, { path: check.path, ...timing });
  if (check.kind === "tcp") return Probe.tcp(check.port, timing);
  return Probe.command([...check.command], timing);
}

function logStore(spec: NonNullable<ServiceSpec["logs"]>): LogStore {
  const options: LogStoreOptions = spec.retentionDays === undefined ? {} : { retention: Duration.days(spec.retentionDays) };
  return spec.source === "stdout" ? LogStore.stdout(spec.name, options) : LogStore.files(spec.name, [...spec.source], options);
}
