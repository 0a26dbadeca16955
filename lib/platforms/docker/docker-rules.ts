import { PolicyContext } from "../../policies/policy";
import { Checker } from "../../validation/checker";
import { CPU, IMAGE_REFERENCE, PORT, REGISTRY_HOST, integerBetween, matching } from "../../validation/rules";
import { Violation } from "../../validation/violation";
import { MIN_DOCKER_MILLICORES } from "./cpu-limit";
import { ResolvedDockerProps } from "./docker-props";
import { LOAD_BALANCER_ALIAS, REGISTRY_ALIAS, replicaHost } from "./names";

const IPV4 = matching(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/, "an IPv4 address such as 127.0.0.1");
const DOCKER_HOST = matching(
  /^(unix:\/\/\/\S+|npipe:\/\/\/\/\S+|tcp:\/\/[A-Za-z0-9.-]+:\d{1,5}|ssh:\/\/([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:\d{1,5})?)$/,
  "a Docker daemon address: unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://[user@]host[:port]",
);
const LOG_SIZE = matching(/^[1-9]\d*[kmg]$/, 'a json-file log size: a whole number followed by k, m or g, e.g. "10m"');
const LOG_FILES = integerBetween(1, 100);

/**
 * Options of the cloud platform that would do nothing here, given from
 * JavaScript (TypeScript refuses them at compile time): refused rather than
 * dropped, so no one expects what Docker cannot do.
 */
export function foreignOptions(path: string, props: object): Violation[] {
  const c = new Checker("docker");
  const alerting = (props as { readonly alerting?: unknown }).alerting;
  c.expect(alerting === undefined, path, "alerting", alerting,
    "not set: Docker renders no alarms, so no one is notified; alerting belongs to an AlicloudEnvironment");
  return c.violations;
}

/** What the Docker platform needs beyond the model rules. */
export function dockerRules(context: PolicyContext, props: ResolvedDockerProps): Violation[] {
  const c = new Checker("docker");
  const path = context.path;
  c.check(path, "dockerHost", props.dockerHost, DOCKER_HOST);
  c.check(path, "loadBalancerImage", props.loadBalancerImage, IMAGE_REFERENCE);
  c.check(path, "registryImage", props.registryImage, IMAGE_REFERENCE);
  c.check(path, "logMaxSize", props.logMaxSize, LOG_SIZE);
  c.check(path, "logMaxFiles", props.logMaxFiles, LOG_FILES);
  if (c.check(path, "publishAddress", props.publishAddress, IPV4) && !props.publishAddress.startsWith("127.")) {
    c.expect(context.settings.allowInternet, path, "publishAddress", props.publishAddress,
      `a loopback address (127.0.0.0/8): stage "${context.settings.name}" does not allow internet exposure`);
    // The one load balancer publishes every route on this address, internal ones too.
    const internal = context.catalog.services.find((s) => s.ports.some((p) => p.route?.visibility === "internal"));
    c.expect(!context.settings.allowInternet || internal === undefined, path, "publishAddress", props.publishAddress,
      `a loopback address (127.0.0.0/8): the load balancer publishes every route on it, and ${internal?.name}'s route is internal`);
  }
  for (const service of context.catalog.services) {
    const cpu = service.resources.cpu;
    // A cpu the model rules reject is reported there, once.
    if (CPU.test(cpu)) {
      c.expect(cpu.toMillicores() >= MIN_DOCKER_MILLICORES, `${path}/${service.name}`, "resources.cpu", cpu.toString(),
        `at least ${MIN_DOCKER_MILLICORES}m: Docker's smallest CPU quota is 1 ms per 100 ms period`);
    }
  }
  // The default registry host is derived from the port: report a bad port once.
  if (c.check(path, "registryPort", props.registryPort, PORT)) {
    c.check(path, "registry", props.registry, REGISTRY_HOST);
    for (const service of context.catalog.services) {
      service.ports.forEach((port, i) => {
        if (!port.route) return;
        c.expect(port.protocol === "http", `${path}/${service.name}`, `ports[${i}].protocol`, port.protocol,
          "http: the Docker load balancer routes HTTP only");
        c.expect(port.route.listenerPort !== props.registryPort, `${path}/${service.name}`, `ports[${i}].route.listenerPort`,
          port.route.listenerPort, `a port other than the registry's host port (${props.registryPort})`);
      });
    }
  }
  const stores = context.catalog.stores.map((s) => s.name);
  for (const [name, options] of Object.entries(props.stores)) {
    if (!c.expect(stores.includes(name), path, `stores.${name}`, name, `a store of the catalog (${stores.join(", ") || "none"})`)) continue;
    if (options.image !== undefined) c.check(path, `stores.${name}.image`, options.image, IMAGE_REFERENCE);
  }
  const warnings = new Checker("docker", "warning");
  checkNetworkNames(c, warnings, context);
  checkConstructIds(c, context);
  return [...c.violations, ...warnings.violations];
}

/** Construct ids of the environment's own parts (docker-environment.ts), which a service's parts must not take. */
const OWN_IDS: Readonly<Record<string, string>> = {
  "network": "the environment's network", "load-balancer": "the load balancer container", "load-balancer-image": "the load balancer image",
  "registry": "the registry container", "registry-image": "the registry image", "registry-data": "the registry volume",
  "routes": "the routes output", "variables": "the variables", "docker": "the provider",
};

/**
 * A service's parts are named `<service>-image`, `<service>-<replica>` and
 * `<service>-secret-rotation`: a service called `load-balancer` would take the
 * id of the load balancer's image. Found here with the field that made the id,
 * instead of as cdktf's bare "There is already a Construct".
 */
function checkConstructIds(c: Checker, context: PolicyContext): void {
  for (const service of context.catalog.services) {
    // The load balancer's and the registry's names are refused as network names already.
    if (service.name === LOAD_BALANCER_ALIAS || service.name === REGISTRY_ALIAS) continue;
    const id = [`${service.name}-image`, `${service.name}-secret-rotation`, `${service.name}-1`].find((i) => Object.hasOwn(OWN_IDS, i));
    c.expect(id === undefined, `${context.path}/${service.name}`, "name", service.name,
      `a name whose parts' construct ids are not the environment's own: ${id} is ${id === undefined ? "" : OWN_IDS[id]}`);
  }
}

/**
 * Every name on the environment's network answers for one thing only: a
 * service `web-1` next to a service `web` with a first replica (alias `web-1`)
 * would receive part of web's traffic, and a service `lb` would answer for the
 * load balancer. Aliases are network names too. Internal route domains become
 * aliases of the load balancer; Docker DNS has no wildcards, so a wildcard
 * domain resolves nowhere here (a warning).
 */
function checkNetworkNames(c: Checker, warnings: Checker, context: PolicyContext): void {
  const taken = new Map<string, string>([
    [LOAD_BALANCER_ALIAS, "the load balancer answers to it"],
    [REGISTRY_ALIAS, "the registry answers to it"],
  ]);
  for (const service of context.catalog.services) {
    const replicas = context.release.entryOf(service.name)?.replicas ?? service.replicas;
    // Counts the model rejects are reported there.
    const count = Number.isInteger(replicas) && replicas >= 1 && replicas <= 50 ? replicas : 0;
    for (let i = 1; i <= count; i++) taken.set(replicaHost(service.name, i), `replica ${i} of ${service.name} answers to it`);
  }
  for (const service of context.catalog.services) {
    const owner = taken.get(service.name);
    c.expect(owner === undefined, `${context.path}/${service.name}`, "name", service.name,
      `a name nothing else on the environment's network answers to: ${owner}`);
  }
  // A store answers to its name; the model rules keep it apart from service names and other stores'.
  const stores = new Set<string>();
  for (const store of context.catalog.stores) {
    if (stores.has(store.name)) continue;
    stores.add(store.name);
    const owner = taken.get(store.name);
    c.expect(owner === undefined, `${context.path}/${store.name}`, "name", store.name,
      `a name nothing else on the environment's network answers to: ${owner}`);
    taken.set(store.name, `the store ${store.name} answers to it`);
  }
  for (const service of context.catalog.services) {
    const path = `${context.path}/${service.name}`;
    service.aliases.forEach((alias, i) => {
      const owner = taken.get(alias);
      c.expect(owner === undefined, path, `aliases[${i}]`, alias, `a name nothing else on the environment's network answers to: ${owner}`);
    });
    service.ports.forEach((port, i) => port.route?.visibility === "internal" && port.route.domains.forEach((domain, j) =>
      warnings.expect(!domain.startsWith("*."), path, `ports[${i}].route.domains[${j}]`, domain,
        "a domain without a wildcard on Docker: Docker DNS cannot answer for every name under it, so it resolves nowhere here"),
    ));
  }
}
