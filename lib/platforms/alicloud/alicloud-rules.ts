import { PolicyContext } from "../../policies/policy";
import { Duration } from "../../model/duration";
import { Service } from "../../model/service";
import { Checker } from "../../validation/checker";
import { DNS_LABEL, IMAGE_REPOSITORY, LABEL_KEY, matching } from "../../validation/rules";
import { reportableLiteral } from "../../validation/secret-patterns";
import { Violation } from "../../validation/violation";
import { ResolvedAlicloud } from "./alicloud-defaults";
import { checkConstructIds } from "./construct-ids";
import { checkInfrastructure } from "./infrastructure-rules";
import { describeSaeSpecs, isSaeSpec } from "./instance-specs";
import { discoveryName, libraryTags } from "./names";
import { alicloudOperationsRules } from "./operations-rules";
import { alicloudStoreRules } from "./store-rules";

/** The pairs SAE runs, as every report of another pair says them: spelled out once, not per service. */
const SAE_PAIRS = describeSaeSpecs();

/** SAE application names (CreateApplication API: AppName). */
const APP_NAME = matching(/^[A-Za-z]([A-Za-z0-9-]{0,34}[A-Za-z0-9])?$/,
  "an SAE application name: at most 36 letters, digits or '-', starting with a letter and not ending with '-'");

/** Names of SAE discovery records: Kubernetes service names. */
const DISCOVERY_NAME = matching(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  "a name whose SAE discovery record <name>-<region>-<namespace> fits a 63-character DNS label");

/** ACR EE image paths: one namespace and one repository. */
const REGISTRY_PATH = matching(/^[a-z0-9][a-z0-9_-]{1,29}\/[a-z0-9][a-z0-9._-]{1,63}$/,
  "an ACR path <namespace>/<repository>: a namespace of 2-30 and a repository of 2-64 lowercase characters");

/** SLS logstore names. */
const LOGSTORE = matching(/^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/,
  "an SLS logstore name: 3-63 lowercase letters, digits, '_' or '-', starting and ending with a letter or digit");

/** What the Alibaba Cloud platform needs beyond the model rules. */
export function alicloudRules(context: PolicyContext, config: ResolvedAlicloud): Violation[] {
  const c = new Checker("alicloud");
  checkInfrastructure(c, context, config);
  const stores = new Map<string, { owner: string; retention?: Duration }>();
  for (const service of context.catalog.services) {
    const path = `${context.path}/${service.name}`;
    checkNames(c, path, service, config);
    const { cpu, memory } = service.resources;
    // Amounts the model rejects (not whole, not positive) are reported once, by the model.
    if ([cpu.toMillicores(), memory.toMebibytes()].every((n) => Number.isInteger(n) && n > 0)) {
      c.expect(isSaeSpec(service.resources), path, "resources", `${cpu}/${memory}`,
        `a CPU/memory pair SAE runs: ${SAE_PAIRS}`);
    }
    if (IMAGE_REPOSITORY.test(service.image.repository)) {
      c.check(path, "image", service.image.repository, REGISTRY_PATH);
    }
    checkRoutes(c, path, service, context);
    checkLogs(c, path, service, stores);
    checkLabels(c, path, service);
    service.dependsOn.forEach((dep, i) =>
      c.expect(dep.ports.length > 0, path, `dependsOn[${i}]`, dep.name,
        "a service with at least one port: SAE service discovery publishes a service's ports"),
    );
  }
  checkAliasListeners(c, context);
  checkConstructIds(c, context, config);
  return [...c.violations, ...alicloudOperationsRules(context, config), ...alicloudStoreRules(context, config)];
}

/**
 * An alias resolves to its service's own intranet load balancer, which
 * forwards every port of the service on the same number, next to the
 * service's internal routes without domains: no two may use one listener port.
 */
