import { ResourceChange, StackChanges } from "./changes";
import { DOCKER_PLATFORM_ROLES, SERVICE_LABEL, VERSION_LABEL, labelOf } from "./resource-roles";
import { Value, describe, isRecord, numberOf, valueAt } from "./values";

/** One side of a change: the configuration before or after it. */
export type Side = "before" | "after";


/** One service's workload on one side of a stack. */
export interface Workload {
  /** Service name. */
  readonly service: string;
  /** What runs it: an SAE application, or Docker replica containers. */
  readonly kind: "application" | "containers";
  /** The resources that run it. */
  readonly resources: readonly ResourceChange[];
  /** Image repository without tag or digest (`registry/namespace/name`), when known. */
  readonly repository?: string;
  /** Image version(s) it runs, comma-separated when replicas differ. */
  readonly version?: string;
  /** Number of instances. */
  readonly replicas?: number;
}

/**
 * The services of one side of a stack and what runs them. Services are SAE
 * applications (by their `service` tag, else their name) and Docker containers
 * labelled with a service; platform parts (the Docker load balancer and
 * registry) are not services. Images no labelled container uses stand for a
 * service of their own, named after the repository's last segment.
 */
export function workloadsOf(stack: StackChanges, side: Side): Map<string, Workload> {
  const recorded = stack.checked?.[side]?.services;
  // Without a record, what the Docker platform labels its own containers with (load balancer, registry) is no service.
  const isService = (name: string) => (recorded ? recorded.includes(name) : !Object.hasOwn(DOCKER_PLATFORM_ROLES, name));
  const workloads = new Map<string, Workload>();
  const images = imagesOf(stack.resources, side);
  const usedImages = new Set<string>();

  for (const r of stack.resources) {
    const values = r[side];
    if (values === undefined) continue;
    if (r.type === "alicloud_sae_application") {
      const image = valueAt(values, ["image_url"]);
      const parsed = typeof image === "string" ? parseImage(image) : undefined;
      const service = saeService(values);
      workloads.set(service, {
        service, kind: "application", resources: [r], repository: parsed?.repository, version: parsed?.version,
        replicas: numberOf(valueAt(values, ["replicas"])),
      });
    } else if (r.type === "docker_container") {
      const reference = images.usedBy(valueAt(values, ["image"]));
      if (reference) usedImages.add(reference);
      const service = labelOf(values, SERVICE_LABEL);
      if (!service || !isService(service)) continue;
      const version = labelOf(values, VERSION_LABEL);
      const image = reference ? images.names.get(reference) : undefined;
      const previous = workloads.get(service);
      const versions = new Set([...(previous?.version?.split(", ") ?? []), ...(version ? [version] : [])]);
      workloads.set(service, {
        service, kind: "containers", resources: [...(previous?.resources ?? []), r],
        repository: previous?.repository ?? (image ? parseImage(image).repository : undefined),
        version: versions.size > 0 ? [...versions].sort().join(", ") : undefined,
        replicas: (previous?.replicas ?? 0) + 1,
      });
    }
  }
  for (const [address, name] of images.names) {
    if (usedImages.has(address)) continue;
    const image = parseImage(name);
    const service = image.repository.split("/").pop()!;
    if (!workloads.has(service)) workloads.set(service, { service, kind: "containers", resources: [], ...image });
  }
  return workloads;
}

/** The service an SAE application runs: its `service` tag when the platform sets one, else its name. */
export function saeService(values: Value): string {
  const tags = valueAt(values, ["tags"]);
  const tagged = isRecord(tags) ? tags[SERVICE_LABEL] ?? tags.service : undefined;
  const name = valueAt(values, ["app_name"]);
  return typeof tagged === "string" ? tagged : describe(name);
}

/**
 * The service of the SAE application an `app_id` names: a reference
 * (`${alicloud_sae_application.app-web.id}`) when configurations are
 * compared, the application's ID in a plan. Undefined for an application the
 * stack does not hold.
 */
export function applicationService(stack: StackChanges, appId: Value | undefined): string | undefined {
  if (typeof appId !== "string") return undefined;
  for (const r of stack.resources) {
    const values = r.after ?? r.before;
    if (r.type !== "alicloud_sae_application" || values === undefined) continue;
    if (appId === `\${${r.address}.id}` || [r.before, r.after].some((side) => valueAt(side, ["id"]) === appId)) return saeService(values);
  }
  return undefined;
}

/** `registry.example.com:5000/shop/web:1.4.0` → repository `registry.example.com:5000/shop/web`, version `1.4.0`. */
export function parseImage(reference: string): { repository: string; version: string } {
  const at = reference.indexOf("@");
  if (at >= 0) return { repository: reference.slice(0, at), version: reference.slice(at + 1) };
  const colon = reference.lastIndexOf(":");
  // A colon before the last slash is a registry port, not a tag.
  return colon > reference.lastIndexOf("/")
    ? { repository: reference.slice(0, colon), version: reference.slice(colon + 1) }
    : { repository: reference, version: "latest" };
}

/** The `docker_image` resources of one side: names by address, and which one a container's `image` points at. */
function imagesOf(resources: readonly ResourceChange[], side: Side) {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const r of resources) {
    if (r.type !== "docker_image") continue;
    const name = valueAt(r[side], ["name"]);
    const id = valueAt(r[side], ["image_id"]);
    if (typeof name === "string") names.set(r.address, name);
    if (typeof id === "string") ids.set(id, r.address);
  }
  /** A configuration references the image (`${docker_image.web-image.image_id}`); a plan holds its ID. */
  const usedBy = (image: Value | undefined): string | undefined => {
    if (typeof image !== "string") return undefined;
    const reference = /^\$\{(docker_image\.[A-Za-z0-9_-]+)\.(image_id|name|repo_digest)\}$/.exec(image);
    return reference ? reference[1] : ids.get(image);
  };
  return { names, usedBy };
}
