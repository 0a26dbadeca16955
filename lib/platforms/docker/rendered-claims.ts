import { Claim } from "../../environments/claims";
import { RenderedStack } from "../../validation/rendered-rules";
import { NAME_REMEDY, PORT_REMEDY } from "./docker-claims";

/** The named objects a Docker stack creates on its host, and what each is called in a claim (as the input's claims call it). */
const NAMED: readonly [type: string, resource: string][] = [
  ["docker_container", "Docker container name"],
  ["docker_network", "Docker network name"],
  ["docker_volume", "Docker volume name"],
];

/**
 * The claims a Docker stack's final configuration makes on its host, after
 * every Aspect and override: each container, network and volume whose name is
 * written out (a replica's name carries a generation Terraform computes, and
 * is its service's own), and each port a container publishes. The keys are
 * those of the input's claims (docker-claims.ts), so an Aspect that renames a
 * container or publishes another environment's port collides like the input would.
 */
export function renderedDockerClaims(stackPath: string, stack: RenderedStack | undefined, givenHost: string): Claim[] {
  if (stack === undefined) return [];
  const written = stack.provider?.docker?.[0]?.host;
  const on = `on Docker host ${literal(written) ?? givenHost}`;
  const claims: Claim[] = [];
  for (const [type, resource] of NAMED) {
    for (const [id, config] of Object.entries(stack.resource?.[type] ?? {})) {
      const path = pathOf(stackPath, config);
      const name = literal(config.name);
      if (name !== undefined) claims.push({ resource, key: `"${name}" ${on}`, owner: stackPath, path, field: `${type}.${id}.name`, value: name, remedy: NAME_REMEDY });
      if (type !== "docker_container") continue;
      const ports = Array.isArray(config.ports) ? config.ports : config.ports ? [config.ports] : [];
      ports.forEach((port: { external?: unknown; ip?: unknown } | null, i) => {
        const external = typeof port?.external === "number" ? port.external : Number(literal(port?.external) ?? NaN);
        if (!Number.isInteger(external)) return;
        claims.push({ resource: "published port", key: `port ${external} ${on}`, owner: stackPath, path,
          field: `${type}.${id}.ports[${i}].external`, value: `${literal(port?.ip) ?? "0.0.0.0"}:${external}`, remedy: PORT_REMEDY });
      });
    }
  }
  return claims;
}

function pathOf(stackPath: string, config: Readonly<Record<string, unknown>>): string {
  const meta = (config["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof meta === "string" ? meta : stackPath;
}

/** A string Terraform takes as it is: no live template sequence in it. */
function literal(value: unknown): string | undefined {
  return typeof value === "string" && !/(^|[^$])\$\{|(^|[^%])%\{/.test(value) ? value : undefined;
}
