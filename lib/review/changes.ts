import type { CheckRecord } from "../validation/check-record";
import { PathStep, Value } from "./values";

/** What happens to a resource. `forget` removes it from state without destroying it. */
export type ResourceAction = "create" | "update" | "replace" | "delete" | "forget" | "no-op";

/** One attribute that differs between before and after. */
export interface AttributeChange {
  /** Where, from the resource's top level. */
  readonly path: readonly PathStep[];
  /** The old value; undefined when the attribute is new. */
  readonly before?: Value;
  /** The new value; undefined when the attribute is gone. */
  readonly after?: Value;
  /** Whether changing this attribute forces the resource to be replaced. */
  readonly forcesReplacement: boolean;
}

/** A resource in one environment, before and after the change. */
export interface ResourceChange {
  /** Terraform address, e.g. `docker_container.web-1`. */
  readonly address: string;
  /** Resource type, e.g. `docker_container`. */
  readonly type: string;
  /** What happens to it. */
  readonly action: ResourceAction;
  /** Values before (undefined when created), with sensitive values redacted. */
  readonly before?: Value;
  /** Values after (undefined when deleted), with sensitive and unknown values as tokens. */
  readonly after?: Value;
  /** Attribute-level differences (empty for create, delete and no-op). */
  readonly attributes: readonly AttributeChange[];
  /** For a replacement: whether the new one is created before the old one is destroyed. */
  readonly createBeforeDestroy?: boolean;
  /** Why Terraform chose this action, when it says (e.g. `replace_because_tainted`). */
  readonly reason?: string;
  /** The address it moved from, when Terraform moved it. */
  readonly movedFrom?: string;
  /** Lifecycle settings on each side (absent where the resource is); only known when configurations are compared. */
  readonly lifecycle?: {
    /** In the base configuration; undefined when the resource is new. */
    readonly before?: Lifecycle;
    /** In the head configuration; undefined when the resource is gone. */
    readonly after?: Lifecycle;
  };
}

/** The lifecycle settings a review looks at. */
export interface Lifecycle {
  /** A replacement starts before the old one is destroyed. */
  readonly createBeforeDestroy: boolean;
  /** Terraform refuses to destroy it. */
  readonly preventDestroy: boolean;
}

/** A Terraform variable declared by one environment. */
export interface VariableDeclaration {
  /** Whether Terraform treats the value as secret. */
  readonly sensitive: boolean;
  /** Declaration fields (type, description, default, ...); a sensitive variable's default is redacted. */
  readonly fields: { [key: string]: Value };
}

/** A variable that was added, removed or changed. */
export interface VariableChange {
  /** Variable name (never its value). */
  readonly name: string;
  /** The declaration before; undefined when added. */
  readonly before?: VariableDeclaration;
  /** The declaration after; undefined when removed. */
  readonly after?: VariableDeclaration;
}

/** A stack-level setting (backend, required provider, provider configuration) that changed. */
export interface SettingChange {
  /** Which setting, e.g. `terraform.backend`, `provider.docker`. */
  readonly setting: string;
  /** Whether the setting is new, gone, or changed. */
  readonly status: "added" | "removed" | "changed";
  /** Attribute-level differences inside it. */
  readonly attributes: readonly AttributeChange[];
}

/** Everything that changes in one environment (one Terraform stack). */
export interface StackChanges {
  /** Stack (environment) name. */
  readonly stack: string;
  /** Every resource, unchanged ones included (promotions and replica counts read them). */
  readonly resources: readonly ResourceChange[];
  /** Variables added, removed or changed; only known when configurations are compared. */
  readonly variables: readonly VariableChange[];
  /** Backend and provider settings that changed. */
  readonly settings: readonly SettingChange[];
  /** Resource types whose replacing attributes are not in the documented list (configuration comparison only). */
  readonly unknownReplacementTypes: readonly string[];
  /**
   * Synthesis warnings of the head (configuration comparison only).
   * @default []
   */
  readonly warnings?: readonly string[];
  /**
   * Where the stack's provider now points elsewhere (another region, another
   * Docker host) with its state kept: every resource of that provider is then
   * created anew there (configuration comparison only).
   * @default undefined
   */
  readonly relocation?: Relocation;
  /**
   * How the environment was checked on each side, where it recorded it (configuration comparison only).
   * @default undefined
   */
  readonly checked?: {
    /** The base's record. */
    readonly before?: CheckRecord;
    /** The head's record. */
    readonly after?: CheckRecord;
  };
}

/** A provider pointed at another place: `provider.alicloud` region `cn-hangzhou` → `cn-shanghai`. */
export interface Relocation {
  /** The provider, e.g. `alicloud`. */
  readonly provider: string;
  /** Its setting that moved, e.g. `region`. */
  readonly setting: string;
  /** Where it pointed. */
  readonly from: string;
  /** Where it points now. */
  readonly to: string;
}

/** Where the changes came from, which decides how far the report can be trusted. */
export type ChangeSource = "configuration" | "plan";

/** The input of a review: every environment's changes and where they came from. */
export interface ChangeSet {
  /** Configuration comparison (synthesized outputs) or Terraform plans. */
  readonly source: ChangeSource;
  /** What was compared, for the report's heading (e.g. "origin/main → HEAD"). */
  readonly label: string;
  /** One entry per environment, in report order. */
  readonly stacks: readonly StackChanges[];
}

/** Counts of resource actions in one stack. */
export function countActions(stack: StackChanges): Record<ResourceAction, number> {
  const counts: Record<ResourceAction, number> = { create: 0, update: 0, replace: 0, delete: 0, forget: 0, "no-op": 0 };
  for (const resource of stack.resources) counts[resource.action]++;
  return counts;
}

/** Whether a stack has anything for a reviewer to look at. */
export function hasChanges(stack: StackChanges): boolean {
  return stack.resources.some((r) => r.action !== "no-op") || stack.variables.length > 0 || stack.settings.length > 0;
}
