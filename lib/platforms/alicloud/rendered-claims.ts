import { Claim } from "../../environments/claims";
import { RenderedStack } from "../../validation/rendered-rules";

/**
 * What a resource type names in an account, read from a stack's final
 * configuration: which claim it makes (the same resource and key as the
 * claims read from the input, so both meet), from which attribute.
 */
interface NamedType {
  readonly resource: string;
  /** The attributes that may hold the name, in order. */
  readonly attributes: readonly string[];
  /** The claim's key from the name, the resource's other attributes and the stack's region. */
  readonly key: (name: string, resource: Readonly<Record<string, unknown>>, region: string, stack: RenderedStack) => string | undefined;
  readonly remedy: string;
}

/** Why two environments may not share a contact group, and what to do: said by the input and the rendered claim alike. */
export const CONTACT_GROUP_REMEDY = "give each environment its own alerting.group: CloudMonitor creates a contact group by name as an " +
  "update of any group of that name in the account, so environments sharing one overwrite each other's contacts, and destroying " +
  "one deletes the other's group";

/** The types the library renders whose objects the provider creates (or updates) by name in an account or region. */
export const NAMED_TYPES: Readonly<Record<string, NamedType>> = {
  alicloud_log_project: {
    resource: "SLS project", attributes: ["project_name", "name"], key: (name) => `"${name}"`,
    remedy: "give each environment its own logProject (SLS project names are unique across all accounts)",
  },
  alicloud_sae_namespace: {
    resource: "SAE namespace", attributes: ["namespace_short_id", "namespace_id"],
    key: (name, _r, region) => (name.includes(":") ? name : `${region}:${name}`),
    remedy: "give each environment its own saeNamespace",
  },
  alicloud_cms_alarm_contact_group: {
    resource: "CloudMonitor contact group", attributes: ["alarm_contact_group_name"], key: (name) => `"${name}"`,
    remedy: CONTACT_GROUP_REMEDY,
  },
  alicloud_cr_namespace: {
    resource: "managed registry namespace", attributes: ["name"], key: (name, _r, region) => `"${name}" on ACR Personal Edition in ${region}`,
    remedy: "let one environment manage the repositories (registry.manageRepositories) and set it to false in the others",
  },
  alicloud_cr_ee_namespace: {
    resource: "managed registry namespace", attributes: ["name"],
    key: (name, r, region, stack) => {
      const instance = literal(r.instance_id) ?? createdInstance(r.instance_id, region, stack);
      return instance === undefined ? undefined : `"${name}" on ${instance}`;
    },
    remedy: "let one environment manage the repositories (registry.manageRepositories) and set it to false in the others",
  },
  alicloud_oss_bucket: {
    resource: "OSS bucket", attributes: ["bucket"], key: (name) => `"${name}"`,
    remedy: "give each state bootstrap its own state.bucket (OSS bucket names are unique across all accounts)",
  },
  alicloud_ots_instance: {
    resource: "Tablestore instance", attributes: ["name", "instance_name"], key: (name, _r, region) => `"${name}" in ${region}`,
    remedy: "give each state bootstrap its own lock instance (the first label of state.tablestoreEndpoint)",
  },
  alicloud_ram_policy: {
    resource: "RAM policy", attributes: ["policy_name", "name"], key: (name) => `"${name}"`,
    remedy: "give each deployer its own deployer.policyName, and each RAM policy an environment adds its own policy_name (RAM policy names are unique in an account)",
  },
  alicloud_ram_role: {
    resource: "RAM role", attributes: ["role_name", "name"], key: (name) => `"${name}"`,
    remedy: "give each deployer its own deployer.role.name, and each RAM role an environment adds its own role_name (RAM role names are unique in an account)",
  },
};

/**
 * The claims a stack's final configuration makes: one per object of a named
 * type whose name is written out (a name that is a reference is claimed where
 * it is written). Reported at the resource's construct path.
 */
export function renderedClaims(stackPath: string, stack: RenderedStack | undefined): Claim[] {
  if (stack === undefined) return [];
  const region = literal(stack.provider?.alicloud?.[0]?.region) ?? "the provider's region";
  const claims: Claim[] = [];
  for (const [type, named] of Object.entries(NAMED_TYPES)) {
    for (const [id, resource] of Object.entries(stack.resource?.[type] ?? {})) {
      const attribute = named.attributes.find((a) => literal(resource[a]) !== undefined);
      const name = attribute === undefined ? undefined : literal(resource[attribute]);
      const key = name === undefined ? undefined : named.key(name, resource, region, stack);
      if (key === undefined) continue;
      const meta = (resource["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
      claims.push({ resource: named.resource, key, owner: stackPath, path: typeof meta === "string" ? meta : stackPath,
        field: `${type}.${id}.${attribute}`, value: name, remedy: named.remedy });
    }
  }
  return claims;
}

/** The claim key's instance part for a namespace of an instance this stack creates: as the input claims name it. */
function createdInstance(reference: unknown, region: string, stack: RenderedStack): string | undefined {
  const m = typeof reference === "string" ? /^\$\{alicloud_cr_ee_instance\.([^.]+)\.id\}$/.exec(reference) : null;
  const name = m ? literal(stack.resource?.alicloud_cr_ee_instance?.[m[1]]?.instance_name) : undefined;
  return name === undefined ? undefined : `instance "${name}" in ${region}`;
}

/** A string Terraform takes as it is: no live template sequence in it. */
function literal(value: unknown): string | undefined {
  return typeof value === "string" && !/(^|[^$])\$\{|(^|[^%])%\{/.test(value) ? value : undefined;
}