function checkAliasListeners(c: Checker, context: PolicyContext): void {
  for (const service of context.catalog.services) {
    if (service.aliases.length === 0) continue;
    const path = `${context.path}/${service.name}`;
    c.expect(service.ports.length > 0, path, "aliases", service.aliases,
      "no aliases on a service without ports: an alias reaches the service's ports through its intranet load balancer");
    const routes = service.ports.flatMap((port, i) => {
      const route = port.route;
      return route?.visibility === "internal" && route.domains.length === 0 ? [{ i, listener: route.listenerPort, target: port.port }] : [];
    });
    service.ports.forEach((port, i) => {
      const other = routes.find((r) => r.listener === port.port && r.target !== port.port);
      c.expect(other === undefined, path, `ports[${i}].port`, port.port,
        `a port number none of the service's internal routes listens on: the service has aliases, so its intranet ` +
        `load balancer forwards port ${port.port} on the same number, and ports[${other?.i}]'s route listens there`);
    });
  }
}

function checkNames(c: Checker, path: string, service: Service, config: ResolvedAlicloud): void {
  // A name the model already rejects is reported once, by the model.
  if (!DNS_LABEL.test(service.name) || !c.check(path, "name", service.name, APP_NAME)) return;
  if (service.ports.length > 0) {
    c.expect(DISCOVERY_NAME.test(discoveryName(service.name, config.region, config.saeNamespace)), path, "name",
      service.name, DISCOVERY_NAME.allowed);
  }
}

function checkRoutes(c: Checker, path: string, service: Service, context: PolicyContext): void {
  service.ports.forEach((port, i) => {
    const route = port.route;
    if (!route) return;
    c.expect(route.visibility === "internal" || context.settings.allowInternet, path, `ports[${i}].route`,
      route.visibility, `an internal route: stage "${context.settings.name}" does not allow internet exposure`);
    c.expect(route.domains.length === 0 || port.protocol === "http", path, `ports[${i}].protocol`, port.protocol,
      "http: a route with domains is an HTTP host rule on the load balancer (SAE ingress)");
  });
}

function checkLogs(
  c: Checker, path: string, service: Service,
  stores: Map<string, { owner: string; retention?: Duration }>,
): void {
  const store = service.logs;
  if (DNS_LABEL.test(store.name) && !LOGSTORE.test(store.name)) {
    const short = store.name.length < 3;
    c.expect(false, path, "logs.name", store.name, `${LOGSTORE.allowed}${short ? `: a log store is named after its service ` +
      `unless named, and "${store.name}" is too short for SLS; name it, e.g. logs: LogStore.stdout("${store.name}-logs")` : ""}`);
  }
  // Out-of-range retentions are the model's to report, the stage's minimum is the log-retention policy's.
  const other = stores.get(store.name);
  if (other) {
    c.expect(other.retention?.toMillis() === store.retention?.toMillis(), path, "logs.retention", store.retention,
      `the retention of ${other.owner}, which writes to the same log store "${store.name}"`);
  } else {
    stores.set(store.name, { owner: service.name, retention: store.retention });
  }
}

/** Words Alibaba Cloud reserves in tag keys and values (TagResources API). */
const RESERVED_TAG_TEXT = /^(aliyun|acs:)|https?:\/\//i;

/** A service's labels become tags of its SAE application, next to the library's own. */
function checkLabels(c: Checker, path: string, service: Service): void {
  const ownKeys = Object.keys(libraryTags("", "", service.name));
  for (const [key, value] of Object.entries(service.labels)) {
    // Keys the model rejects are reported once, by the model.
    if (!LABEL_KEY.test(key)) continue;
    c.expect(!ownKeys.includes(key), path, `labels.${key}`, key,
      `a key other than the tags the library sets on SAE applications (${ownKeys.join(", ")})`);
    c.expect(!RESERVED_TAG_TEXT.test(key), path, `labels.${key}`, key,
      "an Alibaba Cloud tag key: not starting with aliyun or acs:, without http:// or https://");
    const plain = !RESERVED_TAG_TEXT.test(value);
    c.expect(plain, path, `labels.${key}`, plain ? value : reportableLiteral(key, value),
      "an Alibaba Cloud tag value: not starting with aliyun or acs:, without http:// or https://");
  }
}
