import { Duration } from "./duration";
import { entriesOf } from "./records";

/** One request property that sends a request to the canary. */
export interface CanaryMatch {
  /** Where the property is read. */
  readonly kind: "header" | "cookie";
  /** Header or cookie name. */
  readonly name: string;
  /** The exact value that selects the canary. */
  readonly value: string;
}

/** Which requests try a release's new version first, and for how long. */
export interface CanaryOptions {
  /**
   * Requests with one of these headers, at exactly this value, go to the canary.
   * @default {}
   */
  readonly headers?: Record<string, string>;
  /**
   * Requests with one of these cookies, at exactly this value (a tester's cookie), go to the canary.
   * @default {}
   */
  readonly cookies?: Record<string, string>;
  /**
   * How long the canary serves the matching requests before the release goes on to every instance: the time a team has to verify, or to stop the release.
   * @default Duration.minutes(10)
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#batch_wait_time | alicloud_sae_application.update_strategy_v2.batch_update.batch_wait_time}
   */
  readonly verifyFor?: Duration;
}

/**
 * A canary phase of a release: the new version first runs on one instance,
 * which receives only the requests that match (any of the headers or
 * cookies), while every other request stays on the running version; after
 * `verifyFor` the release goes on. Set on a release entry, so it applies to
 * the one environment whose release says so.
 */
export class Canary {
  /** Send requests that match any of `options.headers` or `options.cookies` to the canary. */
  public static forRequests(options: CanaryOptions): Canary {
    const matches: CanaryMatch[] = [
      ...entriesOf(options.headers ?? {}).map(([name, value]) => ({ kind: "header" as const, name, value })),
      ...entriesOf(options.cookies ?? {}).map(([name, value]) => ({ kind: "cookie" as const, name, value })),
    ];
    return new Canary(matches, options.verifyFor ?? Duration.minutes(10));
  }

  private constructor(
    /** Request properties that select the canary (any one is enough). */
    public readonly matches: readonly CanaryMatch[],
    /** How long the canary serves before the release goes on. */
    public readonly verifyFor: Duration,
  ) {}

  /** What selects the canary, without the values (which reports must not show): e.g. `["cookie tester"]`. */
  public selectors(): string[] {
    return this.matches.map((m) => `${m.kind} ${m.name}`);
  }
}
