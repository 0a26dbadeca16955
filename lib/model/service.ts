import { Alarms } from "./alarms";
import { Autoscaling } from "./autoscaling";
import { EnvValue, Secret } from "./config";
import { Image } from "./image";
import { isList } from "./lists";
import { entriesOf } from "./records";
import { LogStore } from "./log-store";
import { Port } from "./port";
import { Probe } from "./probe";
import { Rollout } from "./rollout";
import { Cpu, Resources, Size } from "./size";
import type { ServiceCatalog } from "./catalog";
import type { Store } from "./store";

/** Everything a team says about one microservice, once, for every environment. */
export interface ServiceProps {
  /** Image to run; its version comes from each environment's release. */
  readonly image: Image;
  /**
   * Number of instances; a release may set another count per environment. With `autoscaling`, leave it out:
   * the floor is `autoscaling.min`, which is then the default.
   * @default 2
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#replicas | alicloud_sae_application.replicas}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container | one docker_container per replica}
   */
  readonly replicas?: number;
  /**
   * Let the instance count follow the load between bounds; a release's replica count is the floor in its environment.
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application_scaling_rule | alicloud_sae_application_scaling_rule}
   */
  readonly autoscaling?: Autoscaling;
  /**
   * Alarms that tell the environment's contacts when the service is unhealthy, with adjustable thresholds.
   * @default Alarms.defaults()
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/cms_alarm | alicloud_cms_alarm}
   */
  readonly alarms?: Alarms;
  /**
   * Ports the containers listen on, each optionally routed from the load balancer.
   * @default []
   */
  readonly ports?: Port[];
  /**
   * Health probe used for liveness and readiness. Without one, the probes policy refuses a routed service.
   * @default undefined
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#liveness_v2 | alicloud_sae_application.liveness_v2 and readiness_v2}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#healthcheck | docker_container.healthcheck}
   */
  readonly probe?: Probe;
  /**
   * CPU and memory per instance.
   * @default { cpu: Cpu.millicores(500), memory: Size.gibibytes(1) }
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#cpu | alicloud_sae_application.cpu and memory}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#cpu_quota | docker_container.cpu_period, cpu_quota and memory}
   */
  readonly resources?: Resources;
  /**
   * Plain environment variables: literals (committed) or per-environment Terraform variables.
   * @default {}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#envs | alicloud_sae_application.envs}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#env | docker_container.env}
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * Secret environment variables, supplied as sensitive Terraform variables.
   * @default {}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#envs | alicloud_sae_application.envs}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#env | docker_container.env}
   */
  readonly secrets?: Record<string, Secret>;
  /**
   * Log store the service streams to.
   * @default LogStore.stdout(name)
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#sls_configs | alicloud_sae_application.sls_configs}
   */
  readonly logs?: LogStore;
  /**
   * Services this one calls; they resolve by their names inside each environment.
   * @default []
   */
  readonly dependsOn?: Service[];
  /**
   * More host names that reach this service on every one of its ports inside each environment,
   * such as the names a compose file linked it by (`mysql`, `orders.local`): callers keep the
   * names their code already uses. Docker network aliases; on Alibaba Cloud PrivateZone records
   * to the service's own intranet load balancer.
   * @default []
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/pvtz_zone_record | alicloud_pvtz_zone_record}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#aliases | docker_container.networks_advanced.aliases}
   */
  readonly aliases?: string[];
  /**
   * How a new version replaces the running one.
   * @default Rollout.batches()
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#update_strategy_v2 | alicloud_sae_application.update_strategy_v2 and min_ready_instances}
   */
  readonly rollout?: Rollout;
  /**
   * Labels for people and tools (owner, team, cost centre): Docker labels on each container, tags on each SAE application.
   * @default {}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#tags | alicloud_sae_application.tags}
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#labels | docker_container.labels}
   */
  readonly labels?: Record<string, string>;
}

