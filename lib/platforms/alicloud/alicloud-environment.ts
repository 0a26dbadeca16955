import { OssBackend } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudAccount } from "../../../.gen/providers/alicloud/data-alicloud-account";
import { AlicloudProvider } from "../../../.gen/providers/alicloud/provider";
import { SaeApplication } from "../../../.gen/providers/alicloud/sae-application";
import { SaeNamespace } from "../../../.gen/providers/alicloud/sae-namespace";
import { Claim } from "../../environments/claims";
import { EnvironmentStack } from "../../environments/environment-stack";
import { Alerting } from "../../model/alarms";
import { StackVariables } from "../../environments/variables";
import { Service } from "../../model/service";
import { ReservedName, hostOf } from "../../validation/private-names";
import { alicloudClaims } from "./alicloud-claims";
import { renderedClaims } from "./rendered-claims";
import { readAlicloudConfiguration } from "./rendered-configuration";
import { validateRenderedExposure } from "./rendered-exposure";
import { renderedWideGrants, validateRenderedRam } from "./rendered-ram";
import { deployerExemptionsOf } from "./least-privilege";
import { Violation } from "../../validation/violation";
import { RenderedConfiguration } from "../../policies/rendered";
import { RenderedStack } from "../../validation/rendered-rules";
import { ResolvedAlicloud, resolveAlicloud } from "./alicloud-defaults";
import { AlicloudEnvironmentProps } from "./alicloud-props";
import { alicloudRules } from "./alicloud-rules";
import { renderAlarms } from "./alarms";
import { renderCanaryRoute } from "./canary";
import { renderLogs, slsConfigs } from "./logs";
import { contactGroupName, defaultLogProject, discoveryName, libraryTags } from "./names";
import { renderNetwork } from "./network";
import { planPrivateNames, renderPrivateNames } from "./private-names";
import { httpRoute } from "./operations-rules";
import { renderRegistry } from "./registry";
import { loadBalancerOf, renderRoutes } from "./routes";
import { renderApplication } from "./sae-application";
import { renderScalingRule } from "./scaling";
import { renderConfigMap } from "./config-map";
import { alicloudStoreValue, renderManagedStores } from "./stores";
import { ManagedStore, planAlicloudStores } from "./store-plan";
import { lossWarning } from "../../environments/loss";
import { Store } from "../../model/store";

/**
 * A prerelease or production environment on Alibaba Cloud: a VPC over several
 * zones, images from ACR (an Enterprise Edition instance or Personal Edition),
 * an SLS project with a logstore per log store, an SAE application per service
 * in the environment's SAE namespace (with its scaling rule and canary route
 * where asked), shared load balancers for the routes, PrivateZone names for
 * internal route domains and aliases, CloudMonitor alarms for the
 * environment's contact group, and remote state in OSS locked through
 * Tablestore. Stages differ only by their settings.
 */
export class AlicloudEnvironment extends EnvironmentStack {
  /**
   * The platform settings with defaults applied.
   * @internal
   */
  public readonly config: ResolvedAlicloud;
  /** Who the services' alarms notify here, if anyone. */
  public readonly alerting?: Alerting;

