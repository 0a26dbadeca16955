import { Container, ContainerConfig } from "@cdktf/provider-docker/lib/container";
import { Image } from "@cdktf/provider-docker/lib/image";
import { Network } from "@cdktf/provider-docker/lib/network";
import { Volume } from "@cdktf/provider-docker/lib/volume";
import { Construct } from "constructs";
import { Claim } from "../../environments/claims";
import { lossWarning } from "../../environments/loss";
import { withDefinedAttributes } from "../../environments/defined-attributes";
import { EnvironmentStack } from "../../environments/environment-stack";
import { Stages } from "../../environments/stage";
import { StackVariables } from "../../environments/variables";
import { Service } from "../../model/service";
import { ReservedName, hostOf } from "../../validation/private-names";
import { cpuLimit } from "./cpu-limit";
import { DockerEnvironmentProps, ResolvedDockerProps } from "./docker-props";
import { dockerClaims } from "./docker-claims";
import { readDockerConfiguration } from "./rendered-configuration";
import { renderedDockerClaims } from "./rendered-claims";
import { validateRenderedExposure } from "./rendered-exposure";
import { RenderedConfiguration } from "../../policies/rendered";
import { RenderedStack } from "../../validation/rendered-rules";
import { Violation } from "../../validation/violation";
import { dockerRules, foreignOptions } from "./docker-rules";
import { Generations } from "./generation";
import { dockerHealthcheck, healthyWithin } from "./healthcheck";
import { Listener, internalDomains, planListeners } from "./load-balancer-plan";
import { LOAD_BALANCER_ALIAS, REGISTRY_ALIAS, environmentNames, replicaContainerName, replicaHost } from "./names";
import { renderEntrypoint, renderNginxConfig } from "./nginx-config";
import { dockerProvider } from "./provider";
import { loadBalancerRoutes, renderRoutesOutput } from "./routes-output";
import { secretRotation } from "./secret-rotation";
import { dockerStoreValue, planDockerStores, renderStores } from "./stores";

/** What every service has, one or more of: rendered with only the attributes set. */
const ServiceImage = withDefinedAttributes(Image);
const ReplicaContainer = withDefinedAttributes(Container);


/**
 * The test environment on a Docker host: one network; per service an image
 * pinned to the release version and N replica containers; an nginx load
 * balancer generated from the routes; and a private registry.
 */
export class DockerEnvironment extends EnvironmentStack {
  /** The generated nginx configuration (empty when input was rejected). */
  public readonly loadBalancerConfig: string = "";
  /**
   * Listener ports the load balancer publishes.
   * @internal
   */
  public readonly listeners: readonly Listener[] = [];
  private readonly props: ResolvedDockerProps;

  constructor(scope: Construct, id: string, props: DockerEnvironmentProps) {
    super(scope, id, props, props.settings ?? Stages.test);
    const registryPort = props.registryPort ?? 5000;
    this.props = {
      dockerHost: props.dockerHost ?? "unix:///var/run/docker.sock",
      registry: props.registry ?? `localhost:${registryPort}`,
      publishAddress: props.publishAddress ?? "127.0.0.1",
      loadBalancerImage: props.loadBalancerImage ?? "nginx:stable",
      registryImage: props.registryImage ?? "registry:2",
      registryPort,
      logMaxSize: props.logMaxSize ?? "10m",
      logMaxFiles: props.logMaxFiles ?? 3,
      stores: props.stores ?? {},
    };
    const planStores = () => planDockerStores(this.node.path, this.catalog.stores, this.props.stores);
    // No alarms argument: Docker renders none, so policies about who hears them do not apply here.
    if (!this.admit((context) => [...foreignOptions(context.path, props), ...dockerRules(context, this.props)], this.props, undefined, planStores)) return;

    dockerProvider(this, this.props.dockerHost);
    const network = new Network(this, "network", {
      name: environmentNames(id).network,
      driver: "bridge",
      labels: [{ label: "org.cdktf-service-platform.environment", value: id }],
    });
    const variables: StackVariables = new StackVariables(this, {
      stage: this.settings.name,
      hostOf: (service) => service.name,
      storeValue: (store, field) => dockerStoreValue(store, field, this.props.stores, variables),
    });
    // One reference for every replica: each read of an attribute registers a token of its own.
    const networkName = network.name;
    const stores = renderStores(this, planStores(), {
      networkName,
      variables,
      options: this.props.stores,
      deletionProtection: this.settings.deletionProtection,
      common: (role, version, own) => this.commonContainer(role, version, own),
      reportLoss: (store) => (loss) => this.record([lossWarning(`${this.node.path}/${store.name}`, loss)]),
    });
    for (const service of this.catalog.services) {
      this.renderService(service, networkName, variables, service.stores.flatMap((store) => stores.get(store) ?? []));
    }
    this.listeners = planListeners(
      this.catalog.services.map((service) => ({ service, replicas: this.replicasOf(service) })),
      (service, replica, port) => `${replicaHost(service, replica)}:${port}`,
    );
    this.loadBalancerConfig = renderNginxConfig(this.listeners);
    this.renderLoadBalancer(network);
    this.renderRegistry(network);
    renderRoutesOutput(this, loadBalancerRoutes(this.listeners, this.props.publishAddress));
  }

