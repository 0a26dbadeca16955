import { Route } from "./route";

/** Options of a container port. */
export interface PortOptions {
  /**
   * Route from the load balancer to this port. Unset, the port is not routed: it is reachable only by service name inside the environment.
   * @default undefined
   */
  readonly route?: Route;
}

/** The protocol a port speaks. */
export type PortProtocol = "http" | "tcp";

/** A port a service's containers listen on. */
export class Port {
  /** An HTTP port. */
  public static http(port: number, options: PortOptions = {}): Port {
    return new Port(port, "http", options.route);
  }

  /** A plain TCP port. */
  public static tcp(port: number, options: PortOptions = {}): Port {
    return new Port(port, "tcp", options.route);
  }

  private constructor(
    /** Port number inside the container. */
    public readonly port: number,
    /** Protocol spoken on the port. */
    public readonly protocol: PortProtocol,
    /** Route from the load balancer, if any. */
    public readonly route?: Route,
  ) {}
}
