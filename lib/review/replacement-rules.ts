/**
 * Which attribute changes force a resource to be replaced, per resource type.
 *
 * Why a list: Terraform's provider schema JSON (`terraform providers schema
 * -json`) has no ForceNew flag — replacement is decided inside the provider at
 * plan time. So when two synthesized configurations are compared (no cloud
 * credentials, no plan), the review reads this list instead. A real plan
 * (`--plan`) is authoritative and ignores it: Terraform states the action and
 * the `replace_paths` itself.
 *
 * Sources, per provider version pinned by this repository:
 * - kreuzwerker/docker 3.x (3.6.2 pinned): the `ForceNew` flags in internal/provider/
 *   resource_docker_*.go. Nearly every docker_container attribute is ForceNew;
 *   the list below names the ones that are not.
 * - aliyun/alicloud 1.247: the "(ForceNew)" / "(Forces new resource)" marks in
 *   the provider's argument reference (website/docs/r/<type>.html.markdown) and
 *   the `ForceNew: true` flags in alicloud/resource_alicloud_<type>.go.
 *
 * A type missing here is compared as if every change were in place, and the
 * report says so for that environment. Add a type when the library starts
 * emitting it.
 */
export type ReplacementRule =
  | {
    /** These top-level attributes force replacement; any other change is in place. */
    readonly forceNew: readonly string[];
  }
  | {
    /** Every top-level attribute forces replacement except these. */
    readonly allExcept: readonly string[];
  };

