import { Testing } from "cdktf";
import { DockerEnvironment, Image, Port, Release, Route, Service, ServiceCatalog } from "../../../lib";

function render(build: (catalog: ServiceCatalog) => void) {
  const catalog = new ServiceCatalog();
  build(catalog);
  const release = Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.9"])));
  const stack = new DockerEnvironment(Testing.app(), "test", { catalog, release });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}

const aixue = (c: ServiceCatalog) => {
  new Service(c, "querybyid", {
    image: Image.fromRegistry("aixue/querybyid"),
    replicas: 1,
    ports: [Port.http(8080, { route: Route.internal({ domains: ["aixue-superxue-querybyid.local", "*.querybyid.local"] }) })],
  });
  new Service(c, "cache", { image: Image.fromRegistry("aixue/cache"), replicas: 2, ports: [Port.tcp(6379)], aliases: ["cache", "redis", "redis.local"] });
};

describe("DockerEnvironment: names callers already use are network aliases", () => {
  const { stack, json } = render(aixue);
  const containers = json.resource.docker_container;

  test("internal route domains resolve to the load balancer, which tells them apart by Host", () => {
    expect(containers["load-balancer"].networks_advanced).toEqual([
      { name: "${docker_network.network.name}", aliases: ["lb", "aixue-superxue-querybyid.local"] },
    ]);
    expect(stack.loadBalancerConfig).toContain("server_name aixue-superxue-querybyid.local *.querybyid.local;");
  });

  test("a wildcard domain cannot be a Docker alias: a warning says so, synthesis goes on", () => {
    expect(stack.report).toEqual([expect.objectContaining({
      path: "test/querybyid", field: "ports[0].route.domains[1]", value: '"*.querybyid.local"', severity: "warning", rule: "docker",
    })]);
  });

  test("aliases reach every replica directly, next to the service's own names, once each", () => {
    expect(containers["cache-1"].networks_advanced).toEqual([
      { name: "${docker_network.network.name}", aliases: ["cache", "cache-1", "redis", "redis.local"] },
    ]);
    expect(containers["cache-2"].networks_advanced[0].aliases).toEqual(["cache", "cache-2", "redis", "redis.local"]);
  });

  test("a change of aliases replaces the replicas under a new generation; other services keep theirs", () => {
    // The synth-time digest inside a replica's generation.
    const digest = (rendered: any, id: string) => /"([0-9a-f]{16})"/.exec(rendered.resource.docker_container[id].name)![1];
    const again = render(aixue).json;
    const fewer = render((c) => {
      new Service(c, "querybyid", {
        image: Image.fromRegistry("aixue/querybyid"),
        replicas: 1,
        ports: [Port.http(8080, { route: Route.internal({ domains: ["aixue-superxue-querybyid.local", "*.querybyid.local"] }) })],
      });
      new Service(c, "cache", { image: Image.fromRegistry("aixue/cache"), replicas: 2, ports: [Port.tcp(6379)], aliases: ["cache", "redis"] });
    }).json;
    expect(digest(again, "cache-1")).toBe(digest(json, "cache-1"));
    expect(digest(fewer, "cache-1")).not.toBe(digest(json, "cache-1"));
    expect(digest(fewer, "querybyid-1")).toBe(digest(json, "querybyid-1"));
  });
});
