import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/**
 * Every service with a route has a probe. The model has one probe, used for
 * readiness (no traffic until it passes) and liveness (restart when it fails);
 * without it the load balancer sends requests to instances that are still
 * starting or hung. Judged on the service and on every probe the platform writes for it.
 */
export function probesPolicy(): Policy {
  return {
    name: "probes",
    checkRendered: ({ workloads }, { catalog, settings }) => {
      const c = new Checker("probes");
      for (const workload of workloads) {
        const service = catalog.services.find((s) => s.name === workload.service);
        const routed = service?.ports.findIndex((port) => port.route !== undefined) ?? -1;
        if (routed < 0) continue;
        for (const probe of workload.probes) {
          c.expect(probe.present, probe.path, probe.field, probe.value,
            `the service's probe, kept in the final configuration: ports[${routed}] is routed, and stage "${settings.name}" ` +
            "sends traffic only to instances that pass it (an Aspect or override may not remove it)");
        }
      }
      return c.violations;
    },
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
