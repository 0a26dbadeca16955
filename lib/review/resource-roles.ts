import { STATEFUL_RESOURCE_TYPES } from "../validation/rendered-rules";
import type { ResourceChange } from "./changes";
import { Value, isRecord } from "./values";

/** Resource types that hold data or an address others depend on (one list with the deletion-protection check). */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set(STATEFUL_RESOURCE_TYPES);

/** Label the Docker platform puts on every container naming its service (or role: registry, load-balancer). */
export const SERVICE_LABEL = "org.cdktf-service-platform.service";
/** Label the Docker platform puts on a store's container, naming the store's engine (`mysql`, `redis`). */
export const STORE_LABEL = "org.cdktf-service-platform.store";
/** Label the Docker platform puts on every container naming the version it runs. */
export const VERSION_LABEL = "org.cdktf-service-platform.version";

/**
 * What a resource is to the environment, whatever its type: the review judges
 * deleting or replacing one by this, and the topology picture draws by it.
 * `workload` runs a service; `load-balancer` and `route` carry its traffic;
 * `network` connects everything; `registry`, `logs` and `store` keep data;
 * `state` keeps Terraform's state and lock; `permissions` are RAM.
 */
export type ResourceRole =
  | "workload" | "load-balancer" | "route" | "network" | "registry" | "logs" | "store" | "state" | "permissions";

/** What deleting a resource of a role loses: state (every environment's), or the data one environment keeps. */
export type LossClass = "state" | "logs" | "images" | "data";

/** A role, how reviewers call one resource of it, and what it holds when it holds anything. */
export interface RoleOf {
  /** The role. */
  readonly role: ResourceRole;
  /** One resource of the type in words, e.g. `log store`. */
  readonly noun: string;
  /** What destroying it loses, in words (`the logs it keeps`); undefined when it holds nothing. */
  readonly holds?: string;
  /** The kind of loss, which decides its severity. */
  readonly loss?: LossClass;
}

const role = (r: ResourceRole, noun: string, holds?: string, loss?: LossClass): RoleOf => ({ role: r, noun, holds, loss });

/**
 * The role of each resource type the library renders, and of those teams
 * commonly add next to it (or a backing store, #22: RDS, Redis). A type not
 * listed has no role: its changes are shown, and judged only by the other
 * rules (deletion protection, exposure, …).
 */
export const ROLES: Readonly<Record<string, RoleOf>> = {
  alicloud_sae_application: role("workload", "application"),
  docker_container: role("workload", "container"),
  alicloud_slb_load_balancer: role("load-balancer", "load balancer"),
  alicloud_alb_load_balancer: role("load-balancer", "load balancer"),
  alicloud_nlb_load_balancer: role("load-balancer", "load balancer"),
  alicloud_sae_ingress: role("route", "ingress"),
  alicloud_sae_load_balancer_internet: role("route", "internet listener"),
  alicloud_sae_load_balancer_intranet: role("route", "intranet listener"),
  alicloud_vpc: role("network", "VPC"),
  alicloud_vswitch: role("network", "vSwitch"),
  alicloud_nat_gateway: role("network", "NAT gateway"),
  alicloud_eip_address: role("network", "EIP"),
  alicloud_eip_association: role("network", "EIP association"),
  alicloud_pvtz_zone: role("network", "PrivateZone zone"),
  alicloud_pvtz_zone_record: role("network", "PrivateZone record"),
  alicloud_pvtz_zone_attachment: role("network", "PrivateZone attachment"),
  alicloud_security_group: role("network", "security group"),
  docker_network: role("network", "Docker network"),
  alicloud_cr_ee_instance: role("registry", "registry instance", "every image kept for rollback", "images"),
  alicloud_cr_ee_namespace: role("registry", "registry namespace", "the images kept for rollback", "images"),
  alicloud_cr_ee_repo: role("registry", "image repository", "the images kept for rollback", "images"),
  alicloud_cr_namespace: role("registry", "registry namespace", "the images kept for rollback", "images"),
  alicloud_cr_repo: role("registry", "image repository", "the images kept for rollback", "images"),
  alicloud_log_project: role("logs", "log project", "every log kept in the project", "logs"),
  alicloud_log_store: role("logs", "log store", "the logs it keeps", "logs"),
  docker_volume: role("store", "Docker volume", "the files on it", "data"),
  alicloud_db_instance: role("store", "database instance", "every database on it", "data"),
  alicloud_db_database: role("store", "database", "the data in it", "data"),
  alicloud_kvstore_instance: role("store", "Redis instance", "the data it keeps", "data"),
  alicloud_oss_bucket: role("store", "OSS bucket", "the objects in it", "data"),
  // Locks are held only while a run applies: losing the table loses no state, but runs cannot lock until it is back.
  alicloud_ots_instance: role("state", "Tablestore instance"),
  alicloud_ots_table: role("state", "Tablestore table"),
  alicloud_ram_policy: role("permissions", "RAM policy"),
  alicloud_ram_role: role("permissions", "RAM role"),
  alicloud_ram_user: role("permissions", "RAM user"),
  alicloud_ram_access_key: role("permissions", "RAM access key"),
  alicloud_ram_role_policy_attachment: role("permissions", "policy attachment"),
  alicloud_ram_user_policy_attachment: role("permissions", "policy attachment"),
  alicloud_ram_group_policy_attachment: role("permissions", "policy attachment"),
};

