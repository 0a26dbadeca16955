import { Node } from "yaml";
import { ownValue } from "../model/records";
import { EnvironmentResult, readEnvironment } from "./read-environment";
import { ImportedImage, readImage } from "./read-image";
import { LabelResult, Reference, readLabels } from "./read-labels";
import { DeclaredPort, readPorts } from "./read-ports";
import { ResourceKeys, readResources } from "./read-resources";
import { Report } from "./report";
import { Entry, YamlSource } from "./yaml-source";

/** Everything read from one service, before names between services are resolved. */
export interface ServiceDraft {
  /** The name in the model (a DNS label). */
  readonly name: string;
  readonly line: number;
  readonly image?: ImportedImage;
  readonly replicas: number;
  readonly ports: readonly DeclaredPort[];
  readonly labels: LabelResult;
  readonly environment: EnvironmentResult;
  readonly resources?: { readonly millicores: number; readonly mebibytes: number };
  readonly references: readonly Reference[];
  /** Names from `networks.<network>.aliases`. */
  readonly networkAliases: readonly string[];
}

/** What to do instead, for compose keys the service model has no counterpart for. */
const UNMAPPED: Record<string, string> = {
  volumes: "containers here keep no state: use a managed service (RDS, OSS, NAS) for data",
  volumes_from: "containers here keep no state: use a managed service (RDS, OSS, NAS) for data",
  command: "the image's own command runs: set CMD in the image",
  entrypoint: "the image's own entrypoint runs: set ENTRYPOINT in the image",
  privileged: "no service runs privileged here",
  cap_add: "no extra capabilities are granted here",
  cap_drop: "capabilities are not managed per service",
  devices: "no host devices are mapped into containers here",
  network_mode: "every service runs on the environment's network",
  pid: "containers share no process namespace here",
  ipc: "containers share no IPC namespace here",
  hostname: "other services reach this one by its name and aliases, not by its host name",
  container_name: "container names are derived from the service name and version",
  extra_hosts: "give the service those names as aliases, or route them, so every environment resolves them",
  dns: "every environment resolves names through its own DNS",
  dns_search: "every environment resolves names through its own DNS",
  env_file: "values in another file are not read: list the variables under environment",
  healthcheck: "use the aliyun.probe.* labels, or Probe.command([...]) by hand",
  logging: "logs go to the log store (aliyun.log_store_<name>)",
  user: "set USER in the image",
  working_dir: "set WORKDIR in the image",
  build: "only images are deployed: build and push the image first",
};

/** Reads one service of the file. */
export function readService(source: YamlSource, name: string, node: Node | null, line: number, report: Report): ServiceDraft {
  const entries = source.entries(node, line, `service ${name}`, name);
  const get = (key: string) => entries.find((e) => e.key === key);
  const resources: ResourceKeys = {};
  const references: Reference[] = [];
  const networkAliases: string[] = [];
  let replicas: { value: number; line: number } | undefined;
  const ports: DeclaredPort[] = [];
  for (const entry of entries) {
    const { key, value } = entry;
    if (["image", "labels", "environment"].includes(key)) continue;
    if (key === "ports" || key === "expose") {
      for (const p of readPorts(source, value, entry.line, key, name, report)) if (!ports.some((d) => d.port === p.port)) ports.push(p);
    } else if (key === "links" || key === "external_links") {
      references.push(...links(source, entry, name, report));
    } else if (key === "depends_on") {
      const names = source.isMapping(value) ? source.entries(value, entry.line, key, name).map((e) => ({ text: e.key, line: e.line }))
        : source.items(value, entry.line, key, name).map((i) => ({ text: source.text(i.value), line: i.line }));
      for (const n of names) if (n.text !== undefined) references.push({ name: n.text, line: n.line, key, external: false });
    } else if (key === "mem_limit" || key === "cpus" || key === "cpu_shares") {
      const text = source.text(value);
      const field = key === "mem_limit" ? "memory" : key === "cpus" ? "cpus" : "cpuShares";
      if (text !== undefined) resources[field] = { key, value: text, line: entry.line };
    } else if (key === "scale") {
      replicas = count(source.text(value), entry, name, report) ?? replicas;
    } else if (key === "deploy") {
      replicas = readDeploy(source, entry, resources, name, report) ?? replicas;
    } else if (key === "restart") {
      restart(source.text(value), entry, name, report);
    } else if (key === "networks") {
      networkAliases.push(...readNetworks(source, entry, name, report));
    } else {
      report.finding("unmapped", entry.line, key, ownValue(UNMAPPED, key) ?? "the service model has no counterpart for this key", name);
    }
  }
  const image = get("image");
  const labels = readLabels(source, get("labels")?.value ?? null, get("labels")?.line ?? line, name, report);
  const environment = get("environment") === undefined ? { entries: [] }
    : readEnvironment(source, get("environment")!.value, get("environment")!.line, name, report);
  return {
    name,
    line,
    image: readImage(source.text(image?.value ?? null), image?.line ?? line, name, report),
    replicas: labels.replicas?.value ?? replicas?.value ?? 1,
    ports,
    labels,
    environment,
    resources: readResources(resources, name, report),
    references: [...references, ...labels.depends],
    networkAliases,
  };
}

