import { Policy } from "../environments/policy";
import { Checker } from "../validation/checker";

/**
 * Only routes declared public face the internet, and only where the stage
 * allows it: a public route in a stage without internet exposure is an error
 * (declare it `Route.internal`, or allow the internet in the stage). A public
 * route without domains is a warning: it answers any host name pointed at the
 * load balancer, including ones nobody meant to serve.
 */
export function routeExposurePolicy(): Policy {
  return {
    name: "route-exposure",
    check: ({ path, catalog, settings }) => {
      const errors = new Checker("route-exposure");
      const warnings = new Checker("route-exposure", "warning");
      for (const service of catalog.services) {
        service.ports.forEach((port, i) => {
          if (port.route?.visibility !== "public") return;
          errors.expect(settings.allowInternet, `${path}/${service.name}`, `ports[${i}].route`, "public",
            `Route.internal(): stage "${settings.name}" does not allow internet exposure (settings.allowInternet is false)`);
          warnings.expect(port.route.domains.length > 0, `${path}/${service.name}`, `ports[${i}].route.domains`, port.route.domains,
            "the host names this public route serves: without domains it answers every host name pointed at the load balancer");
        });
      }
      return [...errors.violations, ...warnings.violations];
    },
  };
}
