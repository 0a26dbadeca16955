import type { Canary } from "./canary";
import { entriesOf } from "./records";

/** What a release says about one service. */
export interface ReleaseEntry {
  /** Image version: a tag or a `sha256:` digest. */
  readonly version: string;
  /**
   * Instances in this environment; with autoscaling, the floor here. Unset, the service's own count.
   * @default service.replicas
   */
  readonly replicas?: number;
  /**
   * Roll this version out as a canary first: matching requests try it before the rest of the release.
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_grey_tag_route | alicloud_sae_grey_tag_route}
   */
  readonly canary?: Canary;
}

/**
 * Which image version each service runs in one environment, and optionally how
 * many instances. Promoting a version from test to production is a change to a
 * release, not to the catalog.
 */
export class Release {
  /** A release from service name to version, or to a version and replica count. */
  public static of(entries: Record<string, string | ReleaseEntry>): Release {
    // Entries are data: every name is kept as given, `__proto__` and `constructor` included.
    return new Release(Object.fromEntries(entriesOf(entries).map(([name, entry]) =>
      [name, typeof entry === "string" ? { version: entry } : { ...entry }])));
  }

  private constructor(private readonly services: Readonly<Record<string, ReleaseEntry>>) {}

  /** What the release says about `service`, or undefined when it does not name it. */
  public entryOf(service: string): ReleaseEntry | undefined {
    return Object.prototype.hasOwnProperty.call(this.services, service) ? this.services[service] : undefined;
  }

  /** The version of `service`, or undefined when the release does not name it. */
  public versionOf(service: string): string | undefined {
    return this.entryOf(service)?.version;
  }

  /** A copy of this release with `service` at `entry` (a version, or a version with replicas or a canary). */
  public with(service: string, entry: string | ReleaseEntry): Release {
    return Release.of({ ...this.services, [service]: entry });
  }

  /** Every service name with its entry. */
  public entries(): [string, ReleaseEntry][] {
    return Object.entries(this.services);
  }
}
