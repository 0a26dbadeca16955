import type { EnvironmentProps } from "../../environments/environment-stack";
import type { Alerting } from "../../model/alarms";
import type { Duration } from "../../model/duration";
import type { Size } from "../../model/size";
import type { StageSettings } from "../../policies/policy";

/** One availability zone of the environment's network, with its vSwitch. */
export interface AlicloudZone {
  /**
   * Zone id, e.g. `cn-hangzhou-h`.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/vswitch#zone_id | alicloud_vswitch.zone_id}
   */
  readonly zoneId: string;
  /**
   * CIDR of the vSwitch created in this zone, inside the VPC's CIDR. Required when the stack creates the VPC.
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/vswitch#cidr_block | alicloud_vswitch.cidr_block}
   */
  readonly cidrBlock?: string;
  /**
   * Id of an existing vSwitch in this zone. Required when `vpcId` names an existing VPC.
   * @default undefined
   */
  readonly vswitchId?: string;
}

/**
 * Where the services run: a VPC with one vSwitch per zone. Zones are given
 * explicitly (not looked up) so the stage's minimum zone count is checked at synth.
 */
export interface AlicloudNetworkProps {
  /**
   * Id of an existing VPC; every zone then names its existing vSwitch. Unset, a VPC is created with `cidrBlock`.
   * @default undefined
   */
  readonly vpcId?: string;
  /**
   * CIDR of the created VPC.
   * @default "10.0.0.0/16"
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/vpc#cidr_block | alicloud_vpc.cidr_block}
   */
  readonly cidrBlock?: string;
  /** The zones services are spread over, one vSwitch each. */
  readonly zones: readonly AlicloudZone[];
}

/** Editions of ACR Enterprise Edition. */
export type RegistryEdition = "Basic" | "Standard" | "Advanced";

/**
 * The ACR Enterprise Edition instance images are pulled from. ACR EE is
 * subscription-only, so the common case is an existing instance shared by
 * every environment (images are promoted, not rebuilt); creating one is supported.
 */
export interface AlicloudRegistryProps {
  /**
   * Id of an existing instance (`cri-…`). Unset, an instance named `instanceName` is created.
   * @default undefined
   */
  readonly instanceId?: string;
  /**
   * Name of the created instance; also names its default VPC endpoint, so it is unique across all accounts.
   * Required without `instanceId`.
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_ee_instance#instance_name | alicloud_cr_ee_instance.instance_name}
   */
  readonly instanceName?: string;
  /**
   * Edition of the created instance.
   * @default "Basic"
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_ee_instance#instance_type | alicloud_cr_ee_instance.instance_type}
   */
  readonly edition?: RegistryEdition;
  /**
   * Months prepaid for the created instance.
   * @default 12
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_ee_instance#period | alicloud_cr_ee_instance.period}
   */
  readonly periodMonths?: number;
  /**
   * Registry host images are pulled from; SAE has no internet egress, so use the VPC endpoint.
   * Required with `instanceId`; for a created instance, its VPC endpoint.
   * @default `${instanceName}-registry-vpc.${region}.cr.aliyuncs.com`
   */
  readonly endpoint?: string;
  /**
   * Whether this stack creates the image namespaces and one repository per service: by default
   * for a created instance, not for an existing one (shared repositories belong to one place).
   * @default instanceId === undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_ee_repo | alicloud_cr_ee_repo}
   */
  readonly manageRepositories?: boolean;
  /**
   * Whether this stack links the environment's VPC to the registry's VPC endpoint, which SAE needs to pull over the VPC.
   * @default true
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_vpc_endpoint_linked_vpc | alicloud_cr_vpc_endpoint_linked_vpc}
   */
  readonly linkVpc?: boolean;
}

/** Which endpoint of ACR Personal Edition images are pulled from. */
export type PersonalRegistryEndpoint = "vpc" | "internet";

/**
 * ACR Personal Edition: no instance to buy or link, images live at
 * `registry[-vpc].<region>.aliyuncs.com/<namespace>/<repository>` and SAE pulls
 * them from the same account without an Enterprise Edition instance.
 */
export interface PersonalRegistryProps {
  /**
   * Region of the registry.
   * @default the environment's region
   */
  readonly region?: string;
  /**
   * "vpc" pulls through `registry-vpc.<region>.aliyuncs.com`, reachable from the environment's VPC in the
   * registry's own region; "internet" through `registry.<region>.aliyuncs.com`, which needs internet egress from the VPC.
   * @default "vpc"
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#image_url | alicloud_sae_application.image_url}
   */
  readonly endpoint?: PersonalRegistryEndpoint;
  /**
   * Whether this stack creates the image namespaces and one private repository per image; a team moving
   * here usually has them already, shared by every environment.
   * @default false
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_namespace | alicloud_cr_namespace}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cr_repo | alicloud_cr_repo}
   */
  readonly manageRepositories?: boolean;
}

/** Where images come from: an ACR Enterprise Edition instance (the fields of `AlicloudRegistryProps`) or ACR Personal Edition. */
export type AlicloudRegistry = AlicloudRegistryProps | {
  /** ACR Personal Edition, and whether this stack manages its namespaces and repositories. */
  readonly personal: PersonalRegistryProps;
};

/**
 * Remote state: an OSS bucket, locked through a Tablestore table.
 * @see {@link https://developer.hashicorp.com/terraform/language/backend/oss | Terraform's oss backend}
 */
