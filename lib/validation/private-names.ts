/**
 * Names a team may give privately: service aliases, internal route domains,
 * compose links and network aliases — every name an environment answers for
 * itself, through PrivateZone zones bound to its VPC or Docker network aliases.
 * A private name must never cover a name the platform resolves itself, or the
 * environment's image pulls, state, logs and signed cloud requests would be
 * answered by an application. One rule, documented in docs/policies.md:
 *
 * - allowed: a single label (`mysql`), a name under `.local`, `.internal` or
 *   another top-level label only networks use (`orders.local`,
 *   `*.shop.internal`), or a name under a private domain the
 *   environment declares (`privateDomains: ["corp.example"]`);
 * - never: Alibaba Cloud's service domains (`aliyuncs.com`, `aliyun.com`,
 *   `alibabacloud.com`, `aliyun-inc.com`), an endpoint the environment is given
 *   (registry, state, Tablestore), a name under one, or a name above one
 *   (whose zone would hold it) — wildcards included.
 */

import { ServiceCatalog } from "../model/catalog";
import { Checker } from "./checker";
import { DOMAIN_NAME, HOST_NAME } from "./rules";
import { Violation } from "./violation";

/** Alibaba Cloud's service domains: every endpoint of its products lies under one of them. */
export const CLOUD_SERVICE_DOMAINS: readonly string[] = ["aliyuncs.com", "aliyun.com", "alibabacloud.com", "aliyun-inc.com"];

/**
 * Top-level labels that only exist inside a network: RFC 6762's `.local`,
 * ICANN's `.internal`, and the ones networks have long used that the root zone
 * never delegated. Names under them are always private.
 */
export const PRIVATE_SUFFIXES: readonly string[] = ["local", "internal", "intranet", "lan", "localdomain"];

/** A name the platform resolves itself, and what it is, for the message. */
export interface ReservedName {
  /** The host name, e.g. `shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com`. */
  readonly name: string;
  /** What it is, e.g. "the registry endpoint (registry.endpoint)". */
  readonly what: string;
}

/** What decides whether a name may be private in one environment. */
export interface PrivateNameRule {
  /** Private domains the environment declares (`privateDomains`). */
  readonly declared: readonly string[];
  /** The environment's own endpoints, besides the cloud's service domains. */
  readonly endpoints: readonly ReservedName[];
}

/** The cloud's service domains as reserved names. */
const CLOUD_RESERVED: readonly ReservedName[] = CLOUD_SERVICE_DOMAINS.map((name) => ({ name, what: "an Alibaba Cloud service domain" }));

/** The rule in one sentence, for every message that refuses a name. */
export function privateNameAllowed(rule: PrivateNameRule): string {
  const declared = rule.declared.length === 0 ? "none declared" : rule.declared.join(", ");
  return `a private name: a single label (mysql), a name under .${PRIVATE_SUFFIXES.join(", .")} (orders.local), or a name under a ` +
    `private domain the environment declares in privateDomains (${declared}); never one of Alibaba Cloud's service domains ` +
    `(${CLOUD_SERVICE_DOMAINS.join(", ")}) or the environment's endpoints, nor a name under or above one, wildcards included`;
}

/** The host of an address that may carry a scheme, a port or a path (`https://x.y:443/p` is `x.y`). */
export function hostOf(address: string): string {
  return address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^@/]*@/, "").split(/[/:]/)[0].toLowerCase().replace(/\.$/, "");
}

/**
 * Why `name` (a host name, possibly `*.` and a domain) cannot be private under
 * `rule`, or undefined when it can.
 */
export function privateNameProblem(name: string, rule: PrivateNameRule): string | undefined {
  const wildcard = name.startsWith("*.");
  const base = (wildcard ? name.slice(2) : name).toLowerCase().replace(/\.$/, "");
  const reserved = reservedConflict(base, rule.endpoints);
  if (reserved !== undefined) return reserved;
  if (!base.includes(".") && !wildcard) return undefined;
  if (PRIVATE_SUFFIXES.some((suffix) => base === suffix || base.endsWith(`.${suffix}`))) return undefined;
  if (rule.declared.some((domain) => base === domain || base.endsWith(`.${domain}`))) return undefined;
  return wildcard && !base.includes(".")
    ? `*.${base} covers a whole top-level domain`
    : `${name} is neither a single label nor under .local, .internal or a declared private domain`;
}

/**
 * Why `name` may never be private, in any environment (it covers one of the
 * cloud's service domains or one of `endpoints`), or undefined.
 */
export function reservedNameProblem(name: string, endpoints: readonly ReservedName[] = []): string | undefined {
  return reservedConflict((name.startsWith("*.") ? name.slice(2) : name).toLowerCase().replace(/\.$/, ""), endpoints);
}

