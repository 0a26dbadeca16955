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
}

/**
 * The Docker environment's own props with defaults applied.
 * @internal
 */
export type ResolvedDockerProps = Required<Omit<DockerEnvironmentProps, keyof EnvironmentProps | "settings">>;