export interface AlicloudStateProps {
  /**
   * OSS bucket holding the state. Bucket names are unique across all of Alibaba Cloud, and Terraform's backend
   * block takes no expression to derive one: give a name your account owns, e.g. with its id in it.
   */
  readonly bucket: string;
  /**
   * Path inside the bucket; one per environment.
   * @default id
   */
  readonly prefix?: string;
  /**
   * Region of the bucket.
   * @default region
   */
  readonly region?: string;
  /**
   * Tablestore endpoint of the lock table, e.g. `https://tf-lock.cn-hangzhou.ots.aliyuncs.com`. Its first label
   * names the instance, which is unique in the region across all accounts: choose one your account owns.
   */
  readonly tablestoreEndpoint: string;
  /**
   * Tablestore table holding the locks (primary key `LockID`, string).
   * @default "terraform_state_lock"
   */
  readonly tablestoreTable?: string;
}

/**
 * Settings of a prerelease or production environment on Alibaba Cloud. Defaults
 * that read `id` use the stack id given to {@link AlicloudEnvironment}.
 */
export interface AlicloudEnvironmentProps extends EnvironmentProps {
  /**
   * The stage this environment is: `Stages.prerelease`, `Stages.production`, or either
   * adjusted with `Policies`. Required: prerelease and production differ in policies,
   * deletion protection and retention, so no stage is assumed.
   */
  readonly settings: StageSettings;
  /**
   * Region everything is created in, e.g. `cn-hangzhou`: one of {@link ALICLOUD_REGIONS} or `extraRegions`.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs#region | the alicloud provider's region}
   */
  readonly region: string;
  /**
   * Region ids to accept beyond {@link ALICLOUD_REGIONS}, e.g. a region opened after this release.
   * @default []
   */
  readonly extraRegions?: readonly string[];
  /** The VPC and the zones services are spread over. */
  readonly network: AlicloudNetworkProps;
  /** Where images come from: `{ personal: {...} }` for ACR Personal Edition, else an ACR Enterprise Edition instance. */
  readonly registry: AlicloudRegistry;
  /** Where the Terraform state of this environment is kept. */
  readonly state: AlicloudStateProps;
  /**
   * Who the services' alarms notify in this environment. Unset, no alarm is rendered (the `alarms` policy refuses that in production).
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cms_alarm_contact_group | alicloud_cms_alarm_contact_group}
   */
  readonly alerting?: Alerting;
  /**
   * Short id of the environment's SAE namespace: lowercase letters and digits.
   * @default id.toLowerCase().replace(/[^a-z0-9]/g, "")
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_namespace#namespace_short_id | alicloud_sae_namespace.namespace_short_id}
   */
  readonly saeNamespace?: string;
  /**
   * SLS project of the environment's logs. SLS project names are unique across all of Alibaba Cloud, so
   * the default carries the id of the account deployed to, which a data source reads at plan time.
   * @default `${id}-logs-${accountId}`, the stack id in lowercase letters, digits and "-"
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/log_project#project_name | alicloud_log_project.project_name}
   */
  readonly logProject?: string;
  /**
   * Specification of the environment's load balancers (pay-by-spec CLB).
   * @default "slb.s1.small"
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/slb_load_balancer#load_balancer_spec | alicloud_slb_load_balancer.load_balancer_spec}
   */
  readonly loadBalancerSpec?: string;
  /**
   * Where the load balancers deliver their access logs, set up once in the SLS console (the provider has no
   * resource for CLB access logs): SAE reads request rate and response time for scaling targets from them.
   * Unset, request and response-time scaling targets are refused.
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application_scaling_rule#slb_project | alicloud_sae_application_scaling_rule metrics.slb_project and slb_log_store}
   */
  readonly loadBalancerAccessLogs?: AlicloudAccessLogs;
  /**
   * How this environment provides each store of the catalog, by store name. Unset, a store is a managed
   * instance (ApsaraDB RDS for MySQL, ApsaraDB for Redis) in the environment's VPC, sized by the stage's `stores` settings.
   * @default {}
   */
  readonly stores?: Readonly<Record<string, AlicloudStoreProps>>;
}

/**
 * How an Alibaba Cloud environment provides one store: a managed instance in
 * the environment's VPC that admits only the VPC (and the private blocks in
 * `allowFrom`), or a store the team already runs.
 */
export interface AlicloudStoreProps {
  /**
   * Instance class of the managed instance.
   * @default settings.stores.instanceClasses[engine]
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#instance_type | alicloud_db_instance.instance_type}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/kvstore_instance#instance_class | alicloud_kvstore_instance.instance_class}
   */
  readonly instanceClass?: string;
  /**
   * Disk space of a managed MySQL instance: whole GiB, a multiple of 5 from 20 to 32000 (ESSD).
   * @default the store's `storage`, else settings.stores.storage
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#instance_storage | alicloud_db_instance.instance_storage}
   */
  readonly storage?: Size;
  /**
   * How long backups are kept, or "off".
   * @default settings.stores.backupRetention
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_backup_policy | alicloud_db_backup_policy}
   */
  readonly backupRetention?: Duration | "off";
  /**
   * Whether a standby runs in the second zone of the environment's network.
   * @default settings.stores.multiZone
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#zone_id_slave_a | alicloud_db_instance.zone_id_slave_a}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/kvstore_instance#secondary_zone_id | alicloud_kvstore_instance.secondary_zone_id}
   */
  readonly multiZone?: boolean;
  /**
   * Private address blocks allowed to connect besides the VPC, e.g. a VPN's. Never a public one (the store-exposure policy).
   * @default []
   */
  readonly allowFrom?: readonly string[];
  /**
   * Use a store the team already runs: nothing is created; services get its host, port and user from the
   * variables `<store>_host`, `<store>_port`, `<store>_user` and its password from the store's secret.
   * @default false
   */
  readonly external?: boolean;
}

/** An SLS project and logstore that receive the CLB access logs of the environment. */
export interface AlicloudAccessLogs {
  /** SLS project of the access logs. */
  readonly project: string;
  /** Logstore of the access logs. */
  readonly logstore: string;
}
