import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { Listener } from "./load-balancer-plan";

/** One way into a Docker environment through its load balancer. */
export interface LoadBalancerRoute {
  /** The service the route reaches. */
  readonly service: string;
  /** Where the load balancer answers for it, e.g. `http://127.0.0.1:80/`. */
  readonly url: string;
  /** The Host header that selects the route; empty for a listener's default route. */
  readonly host: string;
}

/**
 * Every route of `listeners` as the load balancer published on `address` serves it. A wildcard
 * domain is given as one host it matches; an address on every interface is reached on loopback.
 */
export function loadBalancerRoutes(listeners: readonly Listener[], address: string): LoadBalancerRoute[] {
  const reachable = address === "0.0.0.0" ? "127.0.0.1" : address;
  return listeners.flatMap((listener) => listener.hosts.flatMap((virtualHost) => {
    const url = `http://${reachable}:${listener.port}/`;
    if (virtualHost.domains.length === 0) return [{ service: virtualHost.service, url, host: "" }];
    return virtualHost.domains.map((domain) => ({ service: virtualHost.service, url, host: domain.replace(/^\*\./, "www.") }));
  }));
}

/** The stack output `routes`: what `npm run up` prints, and `cdktf deploy` shows after an apply. */
export function renderRoutesOutput(scope: Construct, routes: readonly LoadBalancerRoute[]): TerraformOutput {
  return new TerraformOutput(scope, "routes", {
    value: routes,
    description: "Each route through the load balancer: its service, URL and the Host header that selects it (empty: any host)",
  });
}
