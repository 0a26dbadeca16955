import type { EnvironmentProps } from "../../environments/environment-stack";
import type { StageSettings } from "../../policies/policy";

/** One availability zone of the environment's network, with its vSwitch. */
export interface AlicloudZone {
  /** Zone id, e.g. `cn-hangzhou-h`. */
  readonly zoneId: string;
  /** CIDR of the vSwitch created in this zone, inside the VPC's CIDR. @default - none: required when the stack creates the VPC */
  readonly cidrBlock?: string;
  /** Id of an existing vSwitch in this zone. @default - none: required when `vpcId` names an existing VPC */
  readonly vswitchId?: string;
}

/**
 * Where the services run: a VPC with one vSwitch per zone. Zones are given
 * explicitly (not looked up) so the stage's minimum zone count is checked at synth.
 */
export interface AlicloudNetworkProps {
  /** Id of an existing VPC; every zone then names its existing vSwitch. @default - a VPC is created with `cidrBlock` */
  readonly vpcId?: string;
  /** CIDR of the created VPC. @default "10.0.0.0/16" */
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
  /** Id of an existing instance (`cri-…`). @default - an instance named `instanceName` is created */
  readonly instanceId?: string;
  /** Name of the created instance; also names its default VPC endpoint. @default - none: required without `instanceId` */
  readonly instanceName?: string;
  /** Edition of the created instance. @default "Basic" */
  readonly edition?: RegistryEdition;
  /** Months prepaid for the created instance. @default 12 */
  readonly periodMonths?: number;
  /** Registry host images are pulled from; SAE has no internet egress, so use the VPC endpoint. @default - `<instanceName>-registry-vpc.<region>.cr.aliyuncs.com`; required with `instanceId` */
  readonly endpoint?: string;
  /** Whether this stack creates the image namespaces and one repository per service. @default - true for a created instance, false for an existing one (shared repositories belong to one place) */
  readonly manageRepositories?: boolean;
  /** Whether this stack links the environment's VPC to the registry's VPC endpoint, which SAE needs to pull over the VPC. @default true */
  readonly linkVpc?: boolean;
}

/** Remote state: an OSS bucket, locked through a Tablestore table. */
export interface AlicloudStateProps {
  /** OSS bucket holding the state. */
  readonly bucket: string;
  /** Path inside the bucket; one per environment. @default - the stack id */
  readonly prefix?: string;
  /** Region of the bucket. @default - the environment's region */
  readonly region?: string;
  /** Tablestore endpoint of the lock table, e.g. `https://tf-lock.cn-hangzhou.ots.aliyuncs.com`. */
  readonly tablestoreEndpoint: string;
  /** Tablestore table holding the locks (primary key `LockID`, string). @default "terraform_state_lock" */
  readonly tablestoreTable?: string;
}

/** Settings of a prerelease or production environment on Alibaba Cloud. */
export interface AlicloudEnvironmentProps extends EnvironmentProps {
  /**
   * The stage this environment is: `Stages.prerelease`, `Stages.production`, or either
   * adjusted with `Policies`. Required: prerelease and production differ in policies,
   * deletion protection and retention, so no stage is assumed.
   */
  readonly settings: StageSettings;
  /** Region everything is created in, e.g. `cn-hangzhou`: one of `ALICLOUD_REGIONS` or `extraRegions`. */
  readonly region: string;
  /** Region ids to accept beyond `ALICLOUD_REGIONS`, e.g. a region opened after this release. @default - none */
  readonly extraRegions?: readonly string[];
  /** The VPC and the zones services are spread over. */
  readonly network: AlicloudNetworkProps;
  /** Where images come from. */
  readonly registry: AlicloudRegistryProps;
  /** Where the Terraform state of this environment is kept. */
  readonly state: AlicloudStateProps;
  /** Short id of the environment's SAE namespace: lowercase letters and digits. @default - the stack id without other characters */
  readonly saeNamespace?: string;
  /** SLS project of the environment's logs; unique in the region across all accounts. @default "<stack id>-service-logs" */
  readonly logProject?: string;
  /** Specification of the environment's load balancers (pay-by-spec CLB). @default "slb.s1.small" */
  readonly loadBalancerSpec?: string;
}
