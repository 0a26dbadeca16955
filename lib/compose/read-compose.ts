import { createHash } from "crypto";
import { ownValue } from "../model/records";
import { DNS_LABEL } from "../validation/rules";
import { looksLikeCredential, looksLikeSecretName } from "../validation/secret-patterns";
import { ComposeError, ComposeFinding } from "./findings";
import { ServiceDraft, readService } from "./read-service";
import { Report } from "./report";
import { resolveNames } from "./resolve-names";
import { EnvSpec, EnvironmentRequirements, ImportedVariable, PortSpec, ServiceSpec } from "./spec";
import { Entry, YamlSource } from "./yaml-source";

/** A compose file read into plain service specs. */
export interface ComposeRead {
  readonly services: readonly ServiceSpec[];
  readonly findings: readonly ComposeFinding[];
  readonly requirements: EnvironmentRequirements;
  readonly variables: readonly ImportedVariable[];
}

/** Top-level keys of version 2/3 files that hold no services. */
const TOP_LEVEL: Record<string, string> = {
  volumes: "named volumes: containers here keep no state; use a managed service for data",
  networks: "every service runs on the environment's own network",
  secrets: "list secrets under environment: names that look secret become sensitive variables",
  configs: "bake configuration into the image or pass it as environment variables",
};

/**
 * The largest file read, in bytes. A compose template of the container
 * service is a few kilobytes; parsing keeps every node with its position,
 * some 45 bytes of memory per byte of YAML, so a larger file is refused
 * before it is parsed.
 */
export const MAX_COMPOSE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a compose file of the container service: version 1 (services at the
 * top level) or 2/3 (`services:`). Throws a ComposeError naming every problem
 * with its line; otherwise returns the services and, as findings, everything
 * it could not carry over exactly. Time and memory grow in step with the file
 * (no step compares every service with every other), up to MAX_COMPOSE_BYTES.
 */
export function readCompose(text: string, file: string): ComposeRead {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_COMPOSE_BYTES) throw composeTooLarge(file, bytes);
  const report = new Report();
  const source = new YamlSource(text, report);
  const fail = () => {
    if (report.problems.length > 0) throw new ComposeError(file, report.problems);
  };
  fail();
  const { drafts, originals } = readDrafts(source, report);
  if (report.problems.length === 0 && drafts.length === 0) report.problem(1, "the file declares no services");
  fail();
  const names = resolveNames(drafts, originals, report);
  checkCycles(drafts, names.dependsOn, report);
  fail();
  const variables: Variables = { list: [], names: new Set() };
  const services = drafts.map((draft) =>
    toSpec(draft, names.dependsOn.get(draft.name)!, names.aliases.get(draft.name)!, variables, report));
  const zones = drafts.map((d) => d.environment.minZones).filter((z): z is number => z !== undefined);
  // Not Math.max(...zones): a spread of every service's value overflows the stack on a large file.
  const minZones = zones.reduce<number | undefined>((most, z) => Math.max(most ?? z, z), undefined);
  const regions = [...new Set(drafts.map((d) => d.image?.personalRegion).filter((r): r is string => r !== undefined))];
  return {
    services,
    findings: report.findings,
    requirements: { minZones, personalRegistryRegions: regions },
    variables: variables.list,
  };
}

/** The Terraform variables made so far, and their names for a quick look-up. */
interface Variables {
  readonly list: ImportedVariable[];
  readonly names: Set<string>;
}

/** The error for a file of `bytes` over MAX_COMPOSE_BYTES. */
export function composeTooLarge(file: string, bytes: number): ComposeError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new ComposeError(file, [{ line: 1, message: `the file is ${mib(bytes)}; compose-import reads files of at most ` +
    `${mib(MAX_COMPOSE_BYTES)} (a compose template of the container service is a few kilobytes): split it into several files` }]);
}

/** The services of a version 1 or version 2/3 file, under their model names, with the names as written. */
function readDrafts(source: YamlSource, report: Report): { drafts: ServiceDraft[]; originals: Map<string, string> } {
  const top = source.root === null ? [] : source.entries(source.root, 1, "the file");
  const services = top.find((e) => e.key === "services");
  let entries: Entry[];
  if (services !== undefined) {
    entries = source.entries(services.value, services.line, "services");
    for (const entry of top.filter((e) => e !== services && e.key !== "version")) {
      report.finding("unmapped", entry.line, entry.key, ownValue(TOP_LEVEL, entry.key) ?? "the service model has no counterpart for this key");
    }
  } else {
    const version = top.find((e) => e.key === "version");
    if (version !== undefined) report.problem(version.line, "a file with version has its services under services:", undefined, "version");
    entries = top.filter((e) => e !== version);
  }
  const originals = new Map<string, string>();
  const drafts: ServiceDraft[] = [];
  const names = new Set<string>();
  for (const entry of entries) {
    const name = entry.key.toLowerCase().replace(/_/g, "-");
    if (!DNS_LABEL.test(name)) {
      report.problem(entry.line, `service name ${JSON.stringify(entry.key)}; allowed: ${DNS_LABEL.allowed} ('_' is read as '-')`);
      continue;
    }
    if (names.has(name)) {
      report.problem(entry.line, `service name ${entry.key} is ${name} here, like another service of the file`);
      continue;
    }
    if (name !== entry.key) {
      report.finding("approximated", entry.line, entry.key, `named ${name}: service names are DNS labels in every environment`, name);
    }
    originals.set(entry.key, name);
    originals.set(name, name);
    names.add(name);
    drafts.push(readService(source, name, entry.value, entry.line, report));
  }
  return { drafts, originals };
}

