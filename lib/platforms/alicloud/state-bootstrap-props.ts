import type { AlicloudEnvironment } from "./alicloud-environment";
import type { DeployerExemption } from "./least-privilege";
import { AlicloudStateProps } from "./alicloud-props";

/** A RAM role deployments run as, holding the deployer policy. */
export interface DeployerRoleProps {
  /**
   * Name of the role: 1-64 letters, digits, '.', '-' or '_'.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/ram_role#role_name | alicloud_ram_role.role_name}
   */
  readonly name: string;
  /** Who may assume the role: RAM ARNs of accounts (`acs:ram::<account id>:root`), users or roles. */
  readonly trustedPrincipals: readonly string[];
  /**
   * Longest session of the assumed role, in seconds (3600 to 43200).
   * @default 3600
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/ram_role#max_session_duration | alicloud_ram_role.max_session_duration}
   */
  readonly maxSessionDuration?: number;
}

/** Permissions for deploying environments: a RAM policy and, optionally, a role holding it. */
export interface DeployerProps {
  /** The environments deployed with these permissions; their state must be the state this stack creates. */
  readonly environments: readonly AlicloudEnvironment[];
  /**
   * Name of the RAM policy: 1-128 letters, digits or '-'.
   * @default `${id}-deployer`
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/ram_policy#policy_name | alicloud_ram_policy.policy_name}
   */
  readonly policyName?: string;
  /**
   * A role holding the policy. Unset, no role is created: attach the policy to a RAM user or group yourself.
   * @default undefined
   */
  readonly role?: DeployerRoleProps;
  /**
   * RAM actions, by resource type, added to what the library grants for that type: for types the
   * library does not map (resources added to an environment by hand), or an API the provider calls
   * that the mapping lacks. They add to the library's actions, never replace them.
   * @default {}
   */
  readonly actions?: Readonly<Record<string, readonly string[]>>;
  /**
   * Grants outside least privilege the team accepts knowingly, each by its exact action and with a
   * reason: `*` or a product's every action (`oss:*`), or a RAM action that changes permissions
   * (policy versions, attachments, access keys, PassRole, …) on every resource. Synthesis refuses
   * such a grant otherwise; plan-review shows each exemption and its reason when it is added.
   * @default []
   */
  readonly exemptions?: readonly DeployerExemption[];
}

/** Settings of the stack that creates the remote state of the Alibaba Cloud environments. */
export interface StateBootstrapProps {
  /** Region of the bucket and the lock instance, unless `state.region` names another; e.g. `cn-hangzhou`. */
  readonly region: string;
  /**
   * The state settings the environments are given: pass the same object, so
   * bucket, lock instance and table cannot drift apart. The lock instance is
   * the first label of `tablestoreEndpoint`.
   */
  readonly state: AlicloudStateProps;
  /**
   * A RAM policy (and role) for deploying the environments. Unset, none is created.
   * @default undefined
   */
  readonly deployer?: DeployerProps;
}
