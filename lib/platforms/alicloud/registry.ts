import { Construct } from "constructs";
import { CrEeInstance } from "../../../.gen/providers/alicloud/cr-ee-instance";
import { CrEeNamespace } from "../../../.gen/providers/alicloud/cr-ee-namespace";
import { CrEeRepo } from "../../../.gen/providers/alicloud/cr-ee-repo";
import { CrVpcEndpointLinkedVpc } from "../../../.gen/providers/alicloud/cr-vpc-endpoint-linked-vpc";
import { Service } from "../../model/service";
import { ResolvedRegistry } from "./alicloud-defaults";
import { Network } from "./network";
import { registryPath } from "./names";

/** Where SAE pulls images from. */
export interface Registry {
  /** ACR EE instance id, given to SAE so it can pull from a private instance. */
  readonly instanceId: string;
  /** Host images are addressed by. */
  readonly endpoint: string;
}

/**
 * The ACR Enterprise Edition instance (created or existing), the image
 * namespaces and one repository per image when this stack manages them, and
 * the link that opens the instance's VPC endpoint to the environment's VPC.
 */
export function renderRegistry(
  scope: Construct, registry: ResolvedRegistry, services: readonly Service[], network: Network, protect: boolean,
): Registry {
  const lifecycle = { preventDestroy: protect };
  let instanceId = registry.instanceId;
  if (instanceId === undefined) {
    instanceId = new CrEeInstance(scope, "registry", {
      instanceName: registry.instanceName!,
      instanceType: registry.edition,
      paymentType: "Subscription",
      period: registry.periodMonths,
      renewalStatus: "ManualRenewal",
      lifecycle,
    }).id;
  }
  if (registry.manageRepositories) {
    const namespaces = new Map<string, CrEeNamespace>();
    const repositories = new Set<string>();
    for (const service of services) {
      const path = registryPath(service.image.repository);
      let namespace = namespaces.get(path.namespace);
      if (!namespace) {
        namespace = new CrEeNamespace(scope, `registry-namespace-${path.namespace}`, {
          instanceId,
          name: path.namespace,
          autoCreate: false,
          defaultVisibility: "PRIVATE",
          lifecycle,
        });
        namespaces.set(path.namespace, namespace);
      }
      if (repositories.has(service.image.repository)) continue;
      repositories.add(service.image.repository);
      new CrEeRepo(scope, `registry-repo-${path.namespace}-${path.repository}`, {
        instanceId,
        namespace: namespace.name,
        name: path.repository,
        repoType: "PRIVATE",
        summary: `Images of ${service.name}`,
        lifecycle,
      });
    }
  }
  if (registry.linkVpc) {
    new CrVpcEndpointLinkedVpc(scope, "registry-vpc-link", {
      instanceId,
      vpcId: network.vpcId,
      vswitchId: network.vswitchIds[0],
      moduleName: "Registry",
      // The VPC endpoint's host name only resolves inside the VPC through this PrivateZone record.
      enableCreateDnsRecordInPvzt: true,
    });
  }
  return { instanceId, endpoint: registry.endpoint! };
}