/** Why the private domain `domain` cannot be declared, or undefined. */
export function declaredDomainProblem(domain: string, endpoints: readonly ReservedName[]): string | undefined {
  const base = domain.toLowerCase();
  if (!base.includes(".")) return `${domain} is a whole top-level domain: declare a domain of your own, such as corp.example`;
  return reservedConflict(base, endpoints);
}

/** Whether `base` equals, lies under or lies above a reserved name, said for the message. */
function reservedConflict(base: string, endpoints: readonly ReservedName[]): string | undefined {
  for (const reserved of [...CLOUD_RESERVED, ...endpoints]) {
    const r = reserved.name.toLowerCase();
    if (r.length === 0) continue;
    if (base === r) return `${base} is ${reserved.what}, which the platform resolves itself`;
    if (base.endsWith(`.${r}`)) return `${base} lies under ${r}, ${reserved.what}, which the platform resolves itself`;
    if (r.endsWith(`.${base}`)) return `${base} lies above ${r}, ${reserved.what}: a zone for it would hold ${r}`;
  }
  return undefined;
}

/**
 * Checks every private name of the catalog — aliases and internal route
 * domains — and the declared private domains against `rule`. Names of the
 * wrong form are the model rules' to report, once.
 */
export function validatePrivateNames(stackPath: string, catalog: ServiceCatalog, rule: PrivateNameRule): Violation[] {
  const c = new Checker("model");
  const allowed = privateNameAllowed(rule);
  rule.declared.forEach((domain, i) => {
    if (!c.expect(typeof domain === "string" && !domain.startsWith("*.") && DOMAIN_NAME.test(domain), stackPath, `privateDomains[${i}]`,
      domain, "a lowercase domain name without a wildcard, such as corp.example")) return;
    const problem = declaredDomainProblem(domain, rule.endpoints);
    c.expect(problem === undefined, stackPath, `privateDomains[${i}]`, domain,
      `a domain of your own that covers no name the platform resolves itself: ${problem}`);
  });
  const check = (path: string, field: string, name: string) => {
    const problem = privateNameProblem(name, rule);
    c.expect(problem === undefined, path, field, name, `${allowed}: ${problem}`);
  };
  for (const service of catalog.services) {
    const path = `${stackPath}/${service.name}`;
    service.aliases.forEach((alias, i) => HOST_NAME.test(alias) && check(path, `aliases[${i}]`, alias));
    service.ports.forEach((port, i) => {
      if (port.route?.visibility !== "internal") return;
      port.route.domains.forEach((domain, j) => DOMAIN_NAME.test(domain) && check(path, `ports[${i}].route.domains[${j}]`, domain));
    });
  }
  return c.violations;
}

/** A rendered resource: its attributes as written. */
type Rendered = Record<string, unknown>;

/**
 * Checks the names an environment answers for in its final configuration:
 * every PrivateZone zone and record, and every Docker network alias and
 * `/etc/hosts` entry. (A zone that answers every name below it, without
 * recursion, hides only private names: the zone's own name is one.)
 */
export function validateRenderedPrivateNames(
  path: string, resources: Readonly<Record<string, Readonly<Record<string, Rendered>>>> | undefined, rule: PrivateNameRule,
): Violation[] {
  const c = new Checker("rendered");
  const allowed = privateNameAllowed(rule);
  const check = (field: string, name: unknown) => {
    if (typeof name !== "string") return;
    const problem = privateNameProblem(name, rule);
    c.expect(problem === undefined, path, field, name, `${allowed}: ${problem}`);
  };
  const zones = new Map<string, string>();
  for (const [id, zone] of Object.entries(resources?.alicloud_pvtz_zone ?? {})) {
    const name = zone.zone_name ?? zone.name;
    check(`alicloud_pvtz_zone.${id}.zone_name`, name);
    if (typeof name === "string") zones.set(`\${alicloud_pvtz_zone.${id}.id}`, name);
  }
  for (const [id, record] of Object.entries(resources?.alicloud_pvtz_zone_record ?? {})) {
    const zone = typeof record.zone_id === "string" ? zones.get(record.zone_id) : undefined;
    const rr = record.rr ?? record.resource_record;
    if (zone === undefined || typeof rr !== "string") continue;
    check(`alicloud_pvtz_zone_record.${id}.rr`, rr === "@" ? zone : `${rr}.${zone}`);
  }
  for (const [id, container] of Object.entries(resources?.docker_container ?? {})) {
    listOf(container.networks_advanced).forEach((network, i) =>
      (Array.isArray(network.aliases) ? network.aliases as unknown[] : []).forEach((alias, j) => check(`docker_container.${id}.networks_advanced[${i}].aliases[${j}]`, alias)));
    listOf(container.host).forEach((entry, i) => check(`docker_container.${id}.host[${i}].host`, entry.host));
  }
  return c.violations;
}

/** A rendered list of blocks, read defensively: anything else reads as empty. */
function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object") : [];
}
