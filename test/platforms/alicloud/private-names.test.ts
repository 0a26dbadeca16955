import { Image, Port, Probe, Route, Service, ServiceCatalog } from "../../../lib";
import { render, resources } from "./support";

const INTRANET = "${alicloud_slb_load_balancer.internal-load-balancer.address}";

/** A service routed by internal domains, a cache reached by its compose link names, and a caller of both. */
const aixue = (c: ServiceCatalog) => {
  const query = new Service(c, "querybyid", {
    image: Image.fromRegistry("aixue/querybyid"),
    ports: [Port.http(8080, { route: Route.internal({ domains: ["aixue-superxue-querybyid.local", "*.querybyid.local"] }) })],
    probe: Probe.http(8080),
  });
  const cache = new Service(c, "cache", { image: Image.fromRegistry("aixue/cache"), ports: [Port.tcp(6379)], aliases: ["cache", "redis"] });
  new Service(c, "recommender", { image: Image.fromRegistry("aixue/recommender"), ports: [Port.http(8085)], dependsOn: [query, cache] });
};

describe("AlicloudEnvironment: names callers already use resolve through PrivateZone", () => {
  const { json } = render(aixue);

  test("a zone per name, attached to the environment's VPC, falling back to recursive resolution", () => {
    const zones = resources(json, "alicloud_pvtz_zone");
    expect(Object.values(zones).map((z: any) => z.zone_name).sort())
      .toEqual(["aixue-superxue-querybyid.local", "cache", "querybyid.local", "redis"]);
    for (const zone of Object.values<any>(zones)) expect(zone.proxy_pattern).toBe("RECORD");
    const attachments = Object.values<any>(resources(json, "alicloud_pvtz_zone_attachment"));
    expect(attachments).toHaveLength(4);
    for (const a of attachments) expect(a.vpc_ids).toEqual(["${alicloud_vpc.vpc.id}"]);
    expect(attachments.map((a) => a.zone_id).sort()).toEqual(Object.keys(zones).map((id) => `\${alicloud_pvtz_zone.${id}.id}`).sort());
  });

  test("internal route domains are A records to the shared intranet load balancer, a wildcard domain a '*' record", () => {
    const records = resources(json, "alicloud_pvtz_zone_record");
    expect(records["private-zone-aixue-superxue-querybyid_local-apex"]).toEqual({
      zone_id: "${alicloud_pvtz_zone.private-zone-aixue-superxue-querybyid_local.id}", rr: "@", type: "A", value: INTRANET, ttl: 60,
    });
    expect(records["private-zone-querybyid_local-wildcard"]).toMatchObject({ rr: "*", type: "A", value: INTRANET });
    expect(Object.keys(records)).toHaveLength(4);
  });

  test("aliases are A records to their service's own intranet load balancer, which forwards each port on its number", () => {
    const records = resources(json, "alicloud_pvtz_zone_record");
    const own = "${alicloud_slb_load_balancer.cache-internal-load-balancer.address}";
    expect(records["private-zone-cache-apex"]).toMatchObject({ rr: "@", type: "A", value: own });
    expect(records["private-zone-redis-apex"]).toMatchObject({ rr: "@", type: "A", value: own });
    expect(resources(json, "alicloud_slb_load_balancer")["cache-internal-load-balancer"]).toMatchObject({
      load_balancer_name: "prerelease-cache-internal", address_type: "intranet", vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id}",
    });
    expect(resources(json, "alicloud_sae_load_balancer_intranet")).toEqual({
      "internal-cache": {
        app_id: "${alicloud_sae_application.app-cache.id}",
        intranet_slb_id: "${alicloud_slb_load_balancer.cache-internal-load-balancer.id}",
        intranet: [{ port: 6379, target_port: 6379, protocol: "TCP" }],
      },
    });
    expect(resources(json, "alicloud_sae_ingress")["internal-ingress-80"].rules.map((r: any) => r.domain))
      .toEqual(["aixue-superxue-querybyid.local", "*.querybyid.local"]);
  });

  test("two aliased services may listen on the same port: each has its own load balancer", () => {
    const { json: two } = render((c) => {
      new Service(c, "orders", { image: Image.fromRegistry("shop/orders"), ports: [Port.tcp(8080)], aliases: ["orders"] });
      new Service(c, "stock", { image: Image.fromRegistry("shop/stock"), ports: [Port.tcp(8080)], aliases: ["stock"] });
    });
    expect(Object.keys(resources(two, "alicloud_slb_load_balancer")).sort())
      .toEqual(["orders-internal-load-balancer", "stock-internal-load-balancer"]);
  });

  test("an aliased service keeps its internal route on its own load balancer, one listener per number", () => {
    const { json: own } = render((c) => new Service(c, "cache", {
      image: Image.fromRegistry("aixue/cache"),
      ports: [Port.tcp(6379, { route: Route.internal({ listenerPort: 6379 }) })],
      aliases: ["redis"],
    }));
    expect(resources(own, "alicloud_sae_load_balancer_intranet")["internal-cache"].intranet)
      .toEqual([{ port: 6379, target_port: 6379, protocol: "TCP" }]);
  });

  test("a catalog without internal domains or aliases has no PrivateZone resources", () => {
    const { json: plain } = render((c) => new Service(c, "app", { image: Image.fromRegistry("shop/app"), ports: [Port.http(80)] }));
    for (const type of ["alicloud_pvtz_zone", "alicloud_pvtz_zone_record", "alicloud_pvtz_zone_attachment"]) {
      expect(resources(plain, type)).toEqual({});
    }
  });
});
