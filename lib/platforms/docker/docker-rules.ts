import { PolicyContext } from "../../environments/policy";
import { Checker } from "../../validation/checker";
import { PORT, matching } from "../../validation/rules";
import { Violation } from "../../validation/violation";

const IPV4 = matching(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/, "an IPv4 address such as 127.0.0.1");

/** What the Docker platform needs beyond the model rules. */
export function dockerRules(context: PolicyContext, publishAddress: string, registryPort: number): Violation[] {
  const c = new Checker("docker");
  const path = context.path;
  if (c.check(path, "publishAddress", publishAddress, IPV4)) {
    c.expect(context.settings.allowInternet || publishAddress.startsWith("127."), path, "publishAddress", publishAddress,
      `a loopback address (127.0.0.0/8): stage "${context.settings.name}" does not allow internet exposure`);
  }
  if (c.check(path, "registryPort", registryPort, PORT)) {
    for (const service of context.catalog.services) {
      service.ports.forEach((port, i) => {
        if (!port.route) return;
        c.expect(port.protocol === "http", `${path}/${service.name}`, `ports[${i}].protocol`, port.protocol,
          "http: the Docker load balancer routes HTTP only");
        c.expect(port.route.listenerPort !== registryPort, `${path}/${service.name}`, `ports[${i}].route.listenerPort`,
          port.route.listenerPort, `a port other than the registry's host port (${registryPort})`);
      });
    }
  }
  return c.violations;
}
