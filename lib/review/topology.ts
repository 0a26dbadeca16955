import { decodeJson } from "./attribute-diff";
import { ResourceChange, StackChanges } from "./changes";
import { roleOf, typesOf } from "./resource-roles";
import { Value, describe, isRecord, valueAt } from "./values";
import { Side, Workload, applicationService, workloadsOf } from "./workloads";

/** What a node of the picture is. */
export type TopologyNodeKind = "clients" | "load-balancer" | "service" | "store" | "logs";

/** How the pull request touches a node or an edge. */
export type TopologyChange = "added" | "removed" | "changed" | "unchanged";

/** One box of an environment's picture. */
export interface TopologyNode {
  /** Stable key within the environment (`service:web`, `lb:alicloud_slb_load_balancer.public`). */
  readonly key: string;
  /** What it is. */
  readonly kind: TopologyNodeKind;
  /** Its name, e.g. `web`, `public load balancer production-public`. */
  readonly name: string;
  /** What it runs, before and after, e.g. `1.2.0 ×3`; never a secret. */
  readonly detail: {
    /** Before the change; undefined when it is new or runs nothing to show. */
    readonly before?: string;
    /** After the change; undefined when it is gone or runs nothing to show. */
    readonly after?: string;
  };
  /** Added, removed, changed or not. */
  readonly change: TopologyChange;
}

/** One arrow: a route into a service, a dependency of one service on another or on a store, where logs go. */
export interface TopologyEdge {
  /** Key of the node it starts at. */
  readonly from: string;
  /** Key of the node it points to. */
  readonly to: string;
  /** `route`: traffic in; `depends`: a service reaches another service or a store; `logs`: where its logs are kept. */
  readonly kind: "route" | "depends" | "logs";
  /** What it carries, e.g. `shop.example.com/ :80`. */
  readonly label?: string;
  /** Added, removed or not. */
  readonly change: Exclude<TopologyChange, "changed">;
}

/** One environment's service topology, with what the change adds, removes or changes marked. */
export interface Topology {
  /** The environment (stack). */
  readonly stack: string;
  /** Boxes, in drawing order. */
  readonly nodes: readonly TopologyNode[];
  /** Arrows, in drawing order. */
  readonly edges: readonly TopologyEdge[];
}

interface SideGraph {
  readonly nodes: Map<string, { kind: TopologyNodeKind; name: string; detail?: string; resources: ResourceChange[] }>;
  readonly edges: Map<string, Omit<TopologyEdge, "change">>;
}

/**
 * The services of one environment, what routes traffic to them (load
 * balancers and their routes, from the internet or the host), what each
 * depends on (another service or a store its environment names) and where its
 * logs are kept — drawn from the resources on each side of the change, so
 * it works for any App: SAE applications and ingresses, SLBs, Docker
 * containers and the nginx load balancer's configuration.
 */
export function topologyOf(stack: StackChanges): Topology {
  const [before, after] = [sideGraph(stack, "before"), sideGraph(stack, "after")];
  const nodes: TopologyNode[] = [];
  for (const key of order([...new Set([...before.nodes.keys(), ...after.nodes.keys()])], before, after)) {
    const [was, now] = [before.nodes.get(key), after.nodes.get(key)];
    const touched = (now ?? was)!.resources.some((r) => r.action !== "no-op");
    const change: TopologyChange = !was ? "added" : !now ? "removed" : was.detail !== now.detail || touched ? "changed" : "unchanged";
    nodes.push({ key, kind: (now ?? was)!.kind, name: (now ?? was)!.name, detail: { before: was?.detail, after: now?.detail }, change });
  }
  const edges: TopologyEdge[] = [];
  for (const key of [...new Set([...after.edges.keys(), ...before.edges.keys()])]) {
    const edge = (after.edges.get(key) ?? before.edges.get(key))!;
    edges.push({ ...edge, change: !before.edges.has(key) ? "added" : !after.edges.has(key) ? "removed" : "unchanged" });
  }
  return { stack: stack.stack, nodes, edges };
}