  /**
   * The ports it publishes and the names it creates on its Docker host, from its input and from its final configuration.
   * @internal
   */
  public claims(): Claim[] {
    return [...dockerClaims(this.node.path, this.catalog, this.props),
      ...renderedDockerClaims(this.node.path, this.checkedConfiguration, this.props.dockerHost)];
  }

  /**
   * The checks of every environment, and the addresses its containers publish ports on as written.
   * @internal
   */
  protected checkRendered(rendering: RenderedStack): Violation[] {
    return [...super.checkRendered(rendering), ...validateRenderedExposure(this.node.path, rendering, this.settings, this.catalog.services)];
  }

  /**
   * What the policies judge in its final configuration: replica containers and the stores' published ports.
   * @internal
   */
  protected renderedConfiguration(rendering: RenderedStack): RenderedConfiguration {
    return readDockerConfiguration(this.node.path, rendering, this.catalog.services.map((s) => s.name),
      this.catalog.stores.filter((store) => !this.props.stores[store.name]?.external).map((store) => store.name));
  }

  /**
   * The registry and a Docker host reached by name, which no private name may cover.
   * @internal
   */
  protected endpoints(): ReservedName[] {
    const given: [unknown, string][] = [[this.props.registry, "the registry (registry)"]];
    if (typeof this.props.dockerHost === "string" && /^(tcp|ssh):/.test(this.props.dockerHost)) {
      given.push([this.props.dockerHost, "the Docker host (dockerHost)"]);
    }
    return given.flatMap(([address, what]) => (typeof address === "string" ? [{ name: hostOf(address), what }] : []));
  }

  private renderService(service: Service, networkName: string, variables: StackVariables, stores: Container[]): void {
    const version = this.versionOf(service);
    const image = new ServiceImage(this, `${service.name}-image`, {
      name: service.image.reference(this.props.registry, version),
      keepLocally: true,
    });
    const containerEnv = variables.containerEnv(service);
    const env = containerEnv.map((e) => `${e.name}=${e.value}`);
    const report = this.lossReporter(service);
    if (service.probe && service.probe.timing.successThreshold !== 1) {
      report({ field: "probe.successThreshold", asked: service.probe.timing.successThreshold, rendered: 1,
        reason: "Docker has no success threshold: one passing check makes a container healthy" });
    }
    if (service.autoscaling) {
      const floor = this.replicasOf(service);
      report({ field: "autoscaling", asked: service.autoscaling, rendered: `${floor} fixed instance${floor === 1 ? "" : "s"}`,
        reason: "Docker does not simulate autoscaling: the containers run the floor (the release's replica count, else autoscaling.min)" });
    }
    const canary = this.release.entryOf(service.name)?.canary;
    if (canary) {
      report({ field: "release.canary", asked: canary.selectors(), rendered: undefined,
        reason: "Docker has no canary: every replica runs the release's version and takes any request" });
    }
    const settings = {
      image: image.imageId,
      env,
      ...cpuLimit(service.resources.cpu),
      memory: service.resources.memory.toMebibytes(),
      // Unset, Docker allows swap of twice the memory and the provider reads that back as a change.
      memorySwap: service.resources.memory.toMebibytes(),
      healthcheck: service.probe ? dockerHealthcheck(service.probe) : undefined,
    };
    const shared = {
      ...this.commonContainer(service.name, version, service.labels),
      ...settings,
      wait: service.probe !== undefined,
      waitTimeout: service.probe ? healthyWithin(service.probe) : undefined,
      // The new version's replica starts and turns healthy before the old one stops.
      lifecycle: { createBeforeDestroy: true },
      // Without it the provider stops old replicas with a zero timeout, cutting requests in flight.
      destroyGraceSeconds: 10,
    } satisfies Partial<ContainerConfig>;
    // The generation reads a stand-in that changes with the secrets, never their values.
    const rotation = secretRotation(this, service.name, containerEnv);
    const generations = new Generations({ ...shared, env: containerEnv.map((e) => `${e.name}=${e.secret ? rotation : e.value}`) });
    const aliases = service.aliases.filter((alias) => alias !== service.name);
    const count = this.replicasOf(service);
    for (let replica = 1; replica <= count; replica++) {
      const own = {
        hostname: replicaHost(service.name, replica),
        networksAdvanced: [{ name: networkName, aliases: [service.name, replicaHost(service.name, replica), ...aliases] }],
      } satisfies Partial<ContainerConfig>;
      // A replacement starts before the old replica stops, so it needs a name of its own.
      const name = `${replicaContainerName(service.name, replica, version)}-${generations.of(own)}`;
      // Its stores answer before it starts (each store's container waits for its healthcheck); not part of the generation.
      new ReplicaContainer(this, `${service.name}-${replica}`, { ...shared, ...own, name, dependsOn: stores.length > 0 ? stores : undefined });
    }
  }

