import { OssBackend } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../../.gen/providers/alicloud/provider";
import { SaeApplication } from "../../../.gen/providers/alicloud/sae-application";
import { SaeNamespace } from "../../../.gen/providers/alicloud/sae-namespace";
import { Claim } from "../../environments/claims";
import { EnvironmentStack } from "../../environments/environment-stack";
import { StackVariables } from "../../environments/variables";
import { Service } from "../../model/service";
import { alicloudClaims } from "./alicloud-claims";
import { ResolvedAlicloud, resolveAlicloud } from "./alicloud-defaults";
import { AlicloudEnvironmentProps } from "./alicloud-props";
import { alicloudRules } from "./alicloud-rules";
import { renderLogs, slsConfigs } from "./logs";
import { discoveryName, libraryTags } from "./names";
import { renderNetwork } from "./network";
import { planPrivateNames, renderPrivateNames } from "./private-names";
import { renderRegistry } from "./registry";
import { renderRoutes } from "./routes";
import { renderApplication } from "./sae-application";

/**
 * A prerelease or production environment on Alibaba Cloud: a VPC over several
 * zones, images from ACR (an Enterprise Edition instance or Personal Edition),
 * an SLS project with a logstore per log store, an SAE application per service
 * in the environment's SAE namespace, shared load balancers for the routes,
 * PrivateZone names for internal route domains and aliases, and remote state in
 * OSS locked through Tablestore. Stages differ only by their settings.
 */
export class AlicloudEnvironment extends EnvironmentStack {
  /**
   * The platform settings with defaults applied.
   * @internal
   */
  public readonly config: ResolvedAlicloud;

  constructor(scope: Construct, id: string, props: AlicloudEnvironmentProps) {
    super(scope, id, props, props.settings);
    this.config = resolveAlicloud(id, props);
    if (!this.admit((context) => alicloudRules(context, this.config), this.config)) return;

    const config = this.config;
    const protect = this.settings.deletionProtection;
    const tags = libraryTags(id, this.settings.name);
    new AlicloudProvider(this, "alicloud", { region: config.region });
    new OssBackend(this, {
      bucket: config.state.bucket,
      prefix: config.state.prefix,
      region: config.state.region,
      tablestoreEndpoint: config.state.tablestoreEndpoint,
      tablestoreTable: config.state.tablestoreTable,
      encrypt: true,
      acl: "private",
    });

    const network = renderNetwork(this, id, config.network, tags);
    const registry = renderRegistry(this, config.registry, this.catalog.services, network, protect);
    const logs = renderLogs(this, config.logProject, this.catalog.services, this.settings.logRetention, protect, tags);
    const namespace = new SaeNamespace(this, "sae-namespace", {
      namespaceShortId: config.saeNamespace,
      namespaceName: id,
      namespaceDescription: `Services of the ${id} environment`,
      // The services find each other through PrivateZone discovery, not SAE's built-in Nacos.
      enableMicroRegistration: false,
    });

    const variables = new StackVariables(this, (service) => this.discoveryName(service));
    const applications = new Map<Service, SaeApplication>();
    for (const service of this.catalog.services) {
      applications.set(service, renderApplication(this, service, {
        namespaceId: namespace.id,
        discoveryName: this.discoveryName(service),
        vpcId: network.vpcId,
        vswitchIds: network.vswitchIds,
        registryInstanceId: registry.instanceId,
        imageUrl: service.image.reference(registry.endpoint, this.versionOf(service)),
        replicas: this.replicasOf(service),
        env: variables.containerEnv(service),
        slsConfigs: slsConfigs(service, logs.project),
        logStore: logs.stores.get(service.logs.name)!,
        // The alicloud rules keep a team's labels off the library's own tag keys.
        tags: { ...service.labels, ...libraryTags(id, this.settings.name, service.name) },
        reportLoss: this.lossReporter(service),
      }));
    }
    const loadBalancers = renderRoutes(this, this.catalog.services, {
      applications,
      namespaceId: namespace.id,
      vswitchId: network.vswitchIds[0],
      loadBalancerSpec: config.loadBalancerSpec,
      deletionProtection: protect,
      tags,
    });
    renderPrivateNames(this, planPrivateNames(this.catalog.services), {
      // A name is an internal route domain (shared intranet load balancer) or an alias (its service's own).
      addressOf: (owner) => (owner === undefined ? loadBalancers.internal! : loadBalancers.aliased.get(owner)!).address,
      vpcId: network.vpcId,
      tags,
    });
  }

  /**
   * Its state location, SAE namespace, SLS project and what it manages in the registry.
   * @internal
   */
  public claims(): Claim[] {
    return alicloudClaims(this.node.path, this.catalog, this.config);
  }

  /**
   * The name `service` is discovered by inside this environment's SAE
   * namespace (its PrivateZone discovery record).
   */
  public discoveryName(service: Service): string {
    return discoveryName(service.name, this.config.region, this.config.saeNamespace);
  }
}