/** Clients first, then load balancers, services, stores and logs, each by name. */
function order(keys: string[], ...graphs: SideGraph[]): string[] {
  const kinds: TopologyNodeKind[] = ["clients", "load-balancer", "service", "store", "logs"];
  const of = (key: string) => graphs.map((g) => g.nodes.get(key)).find(Boolean)!;
  return keys.sort((a, b) => kinds.indexOf(of(a).kind) - kinds.indexOf(of(b).kind) || of(a).name.localeCompare(of(b).name));
}

function sideGraph(stack: StackChanges, side: Side): SideGraph {
  const graph: SideGraph = { nodes: new Map(), edges: new Map() };
  const present = stack.resources.filter((r) => r[side] !== undefined);
  const types = typesOf(stack.resources);
  const node = (key: string, kind: TopologyNodeKind, name: string, resources: ResourceChange[] = [], detail?: string) => {
    if (!graph.nodes.has(key)) graph.nodes.set(key, { kind, name, detail, resources });
    return key;
  };
  const edge = (from: string, to: string, kind: TopologyEdge["kind"], label?: string) =>
    graph.edges.set(`${from}\0${to}\0${kind}\0${label ?? ""}`, { from, to, kind, ...(label ? { label } : {}) });

  const workloads = workloadsOf(stack, side);
  for (const w of workloads.values()) {
    if (w.resources.length > 0) node(serviceKey(w.service), "service", w.service, [...w.resources], running(w));
  }
  for (const r of present) {
    const values = r[side]!;
    const role = roleOf(r, types)?.role;
    if (r.type === "alicloud_slb_load_balancer") {
      const internet = valueAt(values, ["address_type"]) === "internet";
      const lb = node(r.address, "load-balancer", `${internet ? "public" : "internal"} load balancer ${describe(valueAt(values, ["load_balancer_name"]))}`, [r]);
      if (internet) edge(node("clients:internet", "clients", "internet"), lb, "route");
    } else if (r.type === "docker_container" && role === "load-balancer") {
      dockerRoutes(r, values, workloads, node, edge);
    } else if (r.type === "alicloud_log_project") {
      // A name with an interpolation (the account id) reads with it left out.
      node(r.address, "logs", `log project ${describe(valueAt(values, ["project_name"])).replace(/\$\{[^}]*\}/g, "…")}`, [r]);
    } else if (role === "store" && r.type !== "docker_volume" && r.type !== "alicloud_oss_bucket" && r.type !== "alicloud_db_database") {
      node(r.address, "store", `${roleOf(r, types)!.noun} ${r.address.split(".")[1]}`, [r]);
    }
  }
  // A database is drawn as part of its instance, unless the instance is not in this stack.
  for (const r of present.filter((x) => x.type === "alicloud_db_database")) {
    const reference = valueAt(r[side], ["instance_id"]);
    const instance = typeof reference === "string" ? /^\$\{(alicloud_db_instance\.[^.}]+)\.id\}$/.exec(reference)?.[1] : undefined;
    const owner = instance === undefined ? undefined : graph.nodes.get(instance);
    if (owner) owner.resources.push(r);
    else node(r.address, "store", `${roleOf(r, types)!.noun} ${r.address.split(".")[1]}`, [r]);
  }
  for (const r of present) saeRoutes(stack, r, r[side]!, node, edge, present);
  for (const w of workloads.values()) dependencies(w, side, workloads, graph, edge);
  // An arrow to something this side does not have (a log project managed elsewhere) is not drawn.
  for (const [key, e] of graph.edges) if (!graph.nodes.has(e.from) || !graph.nodes.has(e.to)) graph.edges.delete(key);
  return graph;
}

type AddNode = (key: string, kind: TopologyNodeKind, name: string, resources?: ResourceChange[], detail?: string) => string;
type AddEdge = (from: string, to: string, kind: TopologyEdge["kind"], label?: string) => void;

function serviceKey(service: string): string {
  return `service:${service}`;
}

/** `1.2.0 ×3`; what a service runs. */
function running(w: Workload): string | undefined {
  if (w.version === undefined) return undefined;
  return w.replicas === undefined ? w.version : `${w.version} ×${w.replicas}`;
}