/**
 * One microservice of a catalog. Knows nothing about any platform.
 *
 * @typeParam Name - the names its catalog declares; see {@link ServiceCatalog}
 */
export class Service<Name extends string = string> {
  /** Number of instances asked for; with autoscaling, the floor. */
  public readonly replicas: number;
  /** How the instance count follows the load, if it does. */
  public readonly autoscaling?: Autoscaling;
  /** The service's alarms. */
  public readonly alarms: Alarms;
  /** Ports the containers listen on. */
  public readonly ports: readonly Port[];
  /** Health probe, if any. */
  public readonly probe?: Probe;
  /** CPU and memory per instance. */
  public readonly resources: Resources;
  /** Plain environment variables. */
  public readonly env: Readonly<Record<string, EnvValue>>;
  /** Secret environment variables. */
  public readonly secrets: Readonly<Record<string, Secret>>;
  /** Log store the service streams to. */
  public readonly logs: LogStore;
  /** Services this one calls. */
  public readonly dependsOn: readonly Service[];
  /** More host names that reach this service on all its ports. */
  public readonly aliases: readonly string[];
  /** How a new version replaces the running one. */
  public readonly rollout: Rollout;
  /** Image to run. */
  public readonly image: Image;
  /** Labels for people and tools. */
  public readonly labels: Readonly<Record<string, string>>;

  /** Adds a service called `name` to `catalog`. */
  constructor(
    /** The catalog the service belongs to. */
    public readonly catalog: ServiceCatalog<Name>,
    /** Service name, one the catalog declares; also its host name inside every environment. */
    public readonly name: NoInfer<Name>,
    props: ServiceProps,
  ) {
    // Plain JavaScript callers can pass anything: what is not of the expected shape is kept as given,
    // for the validation to report at synth with the service's path, instead of a bare TypeError here.
    const given: Partial<ServiceProps> = props ?? {};
    this.image = given.image!;
    this.autoscaling = given.autoscaling;
    this.replicas = given.replicas ?? given.autoscaling?.min ?? 2;
    this.alarms = given.alarms ?? Alarms.defaults();
    this.ports = copyList(given.ports);
    this.probe = given.probe;
    this.resources = given.resources ?? { cpu: Cpu.millicores(500), memory: Size.gibibytes(1) };
    this.env = copyRecord(given.env);
    this.secrets = copyRecord(given.secrets);
    this.logs = given.logs ?? LogStore.stdout(name);
    this.dependsOn = copyList(given.dependsOn);
    this.aliases = copyList(given.aliases);
    this.rollout = given.rollout ?? Rollout.batches();
    this.labels = copyRecord(given.labels);
    catalog.register(this);
  }

  /** Ports that the load balancer routes to. */
  public get routedPorts(): Port[] {
    return this.ports.filter((p) => p.route !== undefined);
  }

  /**
   * The stores this service reads a connection value of, in `env`, in `secrets`
   * or through a shared value: the environment starts them before the service.
   */
  public get stores(): Store[] {
    const found = new Set<Store>();
    const read = (value: EnvValue | undefined) => {
      const source = value instanceof EnvValue ? value.source : undefined;
      if (source?.kind === "store") found.add(source.store);
      if (source?.kind === "shared") read(source.config.values?.[source.key]);
    };
    Object.values(this.env).forEach(read);
    for (const secret of Object.values(this.secrets)) if (secret instanceof Secret && secret.store) found.add(secret.store);
    return [...found];
  }
}

/** A copy of a list, or what was given when it is not one. */
function copyList<T>(value: readonly T[] | undefined): T[] {
  return isList(value) ? [...value] : (value ?? []);
}

/**
 * A copy of a record, or what was given when it is not one. A key an object
 * literal took for its prototype (`{ __proto__: … }`) is kept as an entry of
 * that name, for the checks to refuse.
 */
function copyRecord<T>(value: Record<string, T> | undefined): Record<string, T> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(entriesOf(value)) : ((value ?? {}) as Record<string, T>);
}
