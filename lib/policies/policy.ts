import { Alerting } from "../model/alarms";
import { ServiceCatalog } from "../model/catalog";
import { Release } from "../model/release";
import type { PolicyAdjustment } from "../validation/check-record";
import { Violation } from "../validation/violation";
import { Duration } from "../model/duration";

/** What a policy sees: the whole environment before anything is rendered. */
export interface PolicyContext {
  /** Construct path of the environment's stack. */
  readonly path: string;
  /** Every service. */
  readonly catalog: ServiceCatalog;
  /** Versions and replicas in this environment. */
  readonly release: Release;
  /** This stage's settings. */
  readonly settings: StageSettings;
  /** Who the services' alarms notify in this environment, if anyone. */
  readonly alerting?: Alerting;
  /**
   * Whether this environment's platform renders the services' alarms: Alibaba Cloud does, Docker has
   * none (and takes no `alerting`), so a policy about who hears them applies only where this is true.
   * @default true
   */
  readonly rendersAlarms?: boolean;
}

/** A rule over a whole environment; teams add, replace or relax these in their settings. */
export interface Policy {
  /** Unique name, reported with each violation and used to replace or relax the policy. */
  readonly name: string;
  /** Every violation of the rule in `context`. */
  check(context: PolicyContext): Violation[];
  /**
   * Whether its findings are only warnings (set by `Policies.asWarning`).
   * @default false
   */
  readonly warnsOnly?: boolean;
}

/**
 * How one stage differs from the others. Platforms read these values; nothing
 * else in the library branches on a stage's name.
 */
export interface StageSettings {
  /** Stage name, used in labels and tags. */
  readonly name: string;
  /** Fewest instances a service may run with. */
  readonly minReplicas: number;
  /** Fewest availability zones services are spread over (cloud platforms). */
  readonly minZones: number;
  /** Whether load balancers, registries and log projects refuse deletion. */
  readonly deletionProtection: boolean;
  /** Log retention for stores that do not set their own. */
  readonly logRetention: Duration;
  /** Shortest log retention a store may set. */
  readonly minLogRetention: Duration;
  /** Whether public routes may face the internet. */
  readonly allowInternet: boolean;
  /** Policies checked on the whole environment before anything is written; adjust with `Policies.relax` and friends. */
  readonly policies: readonly Policy[];
  /**
   * What `Policies.relax`, `warnOnly`, `replace` and `add` changed, oldest first; recorded so reviews can show it.
   * @default []
   */
  readonly adjustments?: readonly PolicyAdjustment[];
}
