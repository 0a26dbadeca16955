/**
 * What an environment records about how it was checked, under its own key of
 * the synthesized stack's `"//"` comment block (Terraform ignores it). The
 * plan review reads it back to show relaxed policies, to tell services from
 * platform parts and to know each stack's stage.
 */
export const CHECK_RECORD_KEY = "cdktf-service-platform";

/** How a stage's policy set was changed with `Policies.relax`, `warnOnly`, `replace` or `add`. */
export interface PolicyAdjustment {
  /** Name of the policy. */
  readonly policy: string;
  /** `relaxed`: not checked; `warning-only`: reported, never stops synthesis; `replaced`: another rule of that name; `added`: not one of the stage's own. */
  readonly change: "relaxed" | "warning-only" | "replaced" | "added";
}

/** A policy as checked in one environment. */
export interface CheckedPolicy {
  /** Name of the policy. */
  readonly name: string;
  /** `error`: its findings stop synthesis; `warning`: they are only reported. */
  readonly enforcement: "error" | "warning";
}

/** The record an environment writes into its synthesized stack. */
export interface CheckRecord {
  /** Name of the stage settings the environment used (`test`, `prerelease`, `production` or a team's own). */
  readonly stage: string;
  /** The catalog's services deployed in this environment. */
  readonly services: readonly string[];
  /** Every policy checked, in order. */
  readonly policies: readonly CheckedPolicy[];
  /** How the policy set differs from the stage's own, oldest change first. */
  readonly adjustments: readonly PolicyAdjustment[];
  /**
   * Grants outside least privilege a team accepted for its deployer, each with its reason (state bootstrap only).
   * @default []
   */
  readonly exemptions?: readonly {
    /** The RAM action granted. */
    readonly action: string;
    /** Why, as the team wrote it. */
    readonly reason: string;
  }[];
  /**
   * The stores the environment provides, and the services that use each.
   * @default []
   */
  readonly stores?: readonly CheckedStore[];
  /**
   * Each value of the shared configuration as this environment resolves it, and the services that read it.
   * @default {}
   */
  readonly shared?: Readonly<Record<string, SharedValueRecord>>;
  /**
   * The per-stage values each service reads, as this environment's stage picks them: service → variable → value.
   * @default {}
   */
  readonly stageValues?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A store as one environment provides it. */
export interface CheckedStore {
  /** Store name. */
  readonly name: string;
  /** Its engine, e.g. `mysql`. */
  readonly engine: string;
  /** A container, a managed instance, or a store the team runs (external). */
  readonly provision: "container" | "managed" | "external";
  /** The services that use it. */
  readonly services: readonly string[];
}

/** A value of the shared configuration in one environment; never a secret (secrets cannot be shared values). */
export interface SharedValueRecord {
  /** The value: committed text, or what supplies it (`var.queue_host`, `host of orders-api`, `orders-db host`). */
  readonly value: string;
  /** The services that read it. */
  readonly services: readonly string[];
}
