import { ResourceChange, StackChanges } from "./changes";
import { SERVICE_LABEL, VERSION_LABEL, labelOf } from "./resource-roles";
import { Value, isRecord, valueAt } from "./values";

/** The version of one service in one environment, before and after. */
export interface VersionMove {
  /** Version before the change; undefined when the service was not there. */
  readonly before?: string;
  /** Version after the change; undefined when the service is gone. */
  readonly after?: string;
}

/** One row of the promotion table: a service and its version in each environment. */
export interface PromotionRow {
  /** Service name. */
  readonly service: string;
  /** Version move per environment (stack) name; environments without the service are absent. */
  readonly environments: Readonly<Record<string, VersionMove>>;
}

/**
 * Which version of each service runs where, before and after. Versions come
 * from, in order: the Docker platform's container labels (service and
 * version), `alicloud_sae_application.image_url`, and `docker_image` names
 * (`<registry>/<repo>:<version>`, service = last path segment of the repo) for
 * images no labelled container accounts for.
 */
export function promotionTable(stacks: readonly StackChanges[]): PromotionRow[] {
  const byService = new Map<string, Record<string, VersionMove>>();
  for (const stack of stacks) {
    const before = versionsOf(stack.resources, "before");
    const after = versionsOf(stack.resources, "after");
    for (const service of new Set([...before.keys(), ...after.keys()])) {
      const row = byService.get(service) ?? {};
      row[stack.stack] = { before: before.get(service), after: after.get(service) };
      byService.set(service, row);
    }
  }
  return [...byService.keys()].sort().map((service) => ({ service, environments: byService.get(service)! }));
}

/** Service → version on one side of one stack. */
export function versionsOf(resources: readonly ResourceChange[], side: "before" | "after"): Map<string, string> {
  const found = new Map<string, Set<string>>();
  const add = (service: string, version: string) => found.set(service, (found.get(service) ?? new Set()).add(version));
  const labelled = new Set<string>();

  for (const r of resources) {
    const values = r[side];
    if (values === undefined) continue;
    if (r.type === "docker_container") {
      const service = labelOf(values, SERVICE_LABEL);
      const version = labelOf(values, VERSION_LABEL);
      if (service && version) {
        add(service, version);
        labelled.add(version);
      }
    } else if (r.type === "alicloud_sae_application") {
      const image = valueAt(values, ["image_url"]);
      if (typeof image === "string") add(saeService(values, image), parseImage(image).version);
    }
  }
  for (const r of resources) {
    const name = r.type === "docker_image" ? valueAt(r[side], ["name"]) : undefined;
    if (typeof name !== "string" || labelled.has(name)) continue;
    const image = parseImage(name);
    if (!found.has(image.service)) add(image.service, image.version);
  }
  return new Map([...found].map(([service, versions]) => [service, [...versions].sort().join(", ")]));
}

/** `registry.example.com:5000/shop/web:1.4.0` → service `web`, version `1.4.0`; digests kept whole. */
export function parseImage(reference: string): {
  /** The last path segment of the repository. */
  service: string;
  /** The tag or digest. */
  version: string;
} {
  const at = reference.indexOf("@");
  const [repository, version] = at >= 0
    ? [reference.slice(0, at), reference.slice(at + 1)]
    : splitTag(reference);
  const segments = repository.split("/");
  return { service: segments[segments.length - 1], version };
}

function splitTag(reference: string): [string, string] {
  const colon = reference.lastIndexOf(":");
  // A colon before the last slash is a registry port, not a tag.
  return colon > reference.lastIndexOf("/") ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, "latest"];
}

/** An SAE application's service: its service tag when the platform sets one, else the image repository's name. */
function saeService(values: Value, image: string): string {
  const tags = valueAt(values, ["tags"]);
  const tagged = isRecord(tags) ? tags[SERVICE_LABEL] ?? tags.service : undefined;
  return typeof tagged === "string" ? tagged : parseImage(image).service;
}