/**
 * Dependencies must form no cycle: each service starts after the ones it
 * calls. A depth-first walk with its own stack, so a chain of any length
 * neither overflows the call stack nor copies the trail at every step.
 */
function checkCycles(drafts: readonly ServiceDraft[], dependsOn: ReadonlyMap<string, readonly string[]>, report: Report): void {
  const lines = new Map(drafts.map((d) => [d.name, d.line]));
  const done = new Set<string>();
  for (const start of drafts) {
    if (done.has(start.name)) continue;
    const trail: string[] = [start.name];
    const onTrail = new Map<string, number>([[start.name, 0]]);
    const next: number[] = [0];
    while (trail.length > 0) {
      const name = trail[trail.length - 1];
      const deps = dependsOn.get(name)!;
      const i = next[next.length - 1]++;
      if (i >= deps.length) {
        done.add(name);
        onTrail.delete(name);
        trail.pop();
        next.pop();
        continue;
      }
      const dep = deps[i];
      const at = onTrail.get(dep);
      if (at !== undefined) {
        const cycle = [...trail.slice(at), dep];
        report.problem(lines.get(dep)!, `depends on itself through ${cycle.join(" -> ")}`, dep);
      } else if (!done.has(dep)) {
        onTrail.set(dep, trail.length);
        trail.push(dep);
        next.push(0);
      }
    }
  }
}

function toSpec(draft: ServiceDraft, dependsOn: readonly string[], aliases: readonly string[], variables: Variables,
  report: Report): ServiceSpec {
  const labels = draft.labels;
  const probe = labels.probe?.check;
  // A probed port is one the container listens on, so it is declared like the others.
  const probed = probe !== undefined && probe.kind !== "command" ? [probe.port] : [];
  const numbers = [...draft.ports.map((p) => p.port), ...[...labels.routes.keys()].sort((a, b) => a - b), ...probed];
  const ports: PortSpec[] = [...new Set(numbers)].map((port) => {
    const http = labels.routes.has(port) || (probe?.kind === "http" && probe.port === port);
    const route = labels.routes.get(port);
    return route === undefined ? { port, protocol: http ? "http" : "tcp" } : { port, protocol: "http", route };
  });
  return {
    name: draft.name,
    repository: draft.image!.repository,
    version: draft.image!.version,
    replicas: draft.replicas,
    ports,
    probe: labels.probe,
    resources: draft.resources,
    env: draft.environment.entries.map((entry) => envSpec(draft.name, entry, variables, report)),
    logs: labels.logs,
    dependsOn,
    aliases,
    labels: labels.own,
    batches: batches(draft, report),
  };
}

/** Batches of a rolling update: the container service updated `parallelism` containers at a time (1 by default). */
function batches(draft: ServiceDraft, report: Report): number | undefined {
  const { rolling, parallelism } = draft.labels;
  if (rolling?.on !== true) {
    if (parallelism !== undefined) {
      report.finding("unmapped", parallelism.line, parallelism.key, "without aliyun.rolling_updates the container service " +
        "ignored it too", draft.name);
    }
    if (draft.replicas > 1) {
      report.finding("approximated", rolling?.line ?? draft.line, "labels.aliyun.rolling_updates", "no rolling updates: the container " +
        "service replaced every container at once; here a new version rolls out in batches (Rollout.batches default)", draft.name);
    }
    return undefined;
  }
  let count = Math.min(50, Math.max(1, Math.ceil(draft.replicas / (parallelism?.value ?? 1))));
  if (count === 1 && draft.replicas > 1) {
    count = 2;
    report.finding("approximated", parallelism!.line, parallelism!.key, `${parallelism!.value} at a time updated all ` +
      `${draft.replicas} containers at once, stopping every one: here they roll out in two batches`, draft.name);
  }
  return count === 2 ? undefined : count;
}

function envSpec(service: string, entry: { name: string; value?: string; line: number }, variables: Variables, report: Report): EnvSpec {
  const secret = looksLikeSecretName(entry.name) || (entry.value !== undefined && looksLikeCredential(entry.value));
  let variable = variableName(service, entry.name);
  for (let n = 2; variables.names.has(variable); n++) variable = variableName(service, `${entry.name}_${n}`);
  variables.names.add(variable);
  variables.list.push({ name: variable, secret, value: secret ? undefined : entry.value });
  if (secret) {
    report.finding("secret", entry.line, `environment.${entry.name}`, `became the sensitive variable ${variable}: supply it ` +
      `at deploy time (TF_VAR_${variable}); its value is written nowhere`, service);
  }
  return { name: entry.name, variable, secret };
}

/** A Terraform variable name for `env` of `service`: lowercase, at most 64 characters. */
function variableName(service: string, env: string): string {
  const base = `${service}_${env}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return base.length <= 64 ? base : `${base.slice(0, 55)}_${createHash("sha256").update(base).digest("hex").slice(0, 8)}`;
}
