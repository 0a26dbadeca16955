/**
 * What a Docker environment takes on its host is claimed from its final
 * configuration too: an Aspect or override that gives one environment
 * another's container, network or volume name, or publishes another's port on
 * the same host, collides as the same input would. Nothing of the App is written.
 */
import { App, Aspects, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { Port, Route } from "../../lib";
import { readOutput, tempApp } from "../support/synth";
import { HostileRow, docker, expectRow, web } from "./hostile";

/** An Aspect that overrides `attribute` with `value` on the resource `id` of a stack. */
function overridingOne(id: string, attribute: string, value: unknown): IAspect {
  return { visit: (node: IConstruct) => {
    if (TerraformResource.isTerraformResource(node) && node.node.id === id) node.addOverride(attribute, value);
  } };
}

/** `test` and `test2` on one Docker host, with their own ports. */
function twoOnOneHost(app: App) {
  const first = docker(app, "test");
  const ports = [Port.http(8080, { route: Route.internal({ listenerPort: 8081 }) })];
  const second = docker(app, "test2", web({ ports }), { registryPort: 5001 });
  return { first, second };
}

const clash = (resource: string, owner: string) => `its own ${resource}, not another environment's of this App: ${owner} already uses`;

const rows: HostileRow[] = [
  { name: "an Aspect that names one environment's load balancer container as another's",
    build: (app) => Aspects.of(twoOnOneHost(app).second).add(overridingOne("load-balancer", "name", "test-lb")),
    errors: [["test2/load-balancer", "docker_container.load-balancer.name", '"test-lb"', clash("Docker container name", "test")]] },
  { name: "an override that gives one environment another's network",
    build: (app) => twoOnOneHost(app).second.addOverride("resource.docker_network.network.name", "test-net"),
    errors: [["test2/network", "docker_network.network.name", '"test-net"', clash("Docker network name", "test")]] },
  { name: "an Aspect that keeps one environment's registry in another's volume",
    build: (app) => Aspects.of(twoOnOneHost(app).second).add(overridingOne("registry-data", "name", "test-registry-data")),
    errors: [["test2/registry-data", "docker_volume.registry-data.name", '"test-registry-data"', clash("Docker volume name", "test")]] },
  { name: "an override that publishes one environment's registry on another's port",
    build: (app) => twoOnOneHost(app).second.addOverride("resource.docker_container.registry.ports", [{ internal: 5000, external: 5000, ip: "127.0.0.1" }]),
    errors: [["test2/registry", "docker_container.registry.ports[1].external", '"127.0.0.1:5000"', clash("published port", "test")]] },
  { name: "an Aspect that publishes a replica on the other environment's listener port",
    // On loopback: published on every address, the test stage's own rule refuses it first (rendered-checks.test.ts).
    build: (app) => Aspects.of(twoOnOneHost(app).second).add(overridingOne("web-1", "ports", [{ internal: 8080, external: 8080, ip: "127.0.0.1" }])),
    errors: [["test2/web-1", "docker_container.web-1.ports[0].external", '"127.0.0.1:8080"', clash("published port", "test")]] },
  { name: "two environments on one host with their own names and ports (harmless)", build: twoOnOneHost },
  { name: "the same names on two Docker hosts (harmless)",
    build: (app) => {
      docker(app, "test");
      Aspects.of(docker(app, "test2", web(), { dockerHost: "tcp://10.0.0.7:2376" })).add(overridingOne("load-balancer", "name", "test-lb"));
    } },
];

describe("Docker claims on the final configuration", () => {
  test.each(rows)("$name", (row) => {
    const app = tempApp();
    expectRow(app, row);
    if (row.errors) expect(readOutput(app.outdir).stacks).toEqual({});
  });
});
