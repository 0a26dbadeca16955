import { Node } from "yaml";
import { setOwn } from "../model/records";
import { LABEL_KEY, LABEL_VALUE } from "../validation/rules";
import { looksLikeCredential, looksLikeSecretName } from "../validation/secret-patterns";
import { readLogs, LogLabel } from "./read-logs";
import { readProbe, ProbeLabels } from "./read-probe";
import { readRouting } from "./read-routing";
import { Report, shown } from "./report";
import { LogSpec, ProbeSpec, RouteSpec } from "./spec";
import { YamlSource } from "./yaml-source";

/** A name another service is called by, as a file wrote it (`aliyun.depends`, `links`, `external_links`, `depends_on`). */
export interface Reference {
  readonly name: string;
  /** The other name `links: [db:mysql]` gives it. */
  readonly alias?: string;
  readonly line: number;
  readonly key: string;
  /** Whether the name may lie outside this file (`external_links`). */
  readonly external: boolean;
}

/** What a service's `aliyun.*` labels say. */
export interface LabelResult {
  replicas?: { readonly value: number; readonly line: number };
  /** Routed container ports; the route is undefined when no entry survived as a domain. */
  readonly routes: Map<number, RouteSpec | undefined>;
  probe?: ProbeSpec;
  rolling?: { readonly on: boolean; readonly line: number; readonly key: string };
  parallelism?: { readonly value: number; readonly line: number; readonly key: string };
  readonly depends: Reference[];
  logs?: LogSpec;
  /** Labels of the team's own (owner, cost centre), kept as the service's labels. */
  readonly own: Record<string, string>;
}

/** Known labels the service model has no counterpart for, with what to do instead. */
const UNMAPPED: readonly [RegExp, string][] = [
  [/^aliyun\.routing\.session_sticky$/, "session stickiness is not kept: any instance may answer a request"],
  [/^aliyun\.lb\.port_\d+$/, "a custom SLB mapping: routes use the environment's shared load balancers instead"],
  [/^aliyun\.log\.timestamp$/, "log timestamps are added by the log service"],
  [/^aliyun\.logs$/, "the old log label: collect logs with LogStore.stdout or LogStore.files"],
  [/^aliyun\.latest_image$/, "releases pin image versions instead of pulling the latest image"],
  [/^aliyun\.auto_scaling\.[a-z_]+$/, "autoscaling is not modelled: replicas are fixed per environment (release replicas)"],
];

/** Reads the `labels` of a service (a mapping, or a list of `key=value`). */
export function readLabels(source: YamlSource, node: Node | null, line: number, service: string, report: Report): LabelResult {
  const result: LabelResult = { routes: new Map(), depends: [], own: {} };
  const probe: ProbeLabels = {};
  const stores: LogLabel[] = [];
  const ttls: LogLabel[] = [];
  for (const label of labelsOf(source, node, line, service, report)) {
    const { name, value, line: at } = label;
    const key = `labels.${name}`;
    const m = /^aliyun\.(?:(scale|global|depends|rolling_updates|rolling_updates\.parallelism)|routing\.port_(\d+)|probe\.(url|cmd|timeout_seconds|initial_delay_seconds)|log_(store|ttl)_(.+))$/.exec(name);
    if (m?.[1] === "scale") {
      const n = Number(value);
      if (/^\s*\d+\s*$/.test(value) && n >= 1 && n <= 50) result.replicas = { value: n, line: at };
      else report.problem(at, `${name} = ${shown(key, value)}; allowed: a whole number of containers from 1 to 50`, service, key);
    } else if (m?.[1] === "global") {
      if (flag(value, at, key, service, report)) {
        report.finding("unmapped", at, key, "one container per node: there are no nodes to follow here; the service runs " +
          "its replicas (aliyun.scale, or release replicas per environment)", service);
      }
    } else if (m?.[1] === "depends") {
      for (const dep of value.split(",").map((d) => d.trim()).filter((d) => d.length > 0)) {
        result.depends.push({ name: dep, line: at, key, external: false });
      }
    } else if (m?.[1] === "rolling_updates") {
      result.rolling = { on: flag(value, at, key, service, report), line: at, key };
    } else if (m?.[1] === "rolling_updates.parallelism") {
      const n = Number(value);
      // The container service reads an invalid parallelism as 1.
      const valid = /^\s*\d+\s*$/.test(value) && Number.isSafeInteger(n) && n >= 1;
      if (!valid) report.finding("approximated", at, key, "not a whole number of at least 1: read as 1, as the container service did", service);
      result.parallelism = { value: valid ? n : 1, line: at, key };
    } else if (m?.[2] !== undefined) {
      result.routes.set(Number(m[2]), readRouting(Number(m[2]), value, at, key, service, report));
    } else if (m?.[3] !== undefined) {
      probe[m[3] as keyof ProbeLabels] = { key, value, line: at };
    } else if (m?.[4] !== undefined) {
      (m[4] === "store" ? stores : ttls).push({ key, name: m[5], value, line: at });
    } else if (name.startsWith("aliyun.")) {
      const known = UNMAPPED.find(([pattern]) => pattern.test(name));
      if (known) report.finding("unmapped", at, key, known[1], service);
      else report.problem(at, `unknown label ${name}; allowed: the container service's aliyun.* labels (scale, global, ` +
        "depends, routing.port_<port>, probe.url/cmd/timeout_seconds/initial_delay_seconds, rolling_updates[.parallelism], " +
        "log_store_<name>, log_ttl_<name>, …)", service, key);
    } else if (!LABEL_KEY.test(name) || !LABEL_VALUE.test(value)) {
      report.finding("unmapped", at, key, `not kept: service labels need ${LABEL_KEY.test(name) ? LABEL_VALUE.allowed : LABEL_KEY.allowed}`, service);
    } else if (looksLikeSecretName(name) || looksLikeCredential(value)) {
      report.finding("unmapped", at, key, "not kept: it looks like a secret, and labels are shown to anyone who lists the " +
        "services; pass it as an environment variable", service);
    } else {
      setOwn(result.own, name, value);
    }
  }
  result.probe = readProbe(probe, service, report);
  result.logs = readLogs(stores, ttls, service, report);
  return result;
}

function labelsOf(source: YamlSource, node: Node | null, line: number, service: string, report: Report) {
  if (source.isList(node)) {
    return source.items(node, line, "labels", service).flatMap((item) => {
      const text = source.text(item.value);
      const eq = text?.indexOf("=") ?? -1;
      if (text === undefined || eq <= 0) {
        report.problem(item.line, "a label in a list must be key=value", service, "labels");
        return [];
      }
      return [{ name: text.slice(0, eq).trim(), value: text.slice(eq + 1), line: item.line }];
    });
  }
  return source.entries(node, line, "labels", service).map((entry) => ({
    name: entry.key, value: source.text(entry.value) ?? "", line: entry.line,
  }));
}

function flag(value: string, line: number, key: string, service: string, report: Report): boolean {
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "false") return v === "true";
  report.problem(line, `${key} = ${shown(key, value)}; allowed: true or false`, service, key);
  return false;
}
