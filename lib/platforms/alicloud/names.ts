/**
 * Names the Alibaba Cloud platform derives from the stack and the catalog, kept
 * in one place so the renderers and the rules agree on them.
 */

/** The default SAE namespace short id: the stack id reduced to what SAE allows. */
export function defaultSaeNamespace(stackId: string): string {
  return stackId.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The default SLS project name: the stack id reduced to what SLS allows, and
 * the id of the account deployed to. SLS project names are unique across all
 * of Alibaba Cloud; the account id keeps one account's from another's.
 */
export function defaultLogProject(stackId: string, accountId: string): string {
  return `${stackId.toLowerCase().replace(/[^a-z0-9-]/g, "")}-logs-${accountId}`;
}

/**
 * Name of a service's SAE (PrivateZone) discovery record. SAE requires the
 * name to end with the namespace id, `:` written as `-`
 * (e.g. `orders-api-cn-hangzhou-prerelease`), so it is unique across namespaces.
 */
export function discoveryName(service: string, region: string, shortId: string): string {
  return `${service}-${region}-${shortId}`;
}

/** The VPC endpoint of an ACR Enterprise Edition instance, as ACR names it. */
export function registryVpcEndpoint(instanceName: string, region: string): string {
  return `${instanceName}-registry-vpc.${region}.cr.aliyuncs.com`;
}

/** The host of ACR Personal Edition in `region`: its VPC endpoint, or its internet endpoint. */
export function personalRegistryHost(region: string, endpoint: "vpc" | "internet"): string {
  return `registry${endpoint === "vpc" ? "-vpc" : ""}.${region}.aliyuncs.com`;
}

/** The ACR namespace and repository an image repository path maps to (`shop/orders-api`). */
export function registryPath(repository: string): { namespace: string; repository: string } {
  const [namespace, ...rest] = repository.split("/");
  return { namespace, repository: rest.join("/") };
}

/** The tags the library puts on the environment's resources; an application's also name its service. */
export function libraryTags(stackId: string, stage: string, service?: string): Record<string, string> {
  return { environment: stackId, stage, "managed-by": "cdktf-service-platform", ...(service ? { service } : {}) };
}

/** The CloudMonitor contact group an environment's alarms notify: the one `alerting` names, else `<stack id>-services`. */
export function contactGroupName(stackId: string, alerting: { readonly group?: string }): string {
  return alerting.group ?? `${stackId}-services`;
}