/** The replacement rule of each resource type the library emits, by Terraform type. */
export const REPLACEMENT_RULES: Readonly<Record<string, ReplacementRule>> = {
  docker_container: {
    allExcept: [
      "attach", "container_read_refresh_timeout_milliseconds", "cpu_period", "cpu_quota", "cpu_set", "cpu_shares",
      "destroy_grace_seconds", "healthcheck", "init", "logs", "max_retry_count", "memory", "memory_swap", "must_run",
      "remove_volumes", "restart", "rm", "start", "tmpfs", "wait", "wait_timeout",
    ],
  },
  docker_image: { forceNew: ["name", "build", "platform", "pull_triggers", "triggers"] },
  docker_network: { allExcept: [] },
  docker_volume: { allExcept: [] },
  // Older provider sources mark cidr_block ForceNew; kept so a CIDR change is never shown as harmless.
  alicloud_vpc: { forceNew: ["cidr_block"] },
  alicloud_vswitch: { forceNew: ["cidr_block", "zone_id", "availability_zone", "vpc_id"] },
  alicloud_sae_namespace: { forceNew: ["namespace_id", "namespace_short_id"] },
  alicloud_sae_application: { forceNew: ["namespace_id", "app_name", "package_type", "vpc_id", "programming_language"] },
  alicloud_sae_ingress: { forceNew: ["namespace_id", "slb_id"] },
  alicloud_slb_load_balancer: {
    forceNew: ["address_type", "vswitch_id", "master_zone_id", "slave_zone_id", "internet_charge_type", "resource_group_id"],
  },
  // Network parts the library does not render but teams add next to it; their replacement is a network replacement.
  alicloud_nat_gateway: { forceNew: ["vpc_id", "vswitch_id", "network_type", "payment_type", "instance_charge_type"] },
  alicloud_eip_address: {
    forceNew: ["isp", "internet_charge_type", "payment_type", "instance_charge_type", "security_protection_types", "public_ip_address_pool_id"],
  },
  alicloud_eip_association: { forceNew: ["allocation_id", "instance_id", "instance_type", "private_ip_address"] },
  alicloud_pvtz_zone: { forceNew: ["name", "zone_name"] },
  alicloud_pvtz_zone_record: { forceNew: ["zone_id", "rr", "resource_record"] },
  alicloud_pvtz_zone_attachment: { forceNew: ["zone_id"] },
  alicloud_cr_ee_instance: { forceNew: ["instance_name", "payment_type", "renew_period", "renewal_status"] },
  alicloud_cr_ee_namespace: { forceNew: ["instance_id", "name"] },
  alicloud_cr_ee_repo: { forceNew: ["instance_id", "namespace", "name"] },
  alicloud_cr_vpc_endpoint_linked_vpc: { forceNew: ["instance_id", "vpc_id", "vswitch_id", "module_name"] },
  alicloud_sae_application_scaling_rule: { forceNew: ["app_id", "scaling_rule_name", "scaling_rule_type"] },
  alicloud_sae_grey_tag_route: { forceNew: ["app_id", "grey_tag_route_name"] },
  alicloud_cms_alarm: { forceNew: ["project", "metric"] },
  alicloud_cms_alarm_contact_group: { forceNew: ["alarm_contact_group_name"] },
  alicloud_sae_load_balancer_internet: { forceNew: [] },
  alicloud_sae_load_balancer_intranet: { forceNew: [] },
  alicloud_log_project: { forceNew: ["name", "project_name"] },
  alicloud_log_store: { forceNew: ["project", "project_name", "name", "logstore_name", "encrypt_conf"] },
  alicloud_oss_bucket: { forceNew: ["bucket"] },
  alicloud_oss_bucket_versioning: { forceNew: ["bucket"] },
  alicloud_oss_bucket_server_side_encryption: { forceNew: ["bucket"] },
  alicloud_oss_bucket_acl: { forceNew: ["bucket"] },
  alicloud_oss_bucket_public_access_block: { forceNew: ["bucket"] },
  alicloud_ots_instance: { forceNew: ["name"] },
  alicloud_ots_table: { forceNew: ["instance_name", "table_name", "primary_key"] },
  alicloud_ram_policy: { forceNew: ["policy_name", "name"] },
  alicloud_ram_role: { forceNew: ["name"] },
  alicloud_ram_role_policy_attachment: { allExcept: [] },
  // Stores: the ForceNew flags of alicloud/resource_alicloud_{db_instance,db_database,rds_account,
  // db_account_privilege,db_backup_policy,kvstore_instance,sae_config_map}.go at v1.247.0.
  alicloud_db_instance: {
    forceNew: ["engine", "vpc_id", "vswitch_id", "zone_id", "zone_id_slave_a", "zone_id_slave_b", "db_time_zone", "role_arn", "babelfish_config"],
  },
  alicloud_db_database: { forceNew: ["instance_id", "name", "character_set"] },
  alicloud_db_account: { forceNew: ["db_instance_id", "instance_id", "account_name", "name", "account_type", "type"] },
  alicloud_db_account_privilege: { forceNew: ["instance_id", "account_name", "privilege"] },
  alicloud_db_backup_policy: { forceNew: ["instance_id"] },
  alicloud_kvstore_instance: {
    forceNew: [
      "instance_type", "capacity", "private_ip", "backup_id", "srcdb_instance_id", "restore_time", "dedicated_host_group_id",
      "auto_use_coupon", "global_instance", "node_type",
    ],
  },
  alicloud_sae_config_map: { forceNew: ["name", "namespace_id"] },
  terraform_data: { forceNew: ["triggers_replace"] },
};

/**
 * Attributes whose in-place update does not do what a reviewer expects,
 * shown next to the change. Keyed by `<type>.<attribute>`.
 */
export const UPDATE_CAVEATS: Readonly<Record<string, string>> = {
  "docker_container.healthcheck":
    "updated in place in state only: the running container keeps its old healthcheck until it is recreated " +
    "(kreuzwerker/terraform-provider-docker#988)",
};

/** Whether the documented list covers `type`. */
export function hasReplacementRule(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(REPLACEMENT_RULES, type);
}

/** Whether changing the top-level `attribute` of a `type` resource forces replacement (false for unknown types). */
export function forcesReplacement(type: string, attribute: string): boolean {
  if (!hasReplacementRule(type)) return false;
  const rule = REPLACEMENT_RULES[type];
  return "forceNew" in rule ? rule.forceNew.includes(attribute) : !rule.allExcept.includes(attribute);
}