/** What the Docker platform labels its own containers with: platform parts, not services. */
export const DOCKER_PLATFORM_ROLES: Readonly<Record<string, RoleOf>> = {
  "load-balancer": role("load-balancer", "load balancer container"),
  registry: role("registry", "registry container"),
};

/** A store's container on Docker: its data is on its volume, which outlives the container. */
const DOCKER_STORE = role("store", "store container");

/**
 * The role of a resource in its stack. A Docker container labelled as the
 * platform's load balancer or registry is that, not a workload; an OSS bucket
 * next to a Tablestore lock table (a state bootstrap) holds Terraform state.
 */
export function roleOf(r: ResourceChange, stackTypes: ReadonlySet<string>): RoleOf | undefined {
  if (r.type === "docker_container") {
    const label = labelOf(r.after ?? r.before, SERVICE_LABEL);
    if (labelOf(r.after ?? r.before, STORE_LABEL) !== undefined) return DOCKER_STORE;
    return label !== undefined && Object.hasOwn(DOCKER_PLATFORM_ROLES, label) ? DOCKER_PLATFORM_ROLES[label] : ROLES.docker_container;
  }
  if (r.type === "alicloud_oss_bucket" && stackTypes.has("alicloud_ots_table")) {
    return role("state", "state bucket", "the Terraform state of every environment kept in it", "state");
  }
  return Object.hasOwn(ROLES, r.type) ? ROLES[r.type] : undefined;
}

/** The resource types of a stack, for {@link roleOf}. */
export function typesOf(resources: readonly ResourceChange[]): ReadonlySet<string> {
  return new Set(resources.map((r) => r.type));
}

/**
 * Attributes the provider schemas mark `sensitive`. A synthesized configuration
 * carries them as literals when someone writes one; the review redacts them on
 * reading, as Terraform would. Keyed by type, values are top-level attributes.
 */
export const SENSITIVE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  alicloud_cr_ee_instance: ["password"],
  alicloud_db_account: ["account_password", "password"],
  alicloud_sae_application: ["oss_ak_id", "oss_ak_secret"],
  alicloud_ram_access_key: ["secret"],
  alicloud_db_instance: ["client_ca_cert", "server_cert"],
  alicloud_kvstore_instance: ["password"],
  docker_registry_image: ["auth_config"],
  docker_service: ["auth"],
};

/**
 * Provider block attributes whose values are credentials. Provider schemas are
 * not read here, so these go by name: anything that looks like a key, secret,
 * token or password is redacted.
 */
export const CREDENTIAL_NAME = /(password|secret|token|access_key|secret_key|private_key|key_material|auth|cert_material)/i;

/** The value of a Docker label on a container's values, or undefined. */
export function labelOf(values: Value | undefined, label: string): string | undefined {
  if (!isRecord(values) || !Array.isArray(values.labels)) return undefined;
  const entry = values.labels.find((l) => isRecord(l) && l.label === label);
  return isRecord(entry) && typeof entry.value === "string" ? entry.value : undefined;
}
