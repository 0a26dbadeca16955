import { Construct } from "constructs";
import { CrEeInstance } from "../../../.gen/providers/alicloud/cr-ee-instance";
import { CrEeNamespace } from "../../../.gen/providers/alicloud/cr-ee-namespace";
import { CrEeRepo } from "../../../.gen/providers/alicloud/cr-ee-repo";
import { CrNamespace } from "../../../.gen/providers/alicloud/cr-namespace";
import { CrRepo } from "../../../.gen/providers/alicloud/cr-repo";
import { CrVpcEndpointLinkedVpc } from "../../../.gen/providers/alicloud/cr-vpc-endpoint-linked-vpc";
import { Service } from "../../model/service";
import { ResolvedEnterpriseRegistry, ResolvedPersonalRegistry, ResolvedRegistry } from "./alicloud-defaults";
import { Network } from "./network";
import { registryPath } from "./names";

/** Where SAE pulls images from. */
export interface Registry {
  /** ACR EE instance id, given to SAE so it can pull from a private instance; none for Personal Edition. */
  readonly instanceId?: string;
  /** Host images are addressed by. */
  readonly endpoint: string;
}

/** The registry images are pulled from: ACR Enterprise Edition or Personal Edition. */
export function renderRegistry(
  scope: Construct, registry: ResolvedRegistry, services: readonly Service[], network: Network, protect: boolean,
): Registry {
  return registry.kind === "personal"
    ? renderPersonal(scope, registry, services, protect)
    : renderEnterprise(scope, registry, services, network, protect);
}

/**
 * ACR Personal Edition has no instance: SAE pulls from the account's own
 * registry by image URL. When this stack manages them, it creates the image
 * namespaces and one private repository per image.
 */
function renderPersonal(
  scope: Construct, registry: ResolvedPersonalRegistry, services: readonly Service[], protect: boolean,
): Registry {
  if (registry.manageRepositories) {
    const lifecycle = { preventDestroy: protect };
    eachRepository(services, {
      namespace: (name) => new CrNamespace(scope, `registry-namespace-${name}`, {
        name, autoCreate: false, defaultVisibility: "PRIVATE", lifecycle,
      }).name,
      repository: (namespace, name, service) => new CrRepo(scope, `registry-repo-${name.namespace}-${name.repository}`, {
        namespace, name: name.repository, repoType: "PRIVATE", summary: `Images of ${service.name}`, lifecycle,
      }),
    });
  }
  return { endpoint: registry.endpoint };
}

/**
 * The ACR Enterprise Edition instance (created or existing), the image
 * namespaces and one repository per image when this stack manages them, and
 * the link that opens the instance's VPC endpoint to the environment's VPC.
 */
function renderEnterprise(
  scope: Construct, registry: ResolvedEnterpriseRegistry, services: readonly Service[], network: Network, protect: boolean,
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
  const id = instanceId;
  if (registry.manageRepositories) {
    eachRepository(services, {
      namespace: (name) => new CrEeNamespace(scope, `registry-namespace-${name}`, {
        instanceId: id, name, autoCreate: false, defaultVisibility: "PRIVATE", lifecycle,
      }).name,
      repository: (namespace, name, service) => new CrEeRepo(scope, `registry-repo-${name.namespace}-${name.repository}`, {
        instanceId: id, namespace, name: name.repository, repoType: "PRIVATE", summary: `Images of ${service.name}`, lifecycle,
      }),
    });
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

/** How one edition creates a namespace (returning the name repositories refer to) and a repository. */
interface RepositoryMaker {
  readonly namespace: (name: string) => string;
  readonly repository: (namespace: string, name: { namespace: string; repository: string }, service: Service) => void;
}

/** Creates each namespace and each repository the catalog's images use, once, in catalog order. */
function eachRepository(services: readonly Service[], make: RepositoryMaker): void {
  const namespaces = new Map<string, string>();
  const repositories = new Set<string>();
  for (const service of services) {
    const path = registryPath(service.image.repository);
    let namespace = namespaces.get(path.namespace);
    if (namespace === undefined) {
      namespace = make.namespace(path.namespace);
      namespaces.set(path.namespace, namespace);
    }
    if (repositories.has(service.image.repository)) continue;
    repositories.add(service.image.repository);
    make.repository(namespace, path, service);
  }
}
