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
