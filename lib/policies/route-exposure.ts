import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/**
 * A public route without domains is a warning: it answers any host name
 * pointed at the load balancer, including ones nobody meant to serve. Whether
 * a public route may face the internet at all (settings.allowInternet) is a
 * fact of each platform, so the platform rules report that, once, and it
 * cannot be relaxed.
 */
export function routeExposurePolicy(): Policy {
  return {
    name: "route-exposure",
    check: ({ path, catalog }) => {
      const warnings = new Checker("route-exposure", "warning");
      for (const service of catalog.services) {
        service.ports.forEach((port, i) => {
          if (port.route?.visibility !== "public") return;
          warnings.expect(port.route.domains.length > 0, `${path}/${service.name}`, `ports[${i}].route.domains`, port.route.domains,
            "the host names this public route serves: without domains it answers every host name pointed at the load balancer");
        });
      }
      return warnings.violations;
    },
  };
}
