import type { EnvironmentProps } from "../../environments/environment-stack";
import type { StageSettings } from "../../policies/policy";

/** Settings of a test environment on one Docker host. */
export interface DockerEnvironmentProps extends EnvironmentProps {
  /**
   * How this stage differs from the others. A Docker host is the test stage unless
   * told otherwise (a team may rehearse production's policies on it).
   * @default Stages.test
   */
  readonly settings?: StageSettings;
  /**
   * Docker daemon address.
   * @default "unix:///var/run/docker.sock"
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs#host | the docker provider's host}
   */
  readonly dockerHost?: string;
  /**
   * Registry host that serves the service images: the environment's own registry.
   * @default `localhost:${registryPort}`
   */
  readonly registry?: string;
  /**
   * Host address the load balancer and registry publish on; loopback keeps them off the network.
   * @default "127.0.0.1"
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container | docker_container ports.ip}
   */
  readonly publishAddress?: string;
  /**
   * Load balancer image: nginx plus a busybox-style /bin/sh with nslookup.
   * @default "nginx:stable"
   */
  readonly loadBalancerImage?: string;
  /**
   * Image of the environment's private registry.
   * @default "registry:2"
   */
  readonly registryImage?: string;
  /**
   * Host port of the private registry.
   * @default 5000
   */
  readonly registryPort?: number;
  /**
   * Size at which a container's json-file log rotates.
   * @default "10m"
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#log_opts | docker_container.log_opts}
   */
  readonly logMaxSize?: string;
  /**
   * Rotated json-file logs kept per container.
   * @default 3
   * @see {@link https://registry.terraform.io/providers/kreuzwerker/docker/3.6.2/docs/resources/container#log_opts | docker_container.log_opts}
   */
  readonly logMaxFiles?: number;
  /**
   * How this environment provides each store of the catalog, by store name. Unset, a store runs as a
   * container of its engine's local image on the environment's network, its data on a named volume.
   * @default {}
   */
  readonly stores?: Readonly<Record<string, DockerStoreProps>>;
}

/** How a Docker environment provides one store. */
export interface DockerStoreProps {
  /**
   * Image of the store's container, following the official image's contract (environment, data path).
   * @default "mariadb:10.11" for MySQL, "redis:7.0" for Redis: built locally from Debian packages
   */
  readonly image?: string;
  /**
   * Use a store the team already runs: no container; services get its host, port and user from the
   * variables `<store>_host`, `<store>_port`, `<store>_user` and its password from the store's secret.
   * @default false
   */
  readonly external?: boolean;
}

/**
 * The Docker environment's own props with defaults applied.
 * @internal
 */
export type ResolvedDockerProps = Required<Omit<DockerEnvironmentProps, keyof EnvironmentProps | "settings">>;
