import { Service } from "../../model/service";
import { StageSettings } from "../../policies/policy";
import { Checker } from "../../validation/checker";
import { RenderedStack } from "../../validation/rendered-rules";
import { Violation } from "../../validation/violation";

type Resource = Readonly<Record<string, unknown>>;

/**
 * Who may reach each route in the final configuration, after every Aspect and
 * override, judged as the input's routes are (alicloud-rules.ts), so it cannot
 * be relaxed either: a load balancer that serves an internal route is an
 * intranet one; no port whose route is internal (or that has no route) is
 * bound to the internet; and where the stage does not allow the internet,
 * nothing faces it (a CLB without `address_type` faces it, and an internet
 * binding without a CLB makes SAE buy one).
 */
export function validateRenderedExposure(
  stackPath: string, stack: RenderedStack, settings: StageSettings, services: readonly Service[],
): Violation[] {
  const c = new Checker("alicloud");
  const kept = "; the final configuration (after Aspects and overrides) must keep it";
  const noInternet = `stage "${settings.name}" does not allow internet exposure${kept}`;
  const resources = (type: string): [string, Resource, string][] => Object.entries(stack.resource?.[type] ?? {}).map(([id, r]) => {
    const meta = (r["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    return [id, r, typeof meta === "string" ? meta : `${stackPath}/${id}`];
  });
  const slbOf = (value: unknown) => (typeof value === "string" ? /^\$\{alicloud_slb_load_balancer\.([^.}]+)\.id\}$/.exec(value)?.[1] : undefined);
  const serviceOf = (value: unknown) => {
    const app = typeof value === "string" ? /^\$\{alicloud_sae_application\.app-([^.}]+)\.id\}$/.exec(value)?.[1] : undefined;
    return services.find((s) => s.name === app);
  };
  /** Whether `port` of `service` has a route anyone outside the VPC may take. */
  const publicPort = (service: Service, port: unknown) =>
    service.ports.some((p) => p.port === Number(port) && p.route?.visibility === "public");
  const internalDomains = new Set(services.flatMap((s) => s.ports.flatMap((p) => (p.route?.visibility === "internal" ? p.route.domains : []))));

  // The load balancers that serve internal routes: the library's own, and any an intranet binding or an internal host rule uses.
  const internal = new Map<string, string>();
  for (const [id, , path] of resources("alicloud_slb_load_balancer")) {
    const constructId = path.slice(stackPath.length + 1);
    if (constructId === "internal-load-balancer" || constructId.endsWith("-internal-load-balancer")) internal.set(id, "it serves the internal routes");
  }
  for (const [id, binding] of resources("alicloud_sae_load_balancer_intranet")) {
    const slb = slbOf(binding.intranet_slb_id);
    if (slb !== undefined) internal.set(slb, `alicloud_sae_load_balancer_intranet.${id} binds internal routes to it`);
  }
  const ingresses = resources("alicloud_sae_ingress").map(([id, ingress, path]) =>
    ({ id, path, slb: slbOf(ingress.slb_id), rules: Array.isArray(ingress.rules) ? (ingress.rules as Resource[]) : [] }));
  for (const { id, slb, rules } of ingresses) {
    if (slb !== undefined && rules.some((r) => internalDomains.has(String(r?.domain)))) {
      internal.set(slb, `alicloud_sae_ingress.${id} serves an internal route's domain on it`);
    }
  }
  // A host rule on a load balancer that faces the internet, for a port whose route is not public, makes that route public.
  for (const { id, path, slb, rules } of ingresses) {
    if (slb === undefined || internal.has(slb) || stack.resource?.alicloud_slb_load_balancer?.[slb]?.address_type === "intranet") continue;
    rules.forEach((rule, i) => {
      const service = serviceOf(rule?.app_id);
      if (service === undefined) return;
      c.expect(publicPort(service, rule?.container_port), path, `alicloud_sae_ingress.${id}.rules[${i}].container_port`, rule?.container_port,
        `a port of ${service.name} whose route is public: this host rule is on a load balancer that faces the internet${kept}`);
    });
  }
  for (const [id, slb, path] of resources("alicloud_slb_load_balancer")) {
    const why = internal.get(id);
    const field = `alicloud_slb_load_balancer.${id}.address_type`;
    if (why !== undefined) c.expect(slb.address_type === "intranet", path, field, slb.address_type, `"intranet": ${why}${kept}`);
    else c.expect(slb.address_type === "intranet" || settings.allowInternet === true, path, field, slb.address_type, `"intranet": ${noInternet}`);
  }
  for (const [id, binding, path] of resources("alicloud_sae_load_balancer_internet")) {
    if (!c.expect(settings.allowInternet === true, path, `alicloud_sae_load_balancer_internet.${id}`, binding.app_id,
      `no binding to the internet: ${noInternet}`)) continue;
    const service = serviceOf(binding.app_id);
    const listeners = Array.isArray(binding.internet) ? (binding.internet as Resource[]) : binding.internet ? [binding.internet as Resource] : [];
    listeners.forEach((listener, i) => {
      if (service === undefined) return;
      c.expect(publicPort(service, listener?.target_port), path, `alicloud_sae_load_balancer_internet.${id}.internet[${i}].target_port`, listener?.target_port,
        `a port of ${service.name} whose route is public: a port with an internal route (or none) is never bound to the internet${kept}`);
    });
  }
  return c.violations;
}
