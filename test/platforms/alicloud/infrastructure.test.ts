import { Duration, Image, LogStore, Port, Route, Service, ServiceCatalog, Stages } from "../../../lib";
import { BASE_PROPS, one, render, resources, stage } from "./support";

const twoServices = (c: ServiceCatalog) => {
  new Service(c, "orders-api", { image: Image.fromRegistry("shop/orders-api"), logs: LogStore.stdout("orders", { retention: Duration.days(90) }) });
  new Service(c, "web", { image: Image.fromRegistry("shop/web") });
  new Service(c, "web-canary", { image: Image.fromRegistry("shop/web"), logs: LogStore.stdout("web") });
};

describe("AlicloudEnvironment: provider and remote state", () => {
  test("the provider is configured with the region only: credentials come from the environment", () => {
    const { json } = render(one());
    expect(json.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    expect(json.terraform.required_providers.alicloud).toEqual({ source: "aliyun/alicloud", version: "~> 1.247.0" });
  });

  test("state lives in OSS under the environment's prefix, locked in Tablestore, encrypted", () => {
    const { json } = render(one());
    expect(json.terraform.backend).toEqual({
      oss: {
        bucket: "shop-tf-state",
        prefix: "prerelease",
        region: "cn-hangzhou",
        tablestore_endpoint: "https://shop-lock.cn-hangzhou.ots.aliyuncs.com",
        tablestore_table: "terraform_state_lock",
        encrypt: true,
        acl: "private",
      },
    });
    const custom = render(one(), {
      state: { ...BASE_PROPS.state, prefix: "shop/pre", region: "cn-shanghai", tablestoreTable: "locks" },
    }).json;
    expect(custom.terraform.backend.oss).toMatchObject({ prefix: "shop/pre", region: "cn-shanghai", tablestore_table: "locks" });
  });
});

describe("AlicloudEnvironment: network", () => {
  test("a created VPC with one vSwitch per zone", () => {
    const { json } = render(one(), { network: { cidrBlock: "10.8.0.0/16", zones: [
      { zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/24" },
      { zoneId: "cn-hangzhou-i", cidrBlock: "10.8.2.0/24" },
      { zoneId: "cn-hangzhou-j", cidrBlock: "10.8.3.0/24" },
    ] } });
    expect(resources(json, "alicloud_vpc").vpc).toMatchObject({ vpc_name: "prerelease", cidr_block: "10.8.0.0/16" });
    const vswitches = Object.values(resources(json, "alicloud_vswitch"));
    expect(vswitches.map((v: any) => [v.zone_id, v.cidr_block, v.vpc_id])).toEqual([
      ["cn-hangzhou-h", "10.8.1.0/24", "${alicloud_vpc.vpc.id}"],
      ["cn-hangzhou-i", "10.8.2.0/24", "${alicloud_vpc.vpc.id}"],
      ["cn-hangzhou-j", "10.8.3.0/24", "${alicloud_vpc.vpc.id}"],
    ]);
    expect(resources(json, "alicloud_sae_application")["app-app"].vswitch_id.split(",")).toHaveLength(3);
  });

  test("the VPC's CIDR defaults to 10.0.0.0/16", () => {
    expect(resources(render(one()).json, "alicloud_vpc").vpc.cidr_block).toBe("10.0.0.0/16");
  });

  test("an existing VPC and vSwitches are referred to, not created", () => {
    const { json } = render(one(), { network: { vpcId: "vpc-abc123", zones: [
      { zoneId: "cn-hangzhou-h", vswitchId: "vsw-aaa111" },
      { zoneId: "cn-hangzhou-i", vswitchId: "vsw-bbb222" },
    ] } });
    expect(json.resource).not.toHaveProperty("alicloud_vpc");
    expect(json.resource).not.toHaveProperty("alicloud_vswitch");
    expect(resources(json, "alicloud_sae_application")["app-app"]).toMatchObject({
      vpc_id: "vpc-abc123", vswitch_id: "vsw-aaa111,vsw-bbb222",
    });
  });
});

describe("AlicloudEnvironment: registry", () => {
  test("an existing instance: linked to the VPC, repositories left to whoever owns the instance", () => {
    const { json } = render(twoServices);
    expect(json.resource).not.toHaveProperty("alicloud_cr_ee_instance");
    expect(json.resource).not.toHaveProperty("alicloud_cr_ee_repo");
    expect(resources(json, "alicloud_cr_vpc_endpoint_linked_vpc")["registry-vpc-link"]).toEqual(expect.objectContaining({
      instance_id: "cri-test0001",
      vpc_id: "${alicloud_vpc.vpc.id}",
      vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id}",
      module_name: "Registry",
      enable_create_dns_record_in_pvzt: true,
    }));
  });

  test("an existing instance may have its repositories managed here, one per image", () => {
    const { json } = render(twoServices, { registry: { ...BASE_PROPS.registry, manageRepositories: true, linkVpc: false } });
    expect(Object.values(resources(json, "alicloud_cr_ee_namespace"))).toEqual([
      expect.objectContaining({ instance_id: "cri-test0001", name: "shop", default_visibility: "PRIVATE" }),
    ]);
    const repos = Object.values(resources(json, "alicloud_cr_ee_repo"));
    expect(repos.map((r: any) => [r.namespace, r.name, r.repo_type])).toEqual([
      ["${alicloud_cr_ee_namespace.registry-namespace-shop.name}", "orders-api", "PRIVATE"],
      ["${alicloud_cr_ee_namespace.registry-namespace-shop.name}", "web", "PRIVATE"],
    ]);
    expect(json.resource).not.toHaveProperty("alicloud_cr_vpc_endpoint_linked_vpc");
  });

  test("a created instance: subscription, its VPC endpoint addresses the images", () => {
    const { json } = render(one(), { registry: { instanceName: "shop-registry", edition: "Standard", periodMonths: 24 } });
    expect(resources(json, "alicloud_cr_ee_instance").registry).toMatchObject({
      instance_name: "shop-registry", instance_type: "Standard", payment_type: "Subscription", period: 24,
    });
    const app = resources(json, "alicloud_sae_application")["app-app"];
    expect(app.image_url).toBe("shop-registry-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/app:1.0.9");
    expect(app.acr_instance_id).toBe("${alicloud_cr_ee_instance.registry.id}");
    expect(Object.keys(resources(json, "alicloud_cr_ee_repo"))).toEqual(["registry-repo-shop-app"]);
  });
});

describe("AlicloudEnvironment: logs", () => {
  test("one SLS project and one logstore per log store, with its own or the stage's retention", () => {
    const { json } = render(twoServices);
    // SLS project names are unique across all accounts: the default carries the deploying account's id, read at plan time.
    expect(resources(json, "alicloud_log_project")["log-project"]).toMatchObject({
      project_name: "prerelease-logs-${data.alicloud_account.account.id}",
    });
    expect(json.data.alicloud_account).toEqual({ account: {} });
    const stores = resources(json, "alicloud_log_store");
    expect(Object.keys(stores).sort()).toEqual(["log-store-orders", "log-store-web"]);
    expect(stores["log-store-orders"]).toMatchObject({
      project_name: "${alicloud_log_project.log-project.project_name}", logstore_name: "orders", retention_period: 90,
    });
    expect(stores["log-store-web"].retention_period).toBe(7);
    const longer = render(twoServices, { settings: stage(Stages.prerelease, { logRetention: Duration.days(14) }), logProject: "shop-pre-logs" }).json;
    expect(resources(longer, "alicloud_log_store")["log-store-web"].retention_period).toBe(14);
    expect(resources(longer, "alicloud_log_project")["log-project"].project_name).toBe("shop-pre-logs");
    expect(longer.data?.alicloud_account).toBeUndefined();
  });
});

describe("AlicloudEnvironment: deletion protection follows the stage", () => {
  const routed = one({ ports: [Port.http(80, { route: Route.public({ domains: ["shop.example.com"] }) })] });
  const stateful = ["alicloud_cr_ee_instance", "alicloud_cr_ee_namespace", "alicloud_cr_ee_repo", "alicloud_log_project",
    "alicloud_log_store", "alicloud_slb_load_balancer"];
  const created = { registry: { instanceName: "shop-registry" } };

  test("production: SLB delete protection on, prevent_destroy on every stateful resource", () => {
    const { json } = render(routed, { ...created, settings: stage(Stages.production) }, "production");
    for (const type of stateful) {
      const all = Object.values(resources(json, type));
      expect({ type, count: all.length > 0 }).toEqual({ type, count: true });
      for (const r of all) expect({ type, lifecycle: r.lifecycle }).toEqual({ type, lifecycle: { prevent_destroy: true } });
    }
    expect(resources(json, "alicloud_slb_load_balancer")["public-load-balancer"].delete_protection).toBe("on");
  });

  test("prerelease: no protection, so the environment can be torn down", () => {
    const { json } = render(routed, created);
    for (const type of stateful) {
      for (const r of Object.values(resources(json, type))) expect(r.lifecycle).toEqual({ prevent_destroy: false });
    }
    expect(resources(json, "alicloud_slb_load_balancer")["public-load-balancer"].delete_protection).toBe("off");
  });
});
