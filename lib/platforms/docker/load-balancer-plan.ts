import { Service } from "../../model/service";

/**
 * A pool of replica addresses behind one routed port.
 * @internal
 */
export interface Upstream {
  /** nginx upstream name, unique in the configuration. */
  readonly name: string;
  /** `host:port` of every replica. */
  readonly servers: readonly string[];
  /** Failed attempts before a replica is skipped (from the service's probe). */
  readonly maxFails: number;
  /** Seconds a failing replica is skipped (from the service's probe period). */
  readonly failTimeoutSeconds: number;
}

/**
 * One routed port as the load balancer sees it.
 * @internal
 */
export interface VirtualHost {
  /** Service the route belongs to. */
  readonly service: string;
  /** Host names it answers; empty means every host (the listener's default). */
  readonly domains: readonly string[];
  /** Where requests go. */
  readonly upstream: Upstream;
}

/**
 * Everything one listener port serves.
 * @internal
 */
export interface Listener {
  /** Port the load balancer listens on. */
  readonly port: number;
  /** Routes on this port, in catalog order. */
  readonly hosts: readonly VirtualHost[];
}

/**
 * A service with the number of replicas it runs in the environment.
 * @internal
 */
export interface ServiceReplicas {
  readonly service: Service;
  readonly replicas: number;
}

/**
 * How the load balancer addresses replica `replica` (1-based) of `service` on `port`.
 * @internal
 */
export type ReplicaAddress = (service: string, replica: number, port: number) => string;

/**
 * Groups every route of `services` by listener port, with an upstream per routed port.
 * @internal
 */
export function planListeners(services: readonly ServiceReplicas[], address: ReplicaAddress): Listener[] {
  const listeners = new Map<number, VirtualHost[]>();
  for (const { service, replicas } of services) {
    for (const port of service.routedPorts) {
      const timing = service.probe?.timing;
      const upstream: Upstream = {
        name: `${service.name}_${port.port}`.replace(/-/g, "_"),
        servers: Array.from({ length: replicas }, (_, i) => address(service.name, i + 1, port.port)),
        maxFails: timing?.failureThreshold ?? 3,
        failTimeoutSeconds: Math.ceil(timing?.period.toSeconds() ?? 10),
      };
      const hosts = listeners.get(port.route!.listenerPort) ?? [];
      hosts.push({ service: service.name, domains: port.route!.domains, upstream });
      listeners.set(port.route!.listenerPort, hosts);
    }
  }
  return [...listeners.entries()].sort(([a], [b]) => a - b).map(([port, hosts]) => ({ port, hosts }));
}

/** Every internal route domain Docker DNS can answer (no wildcards), once each. */
export function internalDomains(services: readonly Service[]): string[] {
  const domains = services.flatMap((s) => s.routedPorts.filter((p) => p.route!.visibility === "internal"))
    .flatMap((p) => p.route!.domains);
  return [...new Set(domains.filter((d) => !d.startsWith("*.")))];
}
