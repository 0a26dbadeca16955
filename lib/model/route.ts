/** Options of a route. */
export interface RouteOptions {
  /**
   * Port the load balancer listens on.
   * @default 80
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_load_balancer_internet | alicloud_sae_load_balancer_internet and _intranet}
   */
  readonly listenerPort?: number;
  /**
   * Host names this route answers; routes sharing a listener port are told apart by these.
   * Empty: every host on the listener port.
   * @default []
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_ingress#rules | alicloud_sae_ingress.rules}
   */
  readonly domains?: string[];
}

/** Who may reach a route. */
export type RouteVisibility = "public" | "internal";

/** How traffic reaches a port from the environment's load balancer. */
export class Route {
  /** Reachable from the internet, where the environment allows internet exposure. */
  public static public(options: RouteOptions = {}): Route {
    return new Route("public", options);
  }

  /**
   * Reachable only from inside the environment's network. Its domains resolve
   * inside the environment too (to the load balancer that serves the route), so
   * callers use the same names in every environment.
   */
  public static internal(options: RouteOptions = {}): Route {
    return new Route("internal", options);
  }

  /** Port the load balancer listens on. */
  public readonly listenerPort: number;
  /** Host names this route answers (empty: every host). */
  public readonly domains: readonly string[];

  private constructor(
    /** Who may reach the route. */
    public readonly visibility: RouteVisibility,
    options: RouteOptions,
  ) {
    this.listenerPort = options.listenerPort ?? 80;
    this.domains = [...(options.domains ?? [])];
  }
}
