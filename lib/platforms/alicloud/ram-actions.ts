/**
 * The RAM actions Terraform's alicloud provider (~> 1.247) needs to create,
 * read, update and delete each resource (or read each data source) this
 * library synthesizes. A RAM action is `<product RAM code>:<API name>`; the
 * products' RAM references and API pages name them. Where the provider calls
 * several APIs of one resource (SAE applications deploy, rescale, restart, and
 * read config and status), a wildcard scoped to the resource's noun stands for
 * them; everything else is listed by name. The deployer's policy is the union
 * over the types its environments synthesize, so a type missing here stops the
 * bootstrap's synthesis instead of failing a deploy halfway.
 */
export const RAM_ACTIONS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  // Network (VPC).
  alicloud_vpc: [
    "vpc:CreateVpc", "vpc:DescribeVpcAttribute", "vpc:DescribeVpcs", "vpc:ModifyVpcAttribute", "vpc:DeleteVpc",
    // The provider reads the VPC's system route table and its tags.
    "vpc:DescribeRouteTableList", "vpc:ListTagResources", "vpc:TagResources", "vpc:UnTagResources",
  ],
  alicloud_vswitch: [
    "vpc:CreateVSwitch", "vpc:DescribeVSwitchAttributes", "vpc:DescribeVSwitches", "vpc:ModifyVSwitchAttribute",
    "vpc:DeleteVSwitch", "vpc:ListTagResources", "vpc:TagResources", "vpc:UnTagResources",
  ],
  alicloud_zones: ["ecs:DescribeZones", "vpc:DescribeZones"],
  // The provider reads the account id with STS GetCallerIdentity, which every identity may call without a grant.
  alicloud_account: [],

  // Images (Container Registry Enterprise Edition). The instance is prepaid: it is bought through BSS.
  alicloud_cr_ee_instance: [
    "bssapi:CreateInstance", "bssapi:QueryAvailableInstances", "bssapi:RenewInstance", "bssapi:SetRenewal",
    "cr:GetInstance", "cr:ListInstance", "cr:ListInstanceEndpoint",
  ],
  alicloud_cr_ee_namespace: [
    "cr:CreateNamespace", "cr:GetNamespace", "cr:ListNamespace", "cr:UpdateNamespace", "cr:DeleteNamespace",
  ],
  alicloud_cr_ee_repo: [
    "cr:CreateRepository", "cr:GetRepository", "cr:ListRepository", "cr:UpdateRepository", "cr:DeleteRepository",
  ],
  alicloud_cr_vpc_endpoint_linked_vpc: [
    "cr:CreateInstanceVpcEndpointLinkedVpc", "cr:GetInstanceVpcEndpoint", "cr:DeleteInstanceVpcEndpointLinkedVpc",
  ],

  // Images (Container Registry Personal Edition): the same RAM actions authorize its namespace and repository APIs.
  alicloud_cr_namespace: ["cr:CreateNamespace", "cr:GetNamespace", "cr:ListNamespace", "cr:UpdateNamespace", "cr:DeleteNamespace"],
  alicloud_cr_repo: ["cr:CreateRepository", "cr:GetRepository", "cr:ListRepository", "cr:UpdateRepository", "cr:DeleteRepository"],

  // Names that keep working (Alibaba Cloud DNS PrivateZone, RAM code `pvtz`): the environment's own zones.
  alicloud_pvtz_zone: [
    "pvtz:AddZone", "pvtz:DescribeZoneInfo", "pvtz:DescribeZones", "pvtz:UpdateZoneRemark", "pvtz:SetProxyPattern",
    "pvtz:DeleteZone", "pvtz:ListTagResources", "pvtz:TagResources", "pvtz:UntagResources",
  ],
  alicloud_pvtz_zone_record: [
    "pvtz:AddZoneRecord", "pvtz:DescribeZoneRecords", "pvtz:UpdateZoneRecord", "pvtz:SetZoneRecordStatus", "pvtz:DeleteZoneRecord",
  ],
  alicloud_pvtz_zone_attachment: ["pvtz:BindZoneVpc", "pvtz:DescribeZoneInfo", "vpc:DescribeVpcs"],

  // Logs (Simple Log Service, RAM code `log`).
  alicloud_log_project: [
    "log:CreateProject", "log:GetProject", "log:UpdateProject", "log:DeleteProject", "log:GetProjectPolicy",
    "log:ListTagResources", "log:TagResources", "log:UntagResources",
  ],
  alicloud_log_store: [
    "log:CreateLogStore", "log:GetLogStore", "log:UpdateLogStore", "log:DeleteLogStore", "log:ListShards",
  ],

  // Applications (Serverless App Engine). SAE sets up PrivateZone discovery and binds
  // load balancer listeners through its own service-linked role, not the deployer's.
  alicloud_sae_namespace: ["sae:CreateNamespace", "sae:DescribeNamespace", "sae:UpdateNamespace", "sae:DeleteNamespace"],
  alicloud_sae_application: [
    "sae:*Application*", "sae:DescribeChangeOrder", "sae:ListTagResources", "sae:TagResources", "sae:UntagResources",
  ],
  alicloud_sae_ingress: ["sae:CreateIngress", "sae:DescribeIngress", "sae:UpdateIngress", "sae:DeleteIngress"],
  alicloud_sae_load_balancer_internet: ["sae:BindSlb", "sae:UnbindSlb", "sae:DescribeApplicationSlb", "sae:DescribeChangeOrder"],
  alicloud_sae_load_balancer_intranet: ["sae:BindSlb", "sae:UnbindSlb", "sae:DescribeApplicationSlb", "sae:DescribeChangeOrder"],
  // Create, Update, Delete, Describe, Enable and Disable ApplicationScalingRule, and the list of them.
  alicloud_sae_application_scaling_rule: ["sae:*ApplicationScalingRule*"],
  alicloud_sae_grey_tag_route: [
    "sae:CreateGreyTagRoute", "sae:DescribeGreyTagRoute", "sae:UpdateGreyTagRoute", "sae:DeleteGreyTagRoute", "sae:ListGreyTagRoute",
  ],

  // Alarms (CloudMonitor, RAM code `cms`): an alarm is a metric rule, written whole by PutResourceMetricRule.
  alicloud_cms_alarm: [
    "cms:PutResourceMetricRule", "cms:DescribeMetricRuleList", "cms:DescribeMetricRuleTargets", "cms:EnableMetricRules",
    "cms:DisableMetricRules", "cms:DeleteMetricRules",
  ],
  alicloud_cms_alarm_contact_group: ["cms:PutContactGroup", "cms:DescribeContactGroupList", "cms:DeleteContactGroup"],

  // Databases (ApsaraDB RDS, RAM code `rds`). The provider reads an instance through many
  // DescribeDBInstance* calls (attribute, network, HA, SSL, IP arrays): the noun's wildcard covers them.
  alicloud_db_instance: [
    "rds:*DBInstance*", "rds:ModifySecurityIps", "rds:DescribeParameters", "rds:DescribeSQLCollectorPolicy",
    "rds:DescribeSQLCollectorRetention", "rds:DescribeHASwitchConfig", "rds:DescribeHADiagnoseConfig",
    "rds:DescribeSecurityGroupConfiguration", "rds:DescribeInstanceAutoRenewalAttribute",
    "rds:ListTagResources", "rds:TagResources", "rds:UntagResources",
  ],
  alicloud_db_database: ["rds:CreateDatabase", "rds:DescribeDatabases", "rds:ModifyDBDescription", "rds:DeleteDatabase"],
  alicloud_db_account: [
    "rds:CreateAccount", "rds:DescribeAccounts", "rds:ModifyAccountDescription", "rds:ResetAccountPassword", "rds:DeleteAccount",
  ],
  alicloud_db_account_privilege: ["rds:GrantAccountPrivilege", "rds:RevokeAccountPrivilege", "rds:DescribeAccounts", "rds:DescribeDatabases"],
  alicloud_db_backup_policy: ["rds:DescribeBackupPolicy", "rds:ModifyBackupPolicy"],

  // Caches (ApsaraDB for Redis, RAM code `kvstore`).
  alicloud_kvstore_instance: [
    "kvstore:CreateInstance", "kvstore:DescribeInstances", "kvstore:DescribeInstanceAttribute", "kvstore:ModifyInstanceSpec",
    "kvstore:ModifyInstanceAttribute", "kvstore:ModifyInstanceMajorVersion", "kvstore:ModifyInstanceVpcAuthMode",
    "kvstore:DescribeSecurityIps", "kvstore:ModifySecurityIps", "kvstore:DescribeBackupPolicy", "kvstore:ModifyBackupPolicy",
    "kvstore:DescribeDBInstanceNetInfo", "kvstore:DescribeEngineVersion", "kvstore:DescribeInstanceSSL",
    "kvstore:DescribeSecurityGroupConfiguration", "kvstore:DescribeInstanceAutoRenewalAttribute", "kvstore:DeleteInstance",
    "kvstore:ListTagResources", "kvstore:TagResources", "kvstore:UntagResources",
  ],

  // The configuration the services of a namespace share.
  alicloud_sae_config_map: [
    "sae:CreateConfigMap", "sae:DescribeConfigMap", "sae:UpdateConfigMap", "sae:DeleteConfigMap", "sae:ListNamespacedConfigMaps",
  ],

  // Load balancers (Classic Load Balancer, RAM code `slb`).
  alicloud_slb_load_balancer: [
    "slb:CreateLoadBalancer", "slb:DescribeLoadBalancerAttribute", "slb:DescribeLoadBalancers",
    "slb:SetLoadBalancerName", "slb:SetLoadBalancerStatus", "slb:SetLoadBalancerDeleteProtection",
    "slb:SetLoadBalancerModificationProtection", "slb:ModifyLoadBalancerInstanceSpec",
    "slb:ModifyLoadBalancerInternetSpec", "slb:DeleteLoadBalancer",
    "slb:ListTagResources", "slb:TagResources", "slb:UntagResources",
  ],

  // The state bootstrap (Object Storage Service and Tablestore).
  alicloud_oss_bucket: [
    "oss:PutBucket", "oss:GetBucket*", "oss:ListBuckets", "oss:PutBucketTagging", "oss:DeleteBucketTagging",
    "oss:DeleteBucket",
  ],
  alicloud_oss_bucket_versioning: ["oss:PutBucketVersioning", "oss:GetBucketVersioning"],
  alicloud_oss_bucket_server_side_encryption: ["oss:PutBucketEncryption", "oss:GetBucketEncryption", "oss:DeleteBucketEncryption"],
  alicloud_oss_bucket_acl: ["oss:PutBucketAcl", "oss:GetBucketAcl"],
  alicloud_oss_bucket_public_access_block: [
    "oss:PutBucketPublicAccessBlock", "oss:GetBucketPublicAccessBlock", "oss:DeleteBucketPublicAccessBlock",
  ],
  // Tablestore has an older (InsertInstance) and a newer (CreateInstance) instance API: `*Instance` covers both.
  alicloud_ots_instance: ["ots:*Instance", "ots:ListTagResources", "ots:TagResources", "ots:UntagResources"],
  alicloud_ots_table: ["ots:CreateTable", "ots:DescribeTable", "ots:UpdateTable", "ots:DeleteTable", "ots:ListTable"],

  // The deployer's own policy and role.
  alicloud_ram_policy: [
    "ram:CreatePolicy", "ram:GetPolicy", "ram:UpdatePolicyDescription", "ram:DeletePolicy", "ram:CreatePolicyVersion",
    "ram:GetPolicyVersion", "ram:ListPolicyVersions", "ram:SetDefaultPolicyVersion", "ram:DeletePolicyVersion",
    "ram:ListEntitiesForPolicy",
  ],
  alicloud_ram_role: ["ram:CreateRole", "ram:GetRole", "ram:UpdateRole", "ram:DeleteRole", "ram:ListPoliciesForRole"],
  alicloud_ram_role_policy_attachment: ["ram:AttachPolicyToRole", "ram:DetachPolicyFromRole", "ram:ListPoliciesForRole"],
};

