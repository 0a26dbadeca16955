import { PolicyContext } from "../../policies/policy";
import { Checker } from "../../validation/checker";
import { IMAGE_REFERENCE, PORT, REGISTRY_HOST, integerBetween, matching } from "../../validation/rules";
import { Violation } from "../../validation/violation";
import { ResolvedDockerProps } from "./docker-props";

const IPV4 = matching(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/, "an IPv4 address such as 127.0.0.1");
const DOCKER_HOST = matching(
  /^(unix:\/\/\/\S+|npipe:\/\/\/\/\S+|tcp:\/\/[A-Za-z0-9.-]+:\d{1,5}|ssh:\/\/([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:\d{1,5})?)$/,
  "a Docker daemon address: unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://[user@]host[:port]",
);
const LOG_SIZE = matching(/^[1-9]\d*[kmg]$/, 'a json-file log size: a whole number followed by k, m or g, e.g. "10m"');
const LOG_FILES = integerBetween(1, 100);

/** What the Docker platform needs beyond the model rules. */
export function dockerRules(context: PolicyContext, props: ResolvedDockerProps): Violation[] {
  const c = new Checker("docker");
  const path = context.path;
  c.check(path, "dockerHost", props.dockerHost, DOCKER_HOST);
  c.check(path, "loadBalancerImage", props.loadBalancerImage, IMAGE_REFERENCE);
  c.check(path, "registryImage", props.registryImage, IMAGE_REFERENCE);
  c.check(path, "logMaxSize", props.logMaxSize, LOG_SIZE);
  c.check(path, "logMaxFiles", props.logMaxFiles, LOG_FILES);
  if (c.check(path, "publishAddress", props.publishAddress, IPV4) && !props.publishAddress.startsWith("127.")) {
    c.expect(context.settings.allowInternet, path, "publishAddress", props.publishAddress,
      `a loopback address (127.0.0.0/8): stage "${context.settings.name}" does not allow internet exposure`);
    // The one load balancer publishes every route on this address, internal ones too.
    const internal = context.catalog.services.find((s) => s.ports.some((p) => p.route?.visibility === "internal"));
    c.expect(!context.settings.allowInternet || internal === undefined, path, "publishAddress", props.publishAddress,
      `a loopback address (127.0.0.0/8): the load balancer publishes every route on it, and ${internal?.name}'s route is internal`);
  }
  // The default registry host is derived from the port: report a bad port once.
  if (c.check(path, "registryPort", props.registryPort, PORT)) {
    c.check(path, "registry", props.registry, REGISTRY_HOST);
    for (const service of context.catalog.services) {
      service.ports.forEach((port, i) => {
        if (!port.route) return;
        c.expect(port.protocol === "http", `${path}/${service.name}`, `ports[${i}].protocol`, port.protocol,
          "http: the Docker load balancer routes HTTP only");
        c.expect(port.route.listenerPort !== props.registryPort, `${path}/${service.name}`, `ports[${i}].route.listenerPort`,
          port.route.listenerPort, `a port other than the registry's host port (${props.registryPort})`);
      });
    }
  }
  return c.violations;
}
