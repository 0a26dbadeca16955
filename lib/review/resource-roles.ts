import { STATEFUL_RESOURCE_TYPES } from "../validation/rendered-rules";
import { Value, isRecord } from "./values";

/** Resource types that hold data or an address others depend on (one list with the deletion-protection check). */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set(STATEFUL_RESOURCE_TYPES);

/** Label the Docker platform puts on every container naming its service (or role: registry, load-balancer). */
export const SERVICE_LABEL = "org.cdktf-service-platform.service";
/** Label the Docker platform puts on every container naming the version it runs. */
export const VERSION_LABEL = "org.cdktf-service-platform.version";

/**
 * Attributes the provider schemas mark `sensitive`. A synthesized configuration
 * carries them as literals when someone writes one; the review redacts them on
 * reading, as Terraform would. Keyed by type, values are top-level attributes.
 */
export const SENSITIVE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  alicloud_cr_ee_instance: ["password"],
  alicloud_sae_application: ["oss_ak_id", "oss_ak_secret"],
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
