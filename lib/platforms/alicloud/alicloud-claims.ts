import { Claim } from "../../environments/claims";
import { ServiceCatalog } from "../../model/catalog";
import { ResolvedAlicloud } from "./alicloud-defaults";
import { Alerting } from "../../model/alarms";
import { contactGroupName, defaultLogProject, registryPath } from "./names";
import { CONTACT_GROUP_REMEDY } from "./rendered-claims";
import { planPrivateNames } from "./private-names";

/**
 * What an Alibaba Cloud environment owns outright: its state location (two
 * stacks on one would apply over each other's state), its SAE namespace and
 * SLS project, and the registry namespaces (with their repositories) it
 * manages, of an Enterprise Edition instance or of Personal Edition in a
 * region, the created instance and the VPC link, on an existing VPC the
 * PrivateZone names it answers, and the CloudMonitor contact group its alarms
 * notify (created by name as an update of any group of that name).
 */
export function alicloudClaims(stackPath: string, catalog: ServiceCatalog, config: ResolvedAlicloud, alerting?: Alerting): Claim[] {
  const claim = (resource: string, key: string, field: string, value: unknown, remedy: string, path = stackPath): Claim =>
    ({ resource, key, owner: stackPath, path, field, value, remedy });
  const { region, registry, state } = config;
  const instance = registry.kind === "personal" ? `ACR Personal Edition in ${registry.region}`
    : registry.instanceId ?? `instance "${registry.instanceName}" in ${region}`;
  const claims = [
    claim("state location", `oss://${state.bucket}/${state.prefix}`, "state.prefix", state.prefix,
      "give each environment its own state.prefix (or bucket)"),
    claim("SAE namespace", `${region}:${config.saeNamespace}`, "saeNamespace", config.saeNamespace,
      "give each environment its own saeNamespace"),
    claim("SLS project", `"${config.logProject ?? defaultLogProject(stackPath.split("/").pop()!, "<account id>")}"`, "logProject", config.logProject,
      "give each environment its own logProject (SLS project names are unique across all accounts)"),
  ];
  if (registry.kind === "enterprise" && registry.instanceId === undefined) {
    claims.push(claim("created registry instance", instance, "registry.instanceName", registry.instanceName,
      "create the instance in one environment and give the others its instanceId"));
  }
  if (registry.manageRepositories) {
    const namespaces = new Set<string>();
    for (const service of catalog.services) {
      const namespace = registryPath(service.image.repository).namespace;
      if (namespaces.has(namespace)) continue;
      namespaces.add(namespace);
      // Every repository lives in a namespace, so owning the namespace covers its repositories.
      claims.push(claim("managed registry namespace", `"${namespace}" on ${instance}`, "image", service.image.repository,
        "let one environment manage the repositories (registry.manageRepositories) and set it to false in the others",
        `${stackPath}/${service.name}`));
    }
  }
  if (registry.kind === "enterprise" && registry.linkVpc && config.network.vpcId !== undefined) {
    claims.push(claim("registry VPC link", `${config.network.vpcId} to ${instance}`, "registry.linkVpc", true,
      "environments sharing one existing VPC link it once: set registry.linkVpc to false in all but one"));
  }
  if (alerting !== undefined) {
    const group = contactGroupName(stackPath.split("/").pop()!, alerting);
    claims.push(claim("CloudMonitor contact group", `"${group}"`, alerting.group === undefined ? "alerting (the default group)" : "alerting.group",
      group, CONTACT_GROUP_REMEDY));
  }
  if (config.network.vpcId !== undefined) {
    // PrivateZone refuses two zones of one name on one VPC: environments sharing a VPC share its names.
    for (const zone of planPrivateNames(catalog.services)) {
      claims.push(claim("PrivateZone name", `"${zone.zoneName}" on ${config.network.vpcId}`, "network.vpcId", config.network.vpcId,
        "environments on one existing VPC cannot both answer an internal route domain or alias: give each its own VPC"));
    }
  }
  return claims;
}
