import { IMAGE_REPOSITORY, IMAGE_VERSION } from "../validation/rules";
import { Report, shown } from "./report";

/** An image reference split into what the catalog keeps and what the environment decides. */
export interface ImportedImage {
  readonly repository: string;
  readonly version: string;
  /** Region of the ACR Personal Edition registry it came from, if it did. */
  readonly personalRegion?: string;
}

const ACR_PERSONAL = /^registry(-vpc|-internal)?\.([a-z0-9-]+)\.aliyuncs\.com$/;

/**
 * Reads `registry[-vpc].<region>.aliyuncs.com/<ns>/<repo>[:tag][@sha256:…]`
 * and other references. The host is not kept: each environment names its own
 * registry. The tag (or digest) becomes the release version.
 */
export function readImage(text: string | undefined, line: number, service: string, report: Report): ImportedImage | undefined {
  if (text === undefined) {
    report.problem(line, "image must be set: an image reference such as registry.cn-hangzhou.aliyuncs.com/ns/app:v1.0.9 " +
      "(services built from source have no image to deploy)", service, "image");
    return undefined;
  }
  const m = /^(?:([A-Za-z0-9.-]+(?::\d{1,5})?)\/)?([^:@\s]+)(?::([^@\s]+))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(text);
  // A first part is a host only with a '.', a ':' or as localhost, as Docker reads it.
  const hostLike = m?.[1] !== undefined && (/[.:]/.test(m[1]) || m[1] === "localhost");
  const host = hostLike ? m[1] : undefined;
  const path = m === null ? undefined : hostLike ? m[2] : [m[1], m[2]].filter(Boolean).join("/");
  if (m === null || path === undefined || !IMAGE_REPOSITORY.test(path) || (m[3] !== undefined && !IMAGE_VERSION.test(m[3]))) {
    report.problem(line, `image = ${shown("image", text)}; allowed: ` +
      "[host/]lowercase/path[:tag][@sha256:<64 hex>] without variables, e.g. registry.cn-hangzhou.aliyuncs.com/ns/app:v1.0.9",
    service, "image");
    return undefined;
  }
  let repository = path;
  if (!path.includes("/")) {
    repository = `library/${path}`;
    report.finding("approximated", line, "image", `a Docker Hub image: push it to your registry as ${repository}, ` +
      "where every environment pulls from", service);
  }
  const personal = host === undefined ? null : ACR_PERSONAL.exec(host);
  if (host !== undefined && personal === null) {
    report.finding("approximated", line, "image", `registry host ${host} not kept: each environment names the registry ` +
      "it pulls from (Docker: its own; Alibaba Cloud: registry: { personal } or an Enterprise Edition instance)", service);
  }
  let version = m[4] ?? m[3];
  if (version === undefined) {
    version = "latest";
    report.finding("approximated", line, "image", 'no tag: the release runs "latest", which prerelease and production ' +
      "refuse (pinned-images); set a MAJOR.MINOR.PATCH tag in the release", service);
  }
  return { repository, version, personalRegion: personal?.[2] };
}
