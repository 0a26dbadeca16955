import { RenderedAttribute, RenderedConfiguration, RenderedEnv, RenderedStore, RenderedWorkload } from "../../policies/rendered";
import { RenderedStack } from "../../validation/rendered-rules";

type Resource = Readonly<Record<string, unknown>>;

/** A reference to an image resource of the stack, as a container's `image` is written. */
const IMAGE_REFERENCE = /^\$\{docker_image\.([^.}]+)\.(?:image_id|name|id)\}$/;

/**
 * What the policies judge in a Docker environment's final configuration: per
 * service its replica containers (`<service>-<n>`: how many, their images,
 * healthchecks and environment), per store the addresses its container
 * publishes ports on — whoever wrote them, the library, an Aspect or an
 * override. Each attribute is reported at its resource's construct path.
 */
export function readDockerConfiguration(
  stackPath: string, stack: RenderedStack, services: readonly string[], stores: readonly string[],
): RenderedConfiguration {
  const containers = Object.entries(stack.resource?.docker_container ?? {}).map(([id, container]) => {
    const meta = (container["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    const path = typeof meta === "string" ? meta : `${stackPath}/${id}`;
    const constructId = path.startsWith(`${stackPath}/`) ? path.slice(stackPath.length + 1) : id;
    const attribute = (name: string, value: unknown = (container as Resource)[name]): RenderedAttribute =>
      ({ path, field: `docker_container.${id}.${name}`, value });
    return { id, constructId, container: container, attribute };
  });

  const workloads = services.map((service): RenderedWorkload => {
    const replicas = containers.filter((c) => new RegExp(`^${escapeRegExp(service)}-\\d+$`).test(c.constructId));
    // `count` multiplies a container (0 removes it); one Terraform cannot count ahead is no instance the check can see.
    const instances = replicas.reduce((n, c) => n + (c.container.count === undefined ? 1 : countOf(c.container.count)), 0);
    return {
      service,
      instances: { path: `${stackPath}/${service}`, field: `docker_container.${service}-<n> (replica containers)`, value: instances },
      // Replicas share their image resource: each reference is judged once.
      images: [...new Map(replicas.map((c) => imageOf(c.attribute("image"), stack, stackPath)).map((i) => [i.field, i])).values()],
      probes: replicas.map((c) => {
        const healthcheck = firstOf(c.container.healthcheck) as { test?: unknown } | undefined;
        const test = Array.isArray(healthcheck?.test) ? healthcheck.test : [];
        const off = test[0] === "NONE";
        return { ...c.attribute(off ? "healthcheck.test" : "healthcheck", off ? test : healthcheck), present: healthcheck !== undefined && !off };
      }),
      env: replicas.flatMap((c) => dockerEnv(c.attribute("env"), stack)),
    };
  });

  const published: RenderedStore[] = stores.map((store) => ({
    store,
    access: containers.filter((c) => c.constructId === `store-${store}`).flatMap((c) => {
      const ports = Array.isArray(c.container.ports) ? (c.container.ports as Resource[]) : c.container.ports ? [c.container.ports as Resource] : [];
      // Docker publishes a port on every address of the host unless told one.
      return ports.map((p, i) => c.attribute(`ports[${i}].ip`, p?.ip ?? "0.0.0.0"));
    }),
  }));
  return { workloads, logStores: [], stores: published };
}

/** The reference a container runs: its image resource's name, or the text written in its place. */
function imageOf(image: RenderedAttribute, stack: RenderedStack, stackPath: string): RenderedAttribute {
  const m = typeof image.value === "string" ? IMAGE_REFERENCE.exec(image.value) : null;
  const resource = m ? stack.resource?.docker_image?.[m[1]] : undefined;
  if (!m || resource === undefined) return image;
  const meta = (resource["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return { path: typeof meta === "string" ? meta : `${stackPath}/${m[1]}`, field: `docker_image.${m[1]}.name`, value: resource.name };
}

/** A container's `env` as written: `NAME=value` entries, each value read as what it is. */
function dockerEnv(env: RenderedAttribute, stack: RenderedStack): RenderedEnv[] {
  if (!Array.isArray(env.value)) return [];
  return env.value.flatMap((entry: unknown, i): RenderedEnv[] => {
    if (typeof entry !== "string" || !entry.includes("=")) return [];
    const name = entry.slice(0, entry.indexOf("="));
    const value = entry.slice(entry.indexOf("=") + 1);
    const variable = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(value)?.[1];
    const live = /(^|[^$])\$\{/.test(value);
    return [{ ...env, field: `${env.field}[${i}]`, value, name,
      source: variable !== undefined ? { kind: "variable", variable, sensitive: stack.variable?.[variable]?.sensitive === true }
        : live ? { kind: "expression" } : { kind: "literal", text: value } }];
  });
}

function countOf(count: unknown): number {
  return typeof count === "number" ? count : typeof count === "string" && /^\d+$/.test(count) ? Number(count) : NaN;
}

/** A block as written: an object, or (in JSON written by hand) a list of one. */
function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