function links(source: YamlSource, entry: Entry, service: string, report: Report): Reference[] {
  return source.items(entry.value, entry.line, entry.key, service).flatMap((item) => {
    const text = source.text(item.value);
    const m = text === undefined ? null : /^([^:\s]+)(?::([^:\s]+))?$/.exec(text.trim());
    if (m === null) {
      report.problem(item.line, `${entry.key} entries are name or name:alias`, service, entry.key);
      return [];
    }
    return [{ name: m[1], alias: m[2], line: item.line, key: entry.key, external: entry.key === "external_links" }];
  });
}

function readDeploy(source: YamlSource, entry: Entry, resources: ResourceKeys, service: string, report: Report) {
  let replicas: { value: number; line: number } | undefined;
  for (const field of source.entries(entry.value, entry.line, "deploy", service)) {
    const key = `deploy.${field.key}`;
    if (field.key === "replicas") {
      replicas = count(source.text(field.value), { ...field, key }, service, report);
    } else if (field.key === "resources") {
      for (const kind of source.entries(field.value, field.line, key, service)) {
        if (kind.key !== "limits") {
          report.finding("unmapped", kind.line, `${key}.${kind.key}`, "only limits are mapped: an instance gets what it is sized for", service);
          continue;
        }
        for (const limit of source.entries(kind.value, kind.line, `${key}.limits`, service)) {
          const text = source.text(limit.value);
          const at = { key: `${key}.limits.${limit.key}`, line: limit.line };
          if (limit.key === "memory" && text !== undefined) resources.memory = { ...at, value: text };
          else if (limit.key === "cpus" && text !== undefined) resources.cpus = { ...at, value: text };
          else report.finding("unmapped", limit.line, at.key, "only cpus and memory limits are mapped", service);
        }
      }
    } else {
      report.finding("unmapped", field.line, key, field.key === "update_config"
        ? "use the aliyun.rolling_updates labels, or Rollout.batches by hand" : "the service model has no counterpart for this key", service);
    }
  }
  return replicas;
}

function count(text: string | undefined, entry: { key: string; line: number }, service: string, report: Report) {
  const n = Number(text);
  if (text !== undefined && /^\d+$/.test(text) && n >= 1 && n <= 50) return { value: n, line: entry.line };
  report.problem(entry.line, `${entry.key} must be a whole number of containers from 1 to 50`, service, entry.key);
  return undefined;
}

function restart(text: string | undefined, entry: Entry, service: string, report: Report): void {
  if (text === "always" || text === "unless-stopped") return;
  report.finding("approximated", entry.line, "restart", `restart ${JSON.stringify(text ?? null)} not kept: instances are always ` +
    "restarted when they stop", service);
}

function readNetworks(source: YamlSource, entry: Entry, service: string, report: Report): string[] {
  if (!source.isMapping(entry.value)) {
    report.finding("unmapped", entry.line, "networks", "every service runs on the environment's network", service);
    return [];
  }
  return source.entries(entry.value, entry.line, "networks", service).flatMap((network) => {
    if (network.value === null) return [];
    return source.entries(network.value, network.line, `networks.${network.key}`, service).flatMap((field) => {
      if (field.key !== "aliases") {
        report.finding("unmapped", field.line, `networks.${network.key}.${field.key}`, "every service runs on the environment's network", service);
        return [];
      }
      return source.items(field.value, field.line, `networks.${network.key}.aliases`, service)
        .map((item) => source.text(item.value)).filter((t): t is string => t !== undefined);
    });
  });
}
