import { Alerting } from "../model/alarms";
import { ServiceCatalog } from "../model/catalog";
import { Release } from "../model/release";
import type { PolicyAdjustment } from "../validation/check-record";
import { Violation } from "../validation/violation";
import { Duration } from "../model/duration";
import { Size } from "../model/size";
import { Store, StoreEngine } from "../model/store";
import type { RenderedConfiguration } from "./rendered";

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
  /**
   * How the environment provides each store its services use, as its platform plans it.
   * @default []
   */
  readonly stores?: readonly StorePlan[];
}

/** How one environment provides one store: what the policies judge before anything is rendered. */
export interface StorePlan {
  /** The store. */
  readonly store: Store;
  /** A container on the environment's network, a managed instance of the cloud, or a store the team runs (given by variables). */
  readonly provision: "container" | "managed" | "external";
  /** How long backups are kept, or "off"; a store the environment does not create has none of its own. */
  readonly backupRetention: Duration | "off";
  /** Whether a standby runs in a second zone. */
  readonly multiZone: boolean;
  /** Whether the store refuses deletion (the provider's protection and Terraform's `prevent_destroy`). */
  readonly deletionProtection: boolean;
  /** Address blocks allowed to connect besides the environment's own network. */
  readonly allowFrom: readonly string[];
  /** Construct path of the environment's settings for this store, where a finding about them is reported. */
  readonly path: string;
}

/** A rule over a whole environment; teams add, replace or relax these in their settings. */
export interface Policy {
  /** Unique name, reported with each violation and used to replace or relax the policy. */
  readonly name: string;
  /** Every violation of the rule in `context`. */
  check(context: PolicyContext): Violation[];
  /**
   * Every violation of the same rule in what the platform wrote, after every Aspect and override
   * (the library's policies judge it with the requirement `check` applies). Relaxing or replacing
   * the policy relaxes or replaces this check too.
   * @default - the final configuration is not judged by this policy
   */
  checkRendered?(rendered: RenderedConfiguration, context: PolicyContext): Violation[];
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
  /**
   * How the stage sizes and protects the stores its environments create. Required once the catalog has stores.
   * @default undefined
   */
  readonly stores?: StoreSettings;
  /** Policies checked on the whole environment before anything is written; adjust with `Policies.relax` and friends. */
  readonly policies: readonly Policy[];
  /**
   * What `Policies.relax`, `warnOnly`, `replace` and `add` changed, oldest first; recorded so reviews can show it.
   * @default []
   */
  readonly adjustments?: readonly PolicyAdjustment[];
}

/** How a stage sizes and protects the stores (databases, caches) its environments create. */
export interface StoreSettings {
  /**
   * How long managed stores keep backups, or "off" (a managed service that always keeps some keeps its minimum,
   * with a warning). Containers on Docker have no backups.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_backup_policy#backup_retention_period | alicloud_db_backup_policy.backup_retention_period}
   */
  readonly backupRetention: Duration | "off";
  /** Whether managed stores run a standby in a second zone of the environment's network. */
  readonly multiZone: boolean;
  /**
   * Disk space of a managed database whose store does not set its own.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#instance_storage | alicloud_db_instance.instance_storage}
   */
  readonly storage: Size;
  /**
   * Instance class of managed stores per engine, unless the environment sets one for a store.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#instance_type | alicloud_db_instance.instance_type}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/kvstore_instance#instance_class | alicloud_kvstore_instance.instance_class}
   */
  readonly instanceClasses: Readonly<Record<StoreEngine, string>>;
}
