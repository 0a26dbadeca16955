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

  test("every name is an A record to the intranet load balancer; a wildcard domain is a '*' record", () => {
    const records = resources(json, "alicloud_pvtz_zone_record");
    expect(records["private-zone-aixue-superxue-querybyid_local-apex"]).toEqual({
      zone_id: "${alicloud_pvtz_zone.private-zone-aixue-superxue-querybyid_local.id}", rr: "@", type: "A", value: INTRANET, ttl: 60,
    });
    expect(records["private-zone-querybyid_local-wildcard"]).toMatchObject({ rr: "*", type: "A", value: INTRANET });
    expect(Object.values<any>(records).every((r) => r.value === INTRANET)).toBe(true);
    expect(Object.keys(records)).toHaveLength(4);
  });

  test("the intranet load balancer forwards each port of an aliased service on the same number", () => {
    expect(resources(json, "alicloud_sae_load_balancer_intranet")).toEqual({
      "internal-cache": {
        app_id: "${alicloud_sae_application.app-cache.id}",
        intranet_slb_id: "${alicloud_slb_load_balancer.internal-load-balancer.id}",
        intranet: [{ port: 6379, target_port: 6379, protocol: "TCP" }],
      },
    });
    expect(resources(json, "alicloud_sae_ingress")["internal-ingress-80"].rules.map((r: any) => r.domain))
      .toEqual(["aixue-superxue-querybyid.local", "*.querybyid.local"]);
  });

  test("an aliased service that routes its own port on the same number gets one listener", () => {
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
