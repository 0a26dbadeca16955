import { Service } from "../../model/service";
import { StageSettings } from "../../policies/policy";
import { Checker } from "../../validation/checker";
import { RenderedStack } from "../../validation/rendered-rules";
import { Violation } from "../../validation/violation";

/** An address of the host's own loopback interface, where nothing off the host reaches a port. */
const LOOPBACK = /^127(\.\d{1,3}){3}$/;

/**
 * Every address the final configuration publishes a port on, after every
 * Aspect and override, judged as the input's `publishAddress` is
 * (docker-rules.ts), so it cannot be relaxed either: off loopback only where
 * the stage allows the internet, and never where it publishes an internal
 * route (the load balancer carries every route; a replica container, its
 * service's). Docker publishes on every address of the host when a port names
 * none. A store's container is store-exposure's to judge.
 */
export function validateRenderedExposure(
  stackPath: string, stack: RenderedStack, settings: StageSettings, services: readonly Service[],
): Violation[] {
  const c = new Checker("docker");
  const internal = services.filter((s) => s.ports.some((p) => p.route?.visibility === "internal")).map((s) => s.name);
  const kept = "; the final configuration (after Aspects and overrides) must keep it";
  for (const [id, container] of Object.entries(stack.resource?.docker_container ?? {})) {
    const meta = (container["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    const path = typeof meta === "string" ? meta : `${stackPath}/${id}`;
    const constructId = path.startsWith(`${stackPath}/`) ? path.slice(stackPath.length + 1) : id;
    if (constructId.startsWith("store-")) continue;
    const carries = constructId === "load-balancer" ? internal[0] : internal.find((s) => constructId.startsWith(`${s}-`) && /^\d+$/.test(constructId.slice(s.length + 1)));
    const ports = Array.isArray(container.ports) ? (container.ports as unknown[]) : container.ports ? [container.ports] : [];
    ports.forEach((port, i) => {
      const ip = (port as { ip?: unknown } | null)?.ip ?? "0.0.0.0";
      if (typeof ip === "string" && LOOPBACK.test(ip)) return;
      const field = `docker_container.${id}.ports[${i}].ip`;
      if (!c.expect(settings.allowInternet === true, path, field, ip,
        `a loopback address (127.0.0.0/8): stage "${settings.name}" does not allow internet exposure${kept}`)) return;
      c.expect(carries === undefined, path, field, ip,
        `a loopback address (127.0.0.0/8): ${constructId === "load-balancer" ? "the load balancer publishes every route on it" : "this container serves its service's routes"}, ` +
        `and ${carries}'s route is internal${kept}`);
    });
  }
  return c.violations;
}