/** SAE routes: ingress rules and listeners of a load balancer, each to the application it reaches. */
function saeRoutes(stack: StackChanges, r: ResourceChange, values: Value, node: AddNode, edge: AddEdge, present: readonly ResourceChange[]): void {
  const lbOf = (id: Value | undefined) => /^\$\{(alicloud_slb_load_balancer\.[A-Za-z0-9_-]+)\.id\}$/.exec(describe(id))?.[1]
    ?? stack.resources.find((lb) => lb.type === "alicloud_slb_load_balancer" && [lb.before, lb.after].some((s) => valueAt(s, ["id"]) === id))?.address;
  const to = (app: Value | undefined, name?: Value) => {
    const service = applicationService(stack, app) ?? (typeof name === "string" ? name : undefined);
    return service === undefined ? undefined : serviceKey(service);
  };
  if (r.type === "alicloud_sae_ingress") {
    const lb = lbOf(valueAt(values, ["slb_id"]));
    const rules = listOf(valueAt(values, ["rules"]));
    for (const rule of [...rules, ...listOf(valueAt(values, ["default_rule"]))]) {
      const target = to(valueAt(rule, ["app_id"]), valueAt(rule, ["app_name"]));
      const where = rules.includes(rule) ? `${describe(valueAt(rule, ["domain"]))}${describe(valueAt(rule, ["path"]) ?? "")}` : "default";
      if (lb && target) edge(lb, target, "route", `${where} :${describe(valueAt(values, ["listener_port"]))}`);
    }
  } else if (r.type === "alicloud_sae_load_balancer_intranet" || r.type === "alicloud_sae_load_balancer_internet") {
    const intranet = r.type.endsWith("intranet");
    const lb = lbOf(valueAt(values, [intranet ? "intranet_slb_id" : "internet_slb_id"]));
    const target = to(valueAt(values, ["app_id"]));
    const listeners = listOf(valueAt(values, [intranet ? "intranet" : "internet"])).map((l) => `:${describe(valueAt(l, ["port"]))}`);
    if (lb && target) edge(lb, target, "route", listeners.join(", "));
    else if (target && !intranet) edge(node("clients:internet", "clients", "internet"), target, "route", listeners.join(", "));
  } else if (r.type === "alicloud_sae_application") {
    for (const config of listOf(decoded(valueAt(values, ["sls_configs"])))) {
      const project = valueAt(config, ["projectName"]);
      // The project by its name, written out or inside an expression (`${jsonencode("shop-logs-${…}")}`), or by reference.
      const target = present.find((p) => {
        const name = valueAt(p.after ?? p.before, ["project_name"]);
        return p.type === "alicloud_log_project" && typeof project === "string" && typeof name === "string"
          && (project === name || project.includes(JSON.stringify(name)) || project.includes(`${p.address}.`));
      });
      if (target) edge(serviceKey(applicationService(stack, `\${${r.address}.id}`) ?? ""), target.address, "logs");
    }
  }
}

/**
 * The Docker load balancer's routes, read from the nginx configuration it is
 * given: each `server` (port and host name) to the services its upstream's
 * hosts belong to; published on the host's loopback or beyond it.
 */
function dockerRoutes(r: ResourceChange, values: Value, workloads: ReadonlyMap<string, Workload>, node: AddNode, edge: AddEdge): void {
  const ports = listOf(valueAt(values, ["ports"]));
  const loopback = ports.every((p) => /^(127\.|::1|localhost)/.test(describe(valueAt(p, ["ip"]) ?? "0.0.0.0")));
  const lb = node(r.address, "load-balancer", `load balancer ${describe(valueAt(values, ["name"]))}`, [r]);
  if (ports.length > 0) edge(node(loopback ? "clients:host" : "clients:internet", "clients", loopback ? "this host (127.0.0.1)" : "internet"), lb, "route");
  const config = listOf(valueAt(values, ["upload"])).map((u) => valueAt(u, ["content"])).find((c) => typeof c === "string" && /\bupstream\b/.test(c));
  if (typeof config !== "string") return;
  const hosts = new Map<string, string>();
  for (const w of workloads.values()) {
    for (const c of w.resources) {
      const host = valueAt(c.after ?? c.before, ["hostname"]);
      if (typeof host === "string") hosts.set(host, w.service);
    }
  }
  const upstreams = new Map<string, Set<string>>();
  for (const [, name, body] of config.matchAll(/upstream\s+(\S+)\s*\{([^}]*)\}/g)) {
    upstreams.set(name, new Set([...body.matchAll(/server\s+([^:\s;]+)/g)].flatMap(([, host]) => (hosts.has(host) ? [hosts.get(host)!] : []))));
  }
  for (const [, block] of config.matchAll(/server\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g)) {
    const port = /listen\s+(\d+)/.exec(block)?.[1];
    const host = /server_name\s+([^;]+);/.exec(block)?.[1].trim();
    for (const [, upstream] of block.matchAll(/proxy_pass\s+https?:\/\/([^/;\s]+)/g)) {
      for (const service of upstreams.get(upstream) ?? []) edge(lb, serviceKey(service), "route", `${host && host !== "_" ? `${host} ` : ""}:${port}`);
    }
  }
}

