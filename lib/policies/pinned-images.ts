import { Policy } from "./policy";
import { Checker } from "../validation/checker";
import { IMAGE_VERSION } from "../validation/rules";

/** Pre-release or variant suffix parts that name a moving target rather than a build. */
const FLOATING_SUFFIXES = new Set(["latest", "stable", "main", "master", "nightly", "edge", "snapshot"]);

/**
 * Whether `version` pins one image: a `sha256:` digest, or a full
 * MAJOR.MINOR.PATCH version, optionally `v`-prefixed and with a `-suffix` of
 * dot- or dash-separated letters and digits (`1.4.2`, `v1.4.2`, `1.4.2-rc.1`,
 * `1.4.2-alpine`), none of whose parts is a floating word (latest, stable,
 * main, master, nightly, edge, snapshot). Everything else (`latest`, `stable`,
 * `1`, `1.2`, a branch name) can point at a different image tomorrow.
 */
export function isPinnedVersion(version: string): boolean {
  if (/^sha256:[a-f0-9]{64}$/.test(version)) return true;
  const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*))?$/.exec(version);
  if (!m) return false;
  return (m[4] ?? "").split(/[.-]/).every((part) => !FLOATING_SUFFIXES.has(part.toLowerCase()));
}

/**
 * The version part of an image reference as written (`registry/shop/web:1.4.2`, `shop/web@sha256:…`):
 * the digest, the tag, or undefined for a reference without either (which Docker takes as `latest`).
 */
export function versionOfReference(reference: string): string | undefined {
  const at = reference.lastIndexOf("@");
  if (at >= 0) return reference.slice(at + 1);
  const colon = reference.lastIndexOf(":");
  return colon > reference.lastIndexOf("/") ? reference.slice(colon + 1) : undefined;
}

/**
 * Every service runs a pinned image version, so what was reviewed and tested is what runs: the
 * release's version, and every image reference the platform writes for a service.
 */
export function pinnedImagesPolicy(): Policy {
  const allowed = (stage: string) => `a pinned version in stage "${stage}": a full MAJOR.MINOR.PATCH version such as 1.4.2 or 1.4.2-rc.1, ` +
    "or a sha256: digest; tags such as latest, stable, main, 1 or 1.2 move to other images";
  return {
    name: "pinned-images",
    check: ({ path, catalog, release, settings }) => {
      const c = new Checker("pinned-images");
      for (const service of catalog.services) {
        const version = release.versionOf(service.name);
        // A missing or malformed version is the model rules' to report.
        if (version === undefined || !IMAGE_VERSION.test(version)) continue;
        c.expect(isPinnedVersion(version), `${path}/${service.name}`, "release.version", version, allowed(settings.name));
      }
      return c.violations;
    },
    checkRendered: ({ workloads }, { settings }) => {
      const c = new Checker("pinned-images");
      for (const image of workloads.flatMap((w) => w.images)) {
        const version = typeof image.value === "string" ? versionOfReference(image.value) : undefined;
        c.expect(version !== undefined && isPinnedVersion(version), image.path, image.field, image.value,
          `an image reference ending in ${allowed(settings.name)}`);
      }
      return c.violations;
    },
  };
}
