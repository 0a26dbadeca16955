import {
  Cpu, Duration, EnvValue, LogStore, Port, Probe, Release, Rollout, Route, Secret, ServiceCatalog, Size,
} from "../../../lib";
import { SAE_INSTANCE_SPECS } from "../../../lib/platforms/alicloud/instance-specs";
import {
  expectSaeEnvs, expectSaeSlsConfigs, one, parseTerraformJson, render, resources,
} from "./support";

const api = one({
  replicas: 3,
  ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) })],
  probe: Probe.http(8085, { path: "/healthz", initialDelay: Duration.seconds(3), timeout: Duration.millis(1500), period: Duration.seconds(20) }),
  resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
  env: { LOG_LEVEL: EnvValue.literal("info"), DB_HOST: EnvValue.fromVariable("orders_db_host") },
  secrets: { DB_PASSWORD: Secret.fromVariable("orders_db_password") },
  rollout: Rollout.batches({ batches: 2, grayFirst: true, interval: Duration.seconds(90) }),
}, "orders-api");

function app(json: any, name = "orders-api"): any {
  return resources(json, "alicloud_sae_application")[`app-${name}`];
}

describe("AlicloudEnvironment: one SAE application per service", () => {
  test("an image application in the environment's namespace, VPC and every zone's vSwitch", () => {
    const { json } = render(api);
    expect(app(json)).toMatchObject({
      app_name: "orders-api",
      package_type: "Image",
      namespace_id: "${alicloud_sae_namespace.sae-namespace.id}",
      vpc_id: "${alicloud_vpc.vpc.id}",
      vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id},${alicloud_vswitch.vswitch-cn-hangzhou-i.id}",
      deploy: true,
    });
    expect(resources(json, "alicloud_sae_namespace")["sae-namespace"]).toMatchObject({
      namespace_short_id: "prerelease",
      namespace_name: "prerelease",
      enable_micro_registration: false,
    });
  });

  test("image_url is the registry endpoint, the repository and the release version", () => {
    const { json } = render(api, { release: Release.of({ "orders-api": "2.1.0" }) });
    expect(app(json).image_url).toBe("shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api:2.1.0");
    expect(app(json).acr_instance_id).toBe("cri-test0001");
    const digest = `sha256:${"a".repeat(64)}`;
    const pinned = render(api, { release: Release.of({ "orders-api": digest }) }).json;
    expect(app(pinned).image_url).toBe(`shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api@${digest}`);
  });

  test("replicas come from the service, or from the release when it says so", () => {
    expect(app(render(api).json).replicas).toBe(3);
    const scaled = render(api, { release: Release.of({ "orders-api": { version: "1.0.9", replicas: 5 } }) }).json;
    expect(app(scaled).replicas).toBe(5);
  });

  test("cpu in millicores and memory in MiB, for every allowed pair", () => {
    expect(app(render(api).json)).toMatchObject({ cpu: 1000, memory: 2048 });
    for (const spec of SAE_INSTANCE_SPECS) {
      const { json } = render(one({ resources: { cpu: Cpu.millicores(spec.cpu), memory: Size.mebibytes(spec.memory) } }));
      expect(app(json, "app")).toMatchObject({ cpu: spec.cpu, memory: spec.memory });
    }
  });

  test("an http probe becomes liveness_v2 and readiness_v2 with whole seconds, rounded up", () => {
    const probe = {
      initial_delay_seconds: 3,
      period_seconds: 20,
      timeout_seconds: 2,
      http_get: { path: "/healthz", port: 8085, scheme: "HTTP" },
    };
    expect(app(render(api).json)).toMatchObject({ liveness_v2: probe, readiness_v2: probe });
    expect(app(render(api).json).liveness_v2).not.toHaveProperty("tcp_socket");
  });

  test("tcp and command probes", () => {
    const tcp = app(render(one({ ports: [Port.tcp(9000)], probe: Probe.tcp(9000) })).json, "app");
    expect(tcp.liveness_v2).toEqual({ initial_delay_seconds: 10, period_seconds: 15, timeout_seconds: 5, tcp_socket: { port: 9000 } });
    const exec = app(render(one({ probe: Probe.command(["/bin/check", "--quick"]) })).json, "app");
    expect(exec.readiness_v2).toEqual({
      initial_delay_seconds: 10, period_seconds: 15, timeout_seconds: 5, exec: { command: ["/bin/check", "--quick"] },
    });
  });

  test("no probe, no health check blocks", () => {
    const plain = app(render(one()).json, "app");
    expect(plain).not.toHaveProperty("liveness_v2");
    expect(plain).not.toHaveProperty("readiness_v2");
  });

  test("the rollout becomes update_strategy_v2 and min_ready_instances", () => {
    const gray = app(render(api).json);
    expect(gray.update_strategy_v2).toEqual({
      type: "GrayBatchUpdate",
      batch_update: { release_type: "auto", batch: 2, batch_wait_time: 2 },
    });
    expect(gray.min_ready_instances).toBe(1);
    const plain = app(render(one({ replicas: 4, rollout: Rollout.batches({ batches: 4 }) })).json, "app");
    expect(plain.update_strategy_v2).toEqual({ type: "BatchUpdate", batch_update: { release_type: "auto", batch: 4, batch_wait_time: 1 } });
    expect(plain.min_ready_instances).toBe(3);
  });

  test("more batches than instances are capped; one instance has no phased release", () => {
    const capped = app(render(one({ replicas: 2, rollout: Rollout.batches({ batches: 5 }) })).json, "app");
    expect(capped.update_strategy_v2.batch_update.batch).toBe(2);
    const single = app(render(one({ replicas: 1 })).json, "app");
    expect(single).not.toHaveProperty("update_strategy_v2");
    expect(single.min_ready_instances).toBe(0);
  });

  test("envs is SAE's JSON list: literals inline, variables and secrets as Terraform references", () => {
    const { json } = render(api);
    const envs = parseTerraformJson(app(json).envs);
    expectSaeEnvs(envs);
    expect(envs).toEqual([
      { name: "DB_HOST", value: "<var.orders_db_host>" },
      { name: "LOG_LEVEL", value: "info" },
      { name: "DB_PASSWORD", value: "<var.orders_db_password>" },
    ]);
    expect(app(json).envs).toContain("${jsonencode(var.orders_db_password)}");
    expect(json.variable.orders_db_password).toMatchObject({ sensitive: true, type: "string" });
    expect(json.variable.orders_db_host.sensitive).toBe(false);
  });

  test("literals that need JSON escaping survive the round trip", () => {
    const tricky = 'a "quoted" \\ value, \u00e9, $5';
    const { json } = render(one({ env: { ODD: EnvValue.literal(tricky) } }));
    expect(parseTerraformJson(app(json, "app").envs)).toEqual([{ name: "ODD", value: tricky }]);
  });

  test("a service without configuration sends an empty list", () => {
    expect(app(render(one()).json, "app").envs).toBe("[]");
  });

  test("sls_configs send stdout to the service's logstore in the environment's project", () => {
    const { json } = render(api);
    const configs = parseTerraformJson(app(json).sls_configs);
    expectSaeSlsConfigs(configs);
    expect(configs).toEqual([
      { projectName: "prerelease-logs-<data.alicloud_account.account.id>", logstoreName: "orders-api", logDir: "", logType: "stdout", logtailName: "" },
    ]);
    expect(app(json).depends_on).toEqual(["alicloud_log_store.log-store-orders-api"]);
  });

  test("file logs become one sls_configs entry per path", () => {
    const { json } = render(one({ logs: LogStore.files("app-files", ["/var/log/app.log", "/var/log/audit.log"]) }));
    const configs = parseTerraformJson(app(json, "app").sls_configs);
    expectSaeSlsConfigs(configs);
    expect(configs.map((c: any) => [c.logstoreName, c.logDir, c.logType])).toEqual([
      ["app-files", "/var/log/app.log", undefined],
      ["app-files", "/var/log/audit.log", undefined],
    ]);
  });

  test("a service with ports is published for discovery under SAE's namespaced service name", () => {
    const { json, stack } = render((c: ServiceCatalog) => {
      const orders = api(c);
      one({ dependsOn: [orders] }, "web")(c);
    });
    expect(app(json).pvtz_discovery_svc).toEqual({
      enable: true,
      namespace_id: "${alicloud_sae_namespace.sae-namespace.id}",
      service_name: "orders-api-cn-hangzhou-prerelease",
      port_protocols: [{ port: 8085, protocol: "TCP" }],
    });
    expect(stack.discoveryName(stack.catalog.find("orders-api")!)).toBe("orders-api-cn-hangzhou-prerelease");
    expect(app(json, "web")).not.toHaveProperty("pvtz_discovery_svc");
  });

  test("applications are tagged with their environment and service", () => {
    expect(app(render(api).json).tags).toEqual({
      environment: "prerelease", stage: "prerelease", service: "orders-api", "managed-by": "cdktf-service-platform",
    });
  });
});