/**
 * What a service reaches: another service whose in-environment name (its
 * Docker network alias, its SAE discovery name) one of its env values holds,
 * or a store one of them refers to.
 */
function dependencies(w: Workload, side: Side, workloads: ReadonlyMap<string, Workload>, graph: SideGraph, edge: AddEdge): void {
  const values = envValuesOf(w, side);
  for (const other of workloads.values()) {
    if (other === w || !graph.nodes.has(serviceKey(other.service))) continue;
    const names = namesOf(other, side);
    if (values.some((v) => names.some((n) => holdsName(v, n)))) {
      edge(serviceKey(w.service), serviceKey(other.service), "depends");
    }
  }
  for (const [key, store] of graph.nodes) {
    if (store.kind !== "store") continue;
    // A reference to the store's attributes (SAE envs: `${jsonencode(alicloud_db_instance.x.connection_string)}`), or its Docker alias.
    const reference = new RegExp(`\\$\\{(?:[A-Za-z_]+\\()*${escape(key)}\\.`);
    const names = aliasesOf(store.resources, side);
    if (values.some((v) => reference.test(v) || names.some((n) => holdsName(v, n)))) edge(serviceKey(w.service), key, "depends");
  }
}

/** Whether an env value holds `name` as a whole host name (`orders-db`, `orders-db:3306`, `http://orders-db/`), outside references. */
function holdsName(value: string, name: string): boolean {
  // A reference (`${var.orders_cache_host}`) names a variable, not a host.
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escape(name)}($|[^A-Za-z0-9_.-])`).test(value.replace(/\$\{[^}]*\}/g, " "));
}

/** The env values of a service's workload: Docker `KEY=VALUE` entries, SAE `envs` JSON. */
function envValuesOf(w: Workload, side: Side): string[] {
  return w.resources.flatMap((r) => {
    const values = r[side];
    if (values === undefined) return [];
    if (r.type === "docker_container") return listOf(valueAt(values, ["env"])).flatMap((e) => (typeof e === "string" ? [e.slice(e.indexOf("=") + 1)] : []));
    return listOf(decoded(valueAt(values, ["envs"]))).flatMap((e) => (typeof valueAt(e, ["value"]) === "string" ? [valueAt(e, ["value"]) as string] : []));
  });
}

/** The names a service is reached by in its environment. */
function namesOf(w: Workload, side: Side): string[] {
  return w.resources.flatMap((r) => {
    const values = r[side];
    if (r.type === "alicloud_sae_application") return [valueAt(values, ["pvtz_discovery_svc", "service_name"])].filter((v): v is string => typeof v === "string");
    return aliasesOf([r], side);
  });
}

/** The Docker network aliases of containers. */
function aliasesOf(resources: readonly ResourceChange[], side: Side): string[] {
  return resources.flatMap((r) => listOf(valueAt(r[side], ["networks_advanced"])).flatMap((n) => listOf(valueAt(n, ["aliases"]))))
    .filter((a): a is string => typeof a === "string");
}

function decoded(value: Value | undefined): Value | undefined {
  return typeof value === "string" ? decodeJson(value) : value;
}

function listOf(value: Value | undefined): Value[] {
  if (Array.isArray(value)) return value;
  return isRecord(value) ? [value] : [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
