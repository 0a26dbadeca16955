/**
 * What a platform wrote, read back from a stack's final configuration (after
 * every Aspect and override) into the terms the policies judge. Each platform
 * reads its own resources in one place (alicloud/rendered-configuration.ts,
 * docker/rendered-configuration.ts); each policy judges these attributes with
 * the same requirement it applies to the service model, so a later step cannot
 * write what the policy refuses as input.
 */

/** One attribute of the final configuration. */
export interface RenderedAttribute {
  /** Construct path of the resource that holds it. */
  readonly path: string;
  /** The attribute as written: `<type>.<id>.<attribute>`, with an index where it is one of several. */
  readonly field: string;
  /** Its value as written; undefined when it is missing. */
  readonly value: unknown;
}

/** One environment variable of a workload as written. */
export interface RenderedEnv extends RenderedAttribute {
  /** The variable's name. */
  readonly name: string;
  /** What its value is: text written out, a Terraform variable, or another expression (not judged). */
  readonly source: RenderedLiteral | RenderedVariable | RenderedExpression;
}

/** A value written out as text. */
export interface RenderedLiteral {
  /** Text written out. */
  readonly kind: "literal";
  /** The text. */
  readonly text: string;
}

/** A value read from a Terraform variable of the stack. */
export interface RenderedVariable {
  /** A Terraform variable. */
  readonly kind: "variable";
  /** The variable's name. */
  readonly variable: string;
  /** Whether the variable is sensitive (plans do not print it). */
  readonly sensitive: boolean;
}

/** A value computed by another Terraform expression (a resource's attribute, a function). */
export interface RenderedExpression {
  /** Another expression. */
  readonly kind: "expression";
}

/** One health probe as written. */
export interface RenderedProbe extends RenderedAttribute {
  /** Whether it probes anything: false when it is missing or switched off (Docker's `NONE`). */
  readonly present: boolean;
}

/** What runs one service, as written. */
export interface RenderedWorkload {
  /** The service of the catalog it runs. */
  readonly service: string;
  /** How many instances it runs (SAE's `replicas`; on Docker, the replica containers there are). */
  readonly instances: RenderedAttribute;
  /** Counts of instances kept ready while it rolls (SAE's `min_ready_instances`). @default [] */
  readonly readyCounts?: readonly RenderedAttribute[];
  /** Shares of instances kept ready while it rolls, in percent (SAE's `min_ready_instance_ratio`). @default [] */
  readonly readyPercents?: readonly RenderedAttribute[];
  /** Batches a rollout replaces the instances in, where the platform rolls in batches. */
  readonly batches?: RenderedAttribute;
  /** The image reference each instance runs. */
  readonly images: readonly RenderedAttribute[];
  /** Each health probe the instances must have (liveness, readiness, a container's healthcheck). */
  readonly probes: readonly RenderedProbe[];
  /** Every environment variable, as written. */
  readonly env: readonly RenderedEnv[];
  /** How many availability zones the instances are spread over, where the platform spreads them. */
  readonly zones?: RenderedAttribute;
  /** Fewest instances each autoscaling rule or window may leave. @default [] */
  readonly scalingMinimums?: readonly RenderedAttribute[];
}

/** One log store as written: how many days it keeps logs. */
export interface RenderedLogStore {
  /** The log store's name. */
  readonly name: string;
  /** How many days it keeps logs. */
  readonly retentionDays: RenderedAttribute;
}

/** One store (database, cache) the environment creates, as written. */
export interface RenderedStore {
  /** The store's name. */
  readonly store: string;
  /** Every address a client may connect from (an address block or an address a port is published on). */
  readonly access: readonly RenderedAttribute[];
  /** Days backups are kept (undefined: no backup policy), where the platform sets it. */
  readonly backupDays?: RenderedAttribute;
  /** Whether backups are taken at all (log backups on RDS, a backup schedule on Redis). */
  readonly backups?: RenderedAttribute;
  /** The standby's zone (undefined: no standby). */
  readonly standby?: RenderedAttribute;
  /** The provider's own protection against deletion. */
  readonly protection?: RenderedAttribute;
}

/** One alarm on a service as written. */
export interface RenderedAlarm {
  /** The service it watches. */
  readonly service: string;
  /** Which of the model's thresholds it stands for, where it stands for one the policies bound. */
  readonly watches?: "cpuPercent" | "memoryPercent" | "unhealthyInstances";
  /** Whether it is switched on (undefined: the platform's default, on). */
  readonly enabled: RenderedAttribute;
  /** Who it notifies (a list of contact groups). */
  readonly notifies: RenderedAttribute;
  /** The threshold. */
  readonly threshold: RenderedAttribute;
  /** How a value is compared with the threshold (`>`, `>=`, …). */
  readonly comparison: RenderedAttribute;
  /** Seconds the threshold must be crossed before it notifies (its period times the periods it waits). */
  readonly waitSeconds: RenderedAttribute;
}

/** The parts of a stack's final configuration that policies judge. */
export interface RenderedConfiguration {
  /** What runs each service. */
  readonly workloads: readonly RenderedWorkload[];
  /** Every log store. */
  readonly logStores: readonly RenderedLogStore[];
  /** Every store the environment creates. */
  readonly stores: readonly RenderedStore[];
  /** Every alarm on a service, where the platform renders alarms. @default [] */
  readonly alarms?: readonly RenderedAlarm[];
  /** The members of each group alarms notify (a list each), where the platform renders alarms. @default [] */
  readonly alarmContacts?: readonly RenderedAttribute[];
  /** Every value the services share (SAE's config map), as written. @default [] */
  readonly sharedValues?: readonly RenderedEnv[];
}

/**
 * `value` as a number when it is one or a numeric string as Terraform accepts it, else NaN.
 * @internal
 */
export function renderedNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return NaN;
}