  constructor(scope: Construct, id: string, props: AlicloudEnvironmentProps) {
    super(scope, id, props, props.settings);
    this.config = resolveAlicloud(id, props);
    this.alerting = props.alerting;
    const planStores = () => planAlicloudStores(this.node.path, this.catalog.stores, this.config.stores, this.settings);
    if (!this.admit((context) => alicloudRules(context, this.config), this.config, { alerting: this.alerting }, planStores)) return;

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
    // SLS project names are unique across all accounts: the default carries the deploying account's id.
    const logProject = config.logProject ?? defaultLogProject(id, new DataAlicloudAccount(this, "account").id);
    const logs = renderLogs(this, logProject, this.catalog.services, this.settings.logRetention, protect, tags);
    const namespace = new SaeNamespace(this, "sae-namespace", {
      namespaceShortId: config.saeNamespace,
      namespaceName: id,
      namespaceDescription: `Services of the ${id} environment`,
      // The services find each other through PrivateZone discovery, not SAE's built-in Nacos.
      enableMicroRegistration: false,
    });

    let managed = new Map<Store, ManagedStore>();
    const variables: StackVariables = new StackVariables(this, {
      stage: this.settings.name,
      hostOf: (service) => this.discoveryName(service),
      storeValue: (store, field) => alicloudStoreValue(store, field, managed, variables),
    });
    managed = renderManagedStores(this, planStores(), {
      vpcId: network.vpcId,
      vpcCidr: config.network.cidrBlock,
      zones: config.network.zones.map((zone, i) => ({ zoneId: zone.zoneId, vswitchId: network.vswitchIds[i] })),
      variables,
      tags,
      reportLoss: (store) => (loss) => this.record([lossWarning(`${this.node.path}/${store.name}`, loss)]),
    });
    // One reference for every application: each read of an attribute registers a token of its own.
    const namespaceId = namespace.id;
    const shared = this.catalog.shared;
    const configMapId = shared ? renderConfigMap(this, shared, { namespaceId, name: `${config.saeNamespace}-shared`, variables }) : undefined;
    const applications = new Map<Service, SaeApplication>();
    for (const service of this.catalog.services) {
      const canary = this.release.entryOf(service.name)?.canary;
      const application = renderApplication(this, service, {
        namespaceId,
        discoveryName: this.discoveryName(service),
        vpcId: network.vpcId,
        vswitchIds: network.vswitchIds,
        registryInstanceId: registry.instanceId,
        imageUrl: service.image.reference(registry.endpoint, this.versionOf(service)),
        replicas: this.replicasOf(service),
        autoscaled: service.autoscaling !== undefined,
        canary,
        env: variables.containerEnv(service),
        configMapId,
        slsConfigs: slsConfigs(service, logs.project),
        logStore: logs.stores.get(service.logs.name)!,
        storesReady: service.stores.flatMap((store) => managed.get(store)?.ready ?? []),
        tags: this.tagsOf(service),
        reportLoss: this.lossReporter(service),
      });
      applications.set(service, application);
      if (canary) renderCanaryRoute(this, service, application.id, canary, this.lossReporter(service));
    }
    const loadBalancers = renderRoutes(this, this.catalog.services, {
      applications,
      namespaceId,
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
    for (const service of this.catalog.services) {
      if (!service.autoscaling) continue;
      const route = httpRoute(service);
      const logs = config.loadBalancerAccessLogs;
      renderScalingRule(this, service, service.autoscaling, {
        appId: applications.get(service)!.id,
        floor: this.replicasOf(service),
        // The platform rules refuse request targets without a routed HTTP port or access logs.
        requests: route && logs ? {
          slbId: loadBalancerOf(loadBalancers, service, route.route!).id,
          visibility: route.route!.visibility,
          listenerPort: route.route!.listenerPort,
          accessLogs: logs,
        } : undefined,
      });
    }
    if (this.alerting) {
      renderAlarms(this, this.catalog.services, {
        applications,
        loadBalancers,
        group: contactGroupName(id, this.alerting),
        contacts: this.alerting.contacts,
        tags: (service) => this.tagsOf(service),
      });
    }
  }

  /** Tags of `service`'s resources: the team's labels next to the library's own (the alicloud rules keep them apart). */
  private tagsOf(service: Service): Record<string, string> {
    return { ...service.labels, ...libraryTags(this.node.id, this.settings.name, service.name) };
  }

  /**
   * Its state location, SAE namespace, SLS project, contact group and what it
   * manages in the registry, from its input and from its final configuration.
   * @internal
   */
  public claims(): Claim[] {
    return [...alicloudClaims(this.node.path, this.catalog, this.config, this.alerting),
      ...renderedClaims(this.node.path, this.checkedConfiguration)];
  }

  /**
   * The checks of every environment, who may reach each route as written, and the RAM policies and attachments a team added as written:
   * within least privilege, or exempted by the deployer that deploys the environment.
   * @internal
   */
  protected checkRendered(rendering: RenderedStack): Violation[] {
    return [...super.checkRendered(rendering), ...validateRenderedExposure(this.node.path, rendering, this.settings, this.catalog.services),
      ...validateRenderedRam(this.node.path, rendering, deployerExemptionsOf(this), { ramPrincipalsOnly: false, attachingExempted: true })];
  }

  /**
   * The wide actions its RAM policies grant as last checked, which the deployer's exemptions may be for.
   * @internal
   */
  public get ramGrants(): string[] {
    return renderedWideGrants(this.checkedConfiguration);
  }

  /**
   * What the policies judge in its final configuration: applications, logstores, managed stores.
   * @internal
   */
  protected renderedConfiguration(rendering: RenderedStack): RenderedConfiguration {
    return readAlicloudConfiguration(this.node.path, rendering);
  }

  /**
   * The registry and Tablestore endpoints, which no private name may cover (OSS and SLS lie under aliyuncs.com).
   * @internal
   */
  protected endpoints(): ReservedName[] {
    const given: [unknown, string][] = [
      [this.config.registry.endpoint, "the registry endpoint (registry.endpoint)"],
      [this.config.state.tablestoreEndpoint, "the Tablestore endpoint (state.tablestoreEndpoint)"],
    ];
    return given.flatMap(([address, what]) => (typeof address === "string" ? [{ name: hostOf(address), what }] : []));
  }

  /**
   * The name `service` is discovered by inside this environment's SAE
   * namespace (its PrivateZone discovery record).
   */
  public discoveryName(service: Service): string {
    return discoveryName(service.name, this.config.region, this.config.saeNamespace);
  }
}
