/**
 * Docker container name of a replica. The version is part of the name so a new
 * version's container can start (and turn healthy) before the old one stops.
 */
export function replicaContainerName(service: string, replica: number, version: string): string {
  const slug = version.startsWith("sha256:") ? version.slice(7, 19) : version.replace(/[^A-Za-z0-9_.-]/g, "-");
  return `${service}-${replica}_${slug}`;
}

/** Host name and network alias of a replica: stable across versions. */
export function replicaHost(service: string, replica: number): string {
  return `${service}-${replica}`;
}

/** Network aliases of the environment's own containers, which no service or replica may answer to. */
export const LOAD_BALANCER_ALIAS = "lb";
export const REGISTRY_ALIAS = "registry";

/** Names of what the environment `id` creates on its Docker host, besides replicas. */
export function environmentNames(id: string) {
  return {
    network: `${id}-net`,
    loadBalancer: `${id}-lb`,
    registry: `${id}-registry`,
    registryVolume: `${id}-registry-data`,
    /** The container of the store `name`. */
    store: (name: string) => `${id}-${name}`,
    /** The volume that keeps the store `name`'s data. */
    storeVolume: (name: string) => `${id}-${name}-data`,
  };
}
