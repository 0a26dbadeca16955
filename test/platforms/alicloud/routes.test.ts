import { Image, Port, Route, Service, ServiceCatalog } from "../../../lib";
import { one, render, resources } from "./support";

const image = (name: string) => Image.fromRegistry(`shop/${name}`);

/** Two public sites on port 80 by domain, a public TCP port, and two internal APIs. */
const shop = (c: ServiceCatalog) => {
  new Service(c, "web", {
    image: image("web"),
    ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com", "www.shop.example.com"] }) })],
  });
  new Service(c, "admin", {
    image: image("admin"),
    ports: [
      Port.http(9000, { route: Route.public({ domains: ["admin.example.com"] }) }),
      Port.tcp(2222, { route: Route.public({ listenerPort: 2222 }) }),
    ],
  });
  new Service(c, "orders-api", { image: image("orders-api"), ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) })] });
  new Service(c, "stock-api", {
    image: image("stock-api"),
    ports: [Port.http(8086, { route: Route.internal({ listenerPort: 8086 }) }), Port.tcp(7000)],
  });
};

describe("AlicloudEnvironment: routes through shared load balancers", () => {
  const { json } = render(shop);

  test("one internet and one intranet CLB for the whole environment", () => {
    const slbs = resources(json, "alicloud_slb_load_balancer");
    expect(Object.keys(slbs).sort()).toEqual(["internal-load-balancer", "public-load-balancer"]);
    expect(slbs["public-load-balancer"]).toMatchObject({
      load_balancer_name: "prerelease-public", address_type: "internet", internet_charge_type: "PayByTraffic",
      load_balancer_spec: "slb.s1.small", instance_charge_type: "PayBySpec", payment_type: "PayAsYouGo",
    });
    expect(slbs["public-load-balancer"]).not.toHaveProperty("vswitch_id");
    expect(slbs["internal-load-balancer"]).toMatchObject({
      load_balancer_name: "prerelease-internal", address_type: "intranet",
      vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id}",
    });
  });

  test("routes with domains share one SAE ingress per listener port, a rule per domain", () => {
    const ingresses = resources(json, "alicloud_sae_ingress");
    expect(Object.keys(ingresses)).toEqual(["public-ingress-80"]);
    expect(ingresses["public-ingress-80"]).toMatchObject({
      slb_id: "${alicloud_slb_load_balancer.public-load-balancer.id}",
      namespace_id: "${alicloud_sae_namespace.sae-namespace.id}",
      listener_port: 80,
      listener_protocol: "HTTP",
      rules: [
        { app_id: "${alicloud_sae_application.app-web.id}", app_name: "web", container_port: 8080, domain: "shop.example.com", path: "/" },
        { app_id: "${alicloud_sae_application.app-web.id}", app_name: "web", container_port: 8080, domain: "www.shop.example.com", path: "/" },
        { app_id: "${alicloud_sae_application.app-admin.id}", app_name: "admin", container_port: 9000, domain: "admin.example.com", path: "/" },
      ],
    });
  });

  test("routes without domains become listeners bound to their application on the shared CLB", () => {
    expect(resources(json, "alicloud_sae_load_balancer_internet")).toEqual({
      "public-admin": expect.objectContaining({
        app_id: "${alicloud_sae_application.app-admin.id}",
        internet_slb_id: "${alicloud_slb_load_balancer.public-load-balancer.id}",
        internet: [{ port: 2222, target_port: 2222, protocol: "TCP" }],
      }),
    });
    const intranet = resources(json, "alicloud_sae_load_balancer_intranet");
    expect(Object.keys(intranet).sort()).toEqual(["internal-orders-api", "internal-stock-api"]);
    expect(intranet["internal-stock-api"]).toMatchObject({
      app_id: "${alicloud_sae_application.app-stock-api.id}",
      intranet_slb_id: "${alicloud_slb_load_balancer.internal-load-balancer.id}",
      intranet: [{ port: 8086, target_port: 8086, protocol: "HTTP" }],
    });
  });

  test("the load balancers' addresses are outputs", () => {
    expect(json.output["public-address"].value).toBe("${alicloud_slb_load_balancer.public-load-balancer.address}");
    expect(json.output["internal-address"].value).toBe("${alicloud_slb_load_balancer.internal-load-balancer.address}");
  });

  test("no routes, no load balancers", () => {
    const plain = render(one({ ports: [Port.http(8080)] })).json;
    expect(plain.resource).not.toHaveProperty("alicloud_slb_load_balancer");
    expect(plain.resource).not.toHaveProperty("alicloud_sae_ingress");
    expect(plain).not.toHaveProperty("output");
  });

  test("internal routes only: an intranet CLB and nothing facing the internet", () => {
    const internal = render(one({ ports: [Port.http(8080, { route: Route.internal({ domains: ["app.shop.internal"] }) })] })).json;
    expect(Object.keys(resources(internal, "alicloud_slb_load_balancer"))).toEqual(["internal-load-balancer"]);
    expect(resources(internal, "alicloud_sae_ingress")["internal-ingress-80"].slb_id)
      .toBe("${alicloud_slb_load_balancer.internal-load-balancer.id}");
  });

  test("the load balancer specification is configurable", () => {
    const big = render(shop, { loadBalancerSpec: "slb.s3.medium" }).json;
    for (const slb of Object.values(resources(big, "alicloud_slb_load_balancer"))) {
      expect(slb.load_balancer_spec).toBe("slb.s3.medium");
    }
  });
});
