import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { SaeApplication } from "../../../.gen/providers/alicloud/sae-application";
import { SaeIngress } from "../../../.gen/providers/alicloud/sae-ingress";
import { SaeLoadBalancerInternet } from "../../../.gen/providers/alicloud/sae-load-balancer-internet";
import { SaeLoadBalancerIntranet } from "../../../.gen/providers/alicloud/sae-load-balancer-intranet";
import { SlbLoadBalancer } from "../../../.gen/providers/alicloud/slb-load-balancer";
import { RouteVisibility } from "../../model/route";
import { Service } from "../../model/service";

/** A listener of the load balancer that forwards straight to one application's port. */
export interface PortMapping {
  /** Load balancer listener port. */
  readonly port: number;
  /** Container port. */
  readonly targetPort: number;
  readonly protocol: "HTTP" | "TCP";
}

/** One host rule of an SAE ingress. */
export interface HostRule {
  readonly service: Service;
  readonly domain: string;
  readonly containerPort: number;
}

/** What one of the environment's load balancers serves. */
export interface LoadBalancerPlan {
  /** Routes without domains: a listener per route, bound to its application. */
  readonly mappings: ReadonlyMap<Service, readonly PortMapping[]>;
  /** Routes with domains, by listener port: one SAE ingress per port tells them apart by host. */
  readonly ingresses: ReadonlyMap<number, readonly HostRule[]>;
}

/**
 * The routes of `services`, split by who may reach them (public: internet SLB,
 * internal: intranet SLB). A service's aliases resolve to the intranet SLB, so
 * it also forwards each port of an aliased service on the same port number.
 */
export function planRoutes(services: readonly Service[]): Record<RouteVisibility, LoadBalancerPlan> {
  const plan = {
    public: { mappings: new Map<Service, PortMapping[]>(), ingresses: new Map<number, HostRule[]>() },
    internal: { mappings: new Map<Service, PortMapping[]>(), ingresses: new Map<number, HostRule[]>() },
  };
  for (const service of services) {
    for (const port of service.routedPorts) {
      const route = port.route!;
      const target = plan[route.visibility];
      if (route.domains.length === 0) {
        const mappings = target.mappings.get(service) ?? [];
        mappings.push({ port: route.listenerPort, targetPort: port.port, protocol: port.protocol === "http" ? "HTTP" : "TCP" });
        target.mappings.set(service, mappings);
      } else {
        const rules = target.ingresses.get(route.listenerPort) ?? [];
        rules.push(...route.domains.map((domain) => ({ service, domain, containerPort: port.port })));
        target.ingresses.set(route.listenerPort, rules);
      }
    }
    if (service.aliases.length === 0) continue;
    const mappings = plan.internal.mappings.get(service) ?? [];
    for (const port of service.ports) {
      if (mappings.some((m) => m.port === port.port && m.targetPort === port.port)) continue;
      mappings.push({ port: port.port, targetPort: port.port, protocol: "TCP" });
    }
    plan.internal.mappings.set(service, mappings);
  }
  return plan;
}

/** What the load balancers are attached to. */
export interface RouteInputs {
  readonly applications: ReadonlyMap<Service, SaeApplication>;
  readonly namespaceId: string;
  /** vSwitch of the intranet load balancer. */
  readonly vswitchId: string;
  readonly loadBalancerSpec: string;
  readonly deletionProtection: boolean;
  readonly tags: Record<string, string>;
}

/**
 * One shared CLB per visibility that has routes: an internet CLB for public
 * routes and an intranet CLB for internal ones (a CLB has one address type).
 * Routes without domains become listeners bound to their application; routes
 * with domains become one SAE ingress per listener port.
 */
export function renderRoutes(
  scope: Construct, services: readonly Service[], inputs: RouteInputs,
): Partial<Record<RouteVisibility, SlbLoadBalancer>> {
  const plans = planRoutes(services);
  const rendered: Partial<Record<RouteVisibility, SlbLoadBalancer>> = {};
  for (const visibility of ["public", "internal"] as const) {
    const plan = plans[visibility];
    if (plan.mappings.size === 0 && plan.ingresses.size === 0) continue;
    const slb = renderLoadBalancer(scope, visibility, inputs);
    rendered[visibility] = slb;
    for (const [service, mappings] of plan.mappings) {
      const appId = inputs.applications.get(service)!.id;
      const listeners = mappings.map((m) => ({ port: m.port, targetPort: m.targetPort, protocol: m.protocol }));
      if (visibility === "public") {
        new SaeLoadBalancerInternet(scope, `public-${service.name}`, { appId, internetSlbId: slb.id, internet: listeners });
      } else {
        new SaeLoadBalancerIntranet(scope, `internal-${service.name}`, { appId, intranetSlbId: slb.id, intranet: listeners });
      }
    }
    for (const [port, rules] of plan.ingresses) {
      new SaeIngress(scope, `${visibility}-ingress-${port}`, {
        slbId: slb.id,
        namespaceId: inputs.namespaceId,
        listenerPort: port,
        listenerProtocol: "HTTP",
        description: `${scope.node.id} ${visibility} port ${port}`,
        rules: rules.map((r) => ({
          appId: inputs.applications.get(r.service)!.id,
          appName: r.service.name,
          containerPort: r.containerPort,
          domain: r.domain,
          path: "/",
        })),
      });
    }
    new TerraformOutput(scope, `${visibility}-address`, {
      value: slb.address,
      description: `Address of the ${visibility} load balancer; point the routes' domains here`,
    });
  }
  return rendered;
}

function renderLoadBalancer(scope: Construct, visibility: RouteVisibility, inputs: RouteInputs): SlbLoadBalancer {
  const internet = visibility === "public";
  return new SlbLoadBalancer(scope, `${visibility}-load-balancer`, {
    loadBalancerName: `${scope.node.id}-${visibility}`,
    addressType: internet ? "internet" : "intranet",
    vswitchId: internet ? undefined : inputs.vswitchId,
    internetChargeType: internet ? "PayByTraffic" : undefined,
    paymentType: "PayAsYouGo",
    instanceChargeType: "PayBySpec",
    loadBalancerSpec: inputs.loadBalancerSpec,
    deleteProtection: inputs.deletionProtection ? "on" : "off",
    tags: inputs.tags,
    // The address is what DNS and other systems point at: keep it.
    lifecycle: { preventDestroy: inputs.deletionProtection },
  });
}