/** What Terraform's OSS backend does with an environment's state object (`oss:PutObjectAcl`: it writes with an ACL). */
export const STATE_OBJECT_ACTIONS: readonly string[] = ["oss:GetObject", "oss:PutObject", "oss:PutObjectAcl", "oss:DeleteObject"];

/** What Terraform's OSS backend does with the state bucket: list the workspaces under a prefix. */
export const STATE_BUCKET_ACTIONS: readonly string[] = ["oss:ListObjects"];

/** What Terraform's OSS backend does with the lock table: locks and state digests are rows. */
export const LOCK_TABLE_ACTIONS: readonly string[] = ["ots:DescribeTable", "ots:GetRow", "ots:PutRow", "ots:DeleteRow"];

/** The library's actions per type with a team's added to each type's (never replacing them), each action once. */
export function withTeamActions(
  library: Readonly<Record<string, readonly string[]>>, team: Readonly<Record<string, readonly string[]>>,
): Record<string, readonly string[]> {
  const merged = new Map<string, readonly string[]>(Object.entries(library));
  for (const [type, actions] of Object.entries(team)) {
    const added: readonly string[] = Array.isArray(actions) ? actions : [];
    merged.set(type, [...new Set([...(merged.get(type) ?? []), ...added])]);
  }
  // A map built entry by entry keeps every type name as data, whatever it is.
  return Object.fromEntries(merged);
}