  private renderLoadBalancer(network: Network): void {
    const image = new Image(this, "load-balancer-image", { name: this.props.loadBalancerImage, keepLocally: true });
    new Container(this, "load-balancer", {
      ...this.commonContainer("load-balancer", this.props.loadBalancerImage),
      name: environmentNames(this.node.id).loadBalancer,
      image: image.imageId,
      command: ["/bin/sh", "/etc/nginx/lb-entrypoint.sh"],
      upload: [
        { file: "/etc/nginx/nginx.conf", content: this.loadBalancerConfig },
        { file: "/etc/nginx/lb-entrypoint.sh", content: renderEntrypoint(this.listeners), executable: true },
      ],
      ports: this.listeners.map((l) => ({ internal: l.port, external: l.port, ip: this.props.publishAddress })),
      // Internal route domains resolve to the load balancer, which tells them apart by Host.
      networksAdvanced: [{ name: network.name, aliases: [LOAD_BALANCER_ALIAS, ...internalDomains(this.catalog.services)] }],
      // No depends_on the replicas: Terraform would start it only once they are healthy (and stop
      // it before them). Its entrypoint starts nginx once their names resolve, which they do as
      // soon as they start.
    });
  }

  private renderRegistry(network: Network): void {
    const data = new Volume(this, "registry-data", {
      name: environmentNames(this.node.id).registryVolume,
      lifecycle: { preventDestroy: this.settings.deletionProtection },
      labels: [{ label: "org.cdktf-service-platform.environment", value: this.node.id }],
    });
    const image = new Image(this, "registry-image", { name: this.props.registryImage, keepLocally: true });
    new Container(this, "registry", {
      ...this.commonContainer("registry", this.props.registryImage),
      name: environmentNames(this.node.id).registry,
      image: image.imageId,
      ports: [{ internal: 5000, external: this.props.registryPort, ip: this.props.publishAddress }],
      volumes: [{ volumeName: data.name, containerPath: "/var/lib/registry" }],
      networksAdvanced: [{ name: network.name, aliases: [REGISTRY_ALIAS] }],
    });
  }

  /** What every container of the environment shares: restart policy, log rotation, labels (the library's, then `own`). */
  private commonContainer(
    role: string, version: string, own: Readonly<Record<string, string>> = {},
  ): Pick<ContainerConfig, "restart" | "logDriver" | "logOpts" | "labels"> {
    return {
      restart: "unless-stopped",
      logDriver: "json-file",
      logOpts: { "max-size": this.props.logMaxSize, "max-file": String(this.props.logMaxFiles) },
      labels: [
        { label: "org.cdktf-service-platform.environment", value: this.node.id },
        { label: "org.cdktf-service-platform.service", value: role },
        { label: "org.cdktf-service-platform.version", value: version },
        ...Object.entries(own).map(([label, value]) => ({ label, value })),
      ],
    };
  }
}
