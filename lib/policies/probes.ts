import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/**
 * Every service with a route has a probe. The model has one probe, used for
 * readiness (no traffic until it passes) and liveness (restart when it fails);
 * without it the load balancer sends requests to instances that are still
 * starting or hung.
 */
export function probesPolicy(): Policy {
  return {
    name: "probes",
    check: ({ path, catalog, settings }) => {
      const c = new Checker("probes");
      for (const service of catalog.services) {
        const routed = service.ports.findIndex((port) => port.route !== undefined);
        if (routed < 0) continue;
        c.expect(service.probe !== undefined, `${path}/${service.name}`, "probe", service.probe,
          `a readiness and liveness probe (Probe.http, Probe.tcp or Probe.command): ports[${routed}] is routed, and ` +
          `stage "${settings.name}" sends traffic only to instances that pass it`);
      }
      return c.violations;
    },
  };
}
