/** Options of a route. */
export interface RouteOptions {
  /** Port the load balancer listens on. @default 80 */
  readonly listenerPort?: number;
  /** Host names this route answers; routes sharing a listener port are told apart by these. @default - every host on the listener port */
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

  /** Reachable only from inside the environment's network. */
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
