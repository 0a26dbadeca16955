import { PRIVATE_SUFFIXES } from "../validation/private-names";
import { DNS_LABEL, DOMAIN_NAME, PORT } from "../validation/rules";
import { Report, shown } from "./report";
import { RouteSpec } from "./spec";

/**
 * Last labels of names that only exist inside a network (the private-name
 * rule's). Routing domains under them were the names services called each
 * other by, so they become internal routes; any other domain is a public site.
 */
export const INTERNAL_SUFFIXES: readonly string[] = PRIVATE_SUFFIXES;

const ENTRY = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)([:/].*)?$/;

/**
 * Reads `aliyun.routing.port_<port>: [http://]domain|prefix[:context_path];…`
 * into the route of that container port. Returns undefined when no entry
 * survives as a domain of this platform (every dropped entry is a finding).
 */
export function readRouting(
  port: number, value: string, line: number, key: string, service: string, report: Report,
): RouteSpec | undefined {
  const internal: string[] = [];
  const publicDomains: string[] = [];
  const allowed = "allowed: entries separated by ';', each [http://]domain or [http://]prefix, optionally followed by " +
    "a context path, e.g. app.local;app;http://www.example.com/shop";
  if (!PORT.test(port)) {
    report.problem(line, `container port ${port} in the label name; allowed: aliyun.routing.port_<1-65535>`, service, key);
    return undefined;
  }
  const entries = value.split(";").map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length === 0) report.problem(line, `no entry; ${allowed}`, service, key);
  for (const raw of entries) {
    const m = ENTRY.exec(raw);
    const entry = shown(key, raw);
    const scheme = m?.[1]?.toLowerCase();
    const host = m?.[2]?.toLowerCase();
    if (m === null || host === undefined || (scheme !== undefined && scheme !== "http" && scheme !== "https")) {
      report.problem(line, `entry ${entry}; ${allowed}`, service, key);
      continue;
    }
    if (m[3] !== undefined && m[3].length > 1) {
      report.finding("approximated", line, key, `context path of ${host} not kept: the route serves every path of the host ` +
        "(route by path in the application, or give the service a domain of its own)", service);
    }
    if (!host.includes(".")) {
      if (!DNS_LABEL.test(host)) report.problem(line, `entry ${entry}; a domain prefix is one DNS label; ${allowed}`, service, key);
      else report.finding("unmapped", line, key, `domain prefix ${host} not kept: it named the old cluster's test domain ` +
        `(${host}.<cluster>.<region>.alicontainer.com); give the route a domain of your own`, service);
      continue;
    }
    if (!DOMAIN_NAME.test(host)) {
      report.problem(line, `entry ${entry}; ${DOMAIN_NAME.allowed}`, service, key);
      continue;
    }
    if (scheme === "https") {
      report.finding("approximated", line, key, `https://${host} is routed as HTTP: terminate TLS in front of the load balancer`, service);
    }
    const target = INTERNAL_SUFFIXES.includes(host.split(".").pop()!) ? internal : publicDomains;
    if (!target.includes(host)) target.push(host);
  }
  if (internal.length > 0 && publicDomains.length > 0) {
    report.finding("unmapped", line, key, `public domains ${publicDomains.join(", ")} not routed: port ${port} keeps ` +
      "its internal names, and a port has one route; expose it publicly with a second port or by hand", service);
    return { visibility: "internal", domains: internal };
  }
  if (internal.length > 0) return { visibility: "internal", domains: internal };
  if (publicDomains.length > 0) return { visibility: "public", domains: publicDomains };
  return undefined;
}
