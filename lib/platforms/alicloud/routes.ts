import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { SaeApplication } from "../../../.gen/providers/alicloud/sae-application";
import { SaeIngress } from "../../../.gen/providers/alicloud/sae-ingress";
import { SaeLoadBalancerInternet } from "../../../.gen/providers/alicloud/sae-load-balancer-internet";
import { SaeLoadBalancerIntranet } from "../../../.gen/providers/alicloud/sae-load-balancer-intranet";
import { SlbLoadBalancer } from "../../../.gen/providers/alicloud/slb-load-balancer";
import { Route, RouteVisibility } from "../../model/route";
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

/** Every load balancer an environment's routes and aliases need. */
export interface RoutePlan extends Record<RouteVisibility, LoadBalancerPlan> {
  /**
   * Services with aliases, each with an intranet load balancer of its own: an
   * alias reaches every port on its own number, which a shared load balancer
   * could offer only one service per number. SAE binds one intranet load
   * balancer per application, so the service's internal routes without
   * domains listen there too.
   */
  readonly aliased: ReadonlyMap<Service, readonly PortMapping[]>;
}

/**
 * The routes of `services`, split by who may reach them (public: internet SLB,
 * internal: intranet SLB), and the own intranet SLB of each aliased service.
 */
export function planRoutes(services: readonly Service[]): RoutePlan {
  const plan = {
    public: { mappings: new Map<Service, PortMapping[]>(), ingresses: new Map<number, HostRule[]>() },
    internal: { mappings: new Map<Service, PortMapping[]>(), ingresses: new Map<number, HostRule[]>() },
    aliased: new Map<Service, PortMapping[]>(),
  };
  for (const service of services) {
    const own: PortMapping[] = [];
    for (const port of service.routedPorts) {
      const route = port.route!;
      const target = plan[route.visibility];
      if (route.domains.length === 0) {
        const mapping: PortMapping = { port: route.listenerPort, targetPort: port.port, protocol: port.protocol === "http" ? "HTTP" : "TCP" };
        if (route.visibility === "internal" && service.aliases.length > 0) own.push(mapping);
        else target.mappings.set(service, [...(target.mappings.get(service) ?? []), mapping]);
      } else {
        const rules = target.ingresses.get(route.listenerPort) ?? [];
        rules.push(...route.domains.map((domain) => ({ service, domain, containerPort: port.port })));
        target.ingresses.set(route.listenerPort, rules);
      }
    }
    if (service.aliases.length === 0) continue;
    for (const port of service.ports) {
      if (!own.some((m) => m.port === port.port && m.targetPort === port.port)) own.push({ port: port.port, targetPort: port.port, protocol: "TCP" });
    }
    plan.aliased.set(service, own);
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

/** The load balancers rendered: the shared ones, and each aliased service's own intranet one. */
export interface RenderedLoadBalancers {
  readonly public?: SlbLoadBalancer;
  readonly internal?: SlbLoadBalancer;
  readonly aliased: ReadonlyMap<Service, SlbLoadBalancer>;
}

/**
 * One shared CLB per visibility that has routes: an internet CLB for public
 * routes and an intranet CLB for internal ones (a CLB has one address type).
 * Routes without domains become listeners bound to their application; routes
 * with domains become one SAE ingress per listener port. An aliased service
 * gets an intranet CLB of its own.
 */
export function renderRoutes(scope: Construct, services: readonly Service[], inputs: RouteInputs): RenderedLoadBalancers {
  const plans = planRoutes(services);
  const shared: { public?: SlbLoadBalancer; internal?: SlbLoadBalancer } = {};
  for (const visibility of ["public", "internal"] as const) {
    const plan = plans[visibility];
    if (plan.mappings.size === 0 && plan.ingresses.size === 0) continue;
    const slb = renderLoadBalancer(scope, visibility, inputs);
    shared[visibility] = slb;
    for (const [service, mappings] of plan.mappings) bind(scope, visibility, service, slb, mappings, inputs);
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
      description: visibility === "public"
        ? "Address of the public load balancer; point the routes' domains here"
        : "Address of the internal load balancer; the internal routes' domains resolve to it inside the VPC",
    });
  }
  const aliased = new Map<Service, SlbLoadBalancer>();
  for (const [service, mappings] of plans.aliased) {
    const slb = renderLoadBalancer(scope, "internal", inputs, service);
    aliased.set(service, slb);
    bind(scope, "internal", service, slb, mappings, inputs);
  }
  return { ...shared, aliased };
}

/** The load balancer that serves `route` of `service`: an aliased service's own for its internal routes without domains. */
export function loadBalancerOf(balancers: RenderedLoadBalancers, service: Service, route: Route): SlbLoadBalancer {
  const own = route.visibility === "internal" && route.domains.length === 0 ? balancers.aliased.get(service) : undefined;
  return own ?? balancers[route.visibility]!;
}

function bind(
  scope: Construct, visibility: RouteVisibility, service: Service, slb: SlbLoadBalancer, mappings: readonly PortMapping[],
  inputs: RouteInputs,
): void {
  const appId = inputs.applications.get(service)!.id;
  const listeners = mappings.map((m) => ({ port: m.port, targetPort: m.targetPort, protocol: m.protocol }));
  if (visibility === "public") {
    new SaeLoadBalancerInternet(scope, `public-${service.name}`, { appId, internetSlbId: slb.id, internet: listeners });
  } else {
    new SaeLoadBalancerIntranet(scope, `internal-${service.name}`, { appId, intranetSlbId: slb.id, intranet: listeners });
  }
}

/** A CLB shared by the environment, or the own intranet CLB of `owner`. */
function renderLoadBalancer(scope: Construct, visibility: RouteVisibility, inputs: RouteInputs, owner?: Service): SlbLoadBalancer {
  const internet = visibility === "public";
  const name = owner === undefined ? visibility : `${owner.name}-${visibility}`;
  return new SlbLoadBalancer(scope, `${name}-load-balancer`, {
    loadBalancerName: `${scope.node.id}-${name}`,
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
