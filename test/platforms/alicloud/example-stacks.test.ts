import { allFiles } from "../../support/synth";
import { synthExampleApp } from "../../support/run-app";
import { parseTerraformJson, resources } from "./support";

const SECRET = "Pr0d-only/s3cret+value=";

describe("the example App's prerelease and production on Alibaba Cloud", () => {
  const out = synthExampleApp({ TF_VAR_orders_db_password: SECRET });
  const prerelease = out.stacks.prerelease;
  const production = out.stacks.production;
  const types = (stack: any) => Object.keys(stack.resource).sort();

  test("both hold network, registry link, logs, SAE with autoscaling, load balancers, stores, shared configuration and remote state; production alarms and a canary", () => {
    const expected = [
      "alicloud_cr_vpc_endpoint_linked_vpc", "alicloud_db_account", "alicloud_db_account_privilege", "alicloud_db_backup_policy",
      "alicloud_db_database", "alicloud_db_instance", "alicloud_kvstore_instance", "alicloud_log_project", "alicloud_log_store",
      "alicloud_sae_application", "alicloud_sae_application_scaling_rule", "alicloud_sae_config_map", "alicloud_sae_ingress",
      "alicloud_sae_load_balancer_intranet", "alicloud_sae_namespace", "alicloud_slb_load_balancer", "alicloud_vpc", "alicloud_vswitch",
    ];
    expect(types(prerelease)).toEqual(expected);
    expect(types(production)).toEqual(
      [...expected, "alicloud_cms_alarm", "alicloud_cms_alarm_contact_group", "alicloud_sae_grey_tag_route"].sort());
    expect(prerelease.terraform.backend.oss.prefix).toBe("prerelease");
    expect(production.terraform.backend.oss.prefix).toBe("production");
  });

  test("each runs its own release from the shared registry", () => {
    const images = (stack: any) => Object.values<any>(resources(stack, "alicloud_sae_application")).map((a) => a.image_url).sort();
    expect(images(prerelease)).toEqual([
      "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api:2.1.0",
      "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/web:1.3.0",
      "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/worker:1.0.4",
    ]);
    expect(images(production)).toEqual([
      "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api:2.0.3",
      "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/web:1.2.0",
      "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/worker:1.0.4",
    ]);
  });

  test("production differs by its settings and release: zones, replicas, retention, protection", () => {
    expect(Object.keys(resources(prerelease, "alicloud_vswitch"))).toHaveLength(2);
    expect(Object.keys(resources(production, "alicloud_vswitch"))).toHaveLength(3);
    expect(resources(prerelease, "alicloud_sae_application")["app-web"].replicas).toBe(2);
    expect(resources(production, "alicloud_sae_application")["app-web"].replicas).toBe(3);
    const retention = (stack: any) => Object.values<any>(resources(stack, "alicloud_log_store")).map((s) => s.retention_period);
    expect(retention(prerelease)).toEqual([7, 7, 7]);
    expect(retention(production)).toEqual([30, 30, 30]);
    const protection = (stack: any) => Object.values<any>(resources(stack, "alicloud_slb_load_balancer")).map((s) => s.delete_protection);
    expect(protection(prerelease)).toEqual(["off", "off"]);
    expect(protection(production)).toEqual(["on", "on"]);
  });

  test("the web front is reached by its domain; orders-api internally on its port", () => {
    for (const stack of [prerelease, production]) {
      expect(resources(stack, "alicloud_sae_ingress")["public-ingress-80"].rules).toEqual([
        expect.objectContaining({ app_name: "web", domain: "shop.example.com", container_port: 8080 }),
      ]);
      expect(resources(stack, "alicloud_sae_load_balancer_intranet")["internal-orders-api"].intranet)
        .toEqual([{ port: 8085, target_port: 8085, protocol: "HTTP" }]);
    }
  });

  test("dependents reach orders-api by its SAE discovery name", () => {
    for (const [stack, namespace] of [[prerelease, "prerelease"], [production, "production"]] as const) {
      const apps = resources(stack, "alicloud_sae_application");
      const discovery = apps["app-orders-api"].pvtz_discovery_svc.service_name;
      expect(discovery).toBe(`orders-api-cn-hangzhou-${namespace}`);
      for (const dependent of ["app-web", "app-worker"]) {
        expect(parseTerraformJson(apps[dependent].envs)).toContainEqual({ name: "ORDERS_API_HOST", value: discovery });
      }
    }
  });

  test("the orders database password is a sensitive variable reference; its value is in no file", () => {
    for (const stack of [prerelease, production]) {
      const envs = parseTerraformJson(resources(stack, "alicloud_sae_application")["app-orders-api"].envs);
      expect(envs).toContainEqual({ name: "MYSQL_PASSWORD", value: "<var.orders_db_password>" });
      expect(stack.variable.orders_db_password.sensitive).toBe(true);
    }
    for (const { file, text } of allFiles(out.outdir)) {
      expect({ file, found: text.includes(SECRET) }).toEqual({ file, found: false });
    }
  });

  test("production carries a scaling rule and alarms for every application; prerelease autoscales too", () => {
    const apps = (stack: any) => Object.keys(resources(stack, "alicloud_sae_application")).sort();
    expect(apps(production)).toEqual(["app-orders-api", "app-web", "app-worker"]);
    for (const stack of [prerelease, production]) {
      const scaled = Object.values<any>(resources(stack, "alicloud_sae_application_scaling_rule")).map((r) => r.app_id).sort();
      expect(scaled).toEqual(apps(stack).map((id) => `\${alicloud_sae_application.${id}.id}`));
    }
    const alarms = Object.values<any>(resources(production, "alicloud_cms_alarm"));
    for (const id of apps(production)) {
      const watching = alarms.filter((a) => a.metric_dimensions.includes(`alicloud_sae_application.${id}.id`)).map((a) => a.metric).sort();
      expect({ id, watching }).toEqual({ id, watching: ["cpu", "memoryPercent"] });
    }
    const group = Object.values<any>(resources(production, "alicloud_cms_alarm_contact_group"));
    expect(group).toEqual([expect.objectContaining({ alarm_contact_group_name: "production-services", contacts: ["shop-oncall", "orders-team"] })]);
    expect(resources(prerelease, "alicloud_cms_alarm")).toEqual({});
  });

  test("production's web floor is its release's three instances, and the orders API's release starts with a canary", () => {
    const rules = resources(production, "alicloud_sae_application_scaling_rule");
    expect(rules["scaling-web"].scaling_rule_metric).toMatchObject({ min_replicas: 3, max_replicas: 10 });
    expect(rules["scaling-web"].scaling_rule_timer.schedules[0]).toEqual({ at_time: "08:00", min_replicas: 4, max_replicas: 10 });
    expect(resources(prerelease, "alicloud_sae_application_scaling_rule")["scaling-web"].scaling_rule_metric.min_replicas).toBe(2);
    expect(Object.keys(resources(production, "alicloud_sae_grey_tag_route"))).toEqual(["canary-orders-api"]);
    expect(resources(production, "alicloud_sae_application")["app-orders-api"].update_strategy_v2.batch_update.batch_wait_time).toBe(15);
  });
});
