/**
 * What Alibaba Cloud renders for a service's autoscaling and alarms and a
 * release's canary: SAE scaling rules, CloudMonitor alarms and their contact
 * group, SAE grey tag routes, and what changes on the application.
 */
import {
  Alarms, Autoscaling, Canary, Duration, Image, Port, Probe, Release, Route, ScalingSchedule, ScalingTarget, Service,
  ServiceCatalog, ServiceProps,
} from "../../../lib";
import { Overrides, parseTerraformJson, render, resources } from "./support";

const ONCALL = { contacts: ["shop-oncall", "orders-team"] };
const LOGS = { project: "shop-slb-logs", logstore: "access-log" };

/** A catalog of services `name → props`, each with an image of its name. */
function catalog(services: Record<string, Partial<ServiceProps>>) {
  return (c: ServiceCatalog) => {
    for (const [name, props] of Object.entries(services)) new Service(c, name, { image: Image.fromRegistry(`shop/${name}`), ...props });
  };
}

const web = (props: Partial<ServiceProps> = {}): Partial<ServiceProps> => ({
  ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com"] }) })],
  probe: Probe.http(8080, { path: "/healthz" }),
  ...props,
});
const api = (props: Partial<ServiceProps> = {}): Partial<ServiceProps> => ({
  ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) })],
  probe: Probe.http(8085, { path: "/healthz" }),
  ...props,
});

/** Renders `services` as prerelease with `overrides`; also returns the warnings of the stack. */
function rendered(services: Record<string, Partial<ServiceProps>>, overrides: Overrides = {}) {
  const { stack, json } = render(catalog(services), overrides);
  return { json, warnings: stack.report.filter((v) => v.severity === "warning") };
}

describe("autoscaling on SAE", () => {
  test("a metric rule per autoscaled application, from the floor to the ceiling, with SAE's metric names", () => {
    const { json } = rendered({
      web: web({ autoscaling: Autoscaling.between(2, 10, { targets: [ScalingTarget.cpu(70), ScalingTarget.memory(80)] }) }),
      worker: { replicas: 2 },
    });
    const rules = resources(json, "alicloud_sae_application_scaling_rule");
    expect(Object.keys(rules)).toEqual(["scaling-web"]);
    expect(rules["scaling-web"]).toEqual({
      app_id: "${alicloud_sae_application.app-web.id}",
      scaling_rule_name: "autoscaling",
      scaling_rule_type: "metric",
      scaling_rule_enable: true,
      min_ready_instances: 1,
      min_ready_instance_ratio: 50,
      scaling_rule_metric: {
        min_replicas: 2,
        max_replicas: 10,
        metrics: [
          { metric_type: "CPU", metric_target_average_utilization: 70 },
          { metric_type: "MEMORY", metric_target_average_utilization: 80 },
        ],
        scale_down_rules: { step: 10, disabled: false, stabilization_window_seconds: 300 },
      },
    });
  });

  test("the release's replica count is the floor; the application starts there and leaves the count to the rule", () => {
    const { json } = rendered({ web: web({ autoscaling: Autoscaling.between(2, 10) }) },
      { release: Release.of({ web: { version: "1.0.9", replicas: 4 } }) });
    expect(resources(json, "alicloud_sae_application_scaling_rule")["scaling-web"].scaling_rule_metric.min_replicas).toBe(4);
    const app = resources(json, "alicloud_sae_application")["app-web"];
    expect(app.replicas).toBe(4);
    expect(app.lifecycle).toEqual({ ignore_changes: ["replicas"] });
    expect(app.auto_enable_application_scaling_rule).toBe(true);
    // Two batches of four keep two ready; as the rule moves the count, half stays ready.
    expect([app.min_ready_instances, app.min_ready_instance_ratio]).toEqual([2, 50]);
  });

  test("a service with a fixed count keeps Terraform in charge of it", () => {
    const app = resources(rendered({ web: web({ replicas: 3 }) }).json, "alicloud_sae_application")["app-web"];
    expect(app.replicas).toBe(3);
    expect(app).not.toHaveProperty("lifecycle");
    expect(app).not.toHaveProperty("auto_enable_application_scaling_rule");
    expect(app).not.toHaveProperty("min_ready_instance_ratio");
  });

  test("request and response-time targets read the route's load balancer listener and its access logs", () => {
    const { json } = rendered({
      web: web({ autoscaling: Autoscaling.between(2, 10, { targets: [ScalingTarget.requestsPerSecond(200)] }) }),
      "orders-api": api({ autoscaling: Autoscaling.between(2, 6, { targets: [ScalingTarget.responseTime(Duration.millis(300))] }) }),
    }, { loadBalancerAccessLogs: LOGS });
    const rules = resources(json, "alicloud_sae_application_scaling_rule");
    expect(rules["scaling-web"].scaling_rule_metric.metrics).toEqual([{
      metric_type: "SLB_QPS", metric_target_average_utilization: 200, slb_id: "${alicloud_slb_load_balancer.public-load-balancer.id}",
      vport: "80", slb_project: "shop-slb-logs", slb_log_store: "access-log",
    }]);
    expect(rules["scaling-orders-api"].scaling_rule_metric.metrics).toEqual([{
      metric_type: "INTRANET_SLB_RT", metric_target_average_utilization: 300,
      slb_id: "${alicloud_slb_load_balancer.internal-load-balancer.id}", vport: "8085", slb_project: "shop-slb-logs",
      slb_log_store: "access-log",
    }]);
  });

  test("schedule windows make a mix rule: bounds at each start, the service's own back at each end, on the windows' days", () => {
    const { json } = rendered({
      web: web({ autoscaling: Autoscaling.between(2, 10, { schedules: [
        ScalingSchedule.weekdays({ from: "12:00", to: "14:00", max: 20 }),
        ScalingSchedule.weekdays({ from: "08:00", to: "12:00", min: 4 }),
      ] }) }),
    });
    const rule = resources(json, "alicloud_sae_application_scaling_rule")["scaling-web"];
    expect(rule.scaling_rule_type).toBe("mix");
    expect(rule.scaling_rule_timer).toEqual({
      period: "* * Mon,Tue,Wed,Thu,Fri",
      schedules: [
        { at_time: "08:00", min_replicas: 4, max_replicas: 10 },
        // 12:00 starts the next window, so the first one's end restores nothing there.
        { at_time: "12:00", min_replicas: 2, max_replicas: 20 },
        { at_time: "14:00", min_replicas: 2, max_replicas: 10 },
      ],
    });
  });

  test("a window on every day runs every day", () => {
    const { json } = rendered({ web: web({ autoscaling: Autoscaling.between(2, 4, {
      schedules: [ScalingSchedule.daily({ from: "00:00", to: "06:00", max: 2 })] }) }) });
    expect(resources(json, "alicloud_sae_application_scaling_rule")["scaling-web"].scaling_rule_timer.period).toBe("* * *");
  });
});

describe("alarms on CloudMonitor", () => {
  const { json } = rendered({
    web: web({ autoscaling: Autoscaling.between(2, 4) }),
    "orders-api": api({ alarms: Alarms.defaults({ responseTime: Duration.millis(500), sustainedFor: Duration.minutes(5) }) }),
    postgres: { ports: [Port.tcp(5432, { route: Route.internal({ listenerPort: 5432 }) })], probe: Probe.tcp(5432) },
    worker: { alarms: Alarms.disabled() },
  }, { alerting: ONCALL });
  const alarms = resources(json, "alicloud_cms_alarm");

  test("one contact group for the environment, with its contacts", () => {
    expect(resources(json, "alicloud_cms_alarm_contact_group")).toEqual({
      "alarm-contacts": { alarm_contact_group_name: "prerelease-services", contacts: ["shop-oncall", "orders-team"],
        describe: "Alarms of the services of prerelease" },
    });
  });

  test("saturation for every service with alarms; unhealthy instances per routed port; 5xx and latency on HTTP only", () => {
    expect(Object.keys(alarms).sort()).toEqual([
      "alarm-orders-api-8085-5xx", "alarm-orders-api-8085-latency", "alarm-orders-api-8085-unhealthy", "alarm-orders-api-cpu",
      "alarm-orders-api-memory",
      "alarm-postgres-5432-unhealthy", "alarm-postgres-cpu", "alarm-postgres-memory",
      "alarm-web-80-5xx", "alarm-web-80-latency", "alarm-web-80-unhealthy", "alarm-web-cpu", "alarm-web-memory",
    ]);
  });

  test("each watches its CloudMonitor metric with the service's thresholds and notifies the group", () => {
    const view = (id: string) => {
      const a = alarms[id];
      return [a.project, a.metric, a.escalations_critical.statistics, a.escalations_critical.comparison_operator,
        a.escalations_critical.threshold, a.escalations_critical.times, parseTerraformJsonWithRefs(a.metric_dimensions)];
    };
    expect(view("alarm-web-cpu")).toEqual(["acs_serverless", "cpu", "Average", ">", "85", 3, [{ appId: "<alicloud_sae_application.app-web.id>" }]]);
    expect(view("alarm-web-memory")).toEqual(["acs_serverless", "memoryPercent", "Average", ">", "90", 3,
      [{ appId: "<alicloud_sae_application.app-web.id>" }]]);
    expect(view("alarm-orders-api-8085-latency")).toEqual(["acs_slb_dashboard", "UpstreamRt", "Average", ">", "500", 5,
      [{ instanceId: "<alicloud_slb_load_balancer.internal-load-balancer.id>", port: "8085", protocol: "http" }]]);
    expect(view("alarm-web-80-5xx")).toEqual(["acs_slb_dashboard", "UpstreamCode5xx", "Average", ">", "1", 3,
      [{ instanceId: "<alicloud_slb_load_balancer.public-load-balancer.id>", port: "80", protocol: "http" }]]);
    expect(view("alarm-postgres-5432-unhealthy")).toEqual(["acs_slb_dashboard", "UnhealthyServerCount", "Maximum", ">=", "1", 3,
      [{ instanceId: "<alicloud_slb_load_balancer.internal-load-balancer.id>", port: "5432",
        vip: "<alicloud_slb_load_balancer.internal-load-balancer.address>" }]]);
    for (const alarm of Object.values<any>(alarms)) {
      expect(alarm).toMatchObject({
        contact_groups: ["${alicloud_cms_alarm_contact_group.alarm-contacts.alarm_contact_group_name}"],
        period: 60, silence_time: 3600, enabled: true,
      });
      expect(alarm.name).toMatch(/^prerelease-[a-z-]+-[a-z0-9-]+$/);
      expect(alarm.tags).toMatchObject({ environment: "prerelease", "managed-by": "cdktf-service-platform" });
    }
  });

  test("without alerting no alarm is rendered, and the stack says so once", () => {
    const { json: silent, warnings } = rendered({ web: web(), worker: { alarms: Alarms.disabled() } });
    expect(resources(silent, "alicloud_cms_alarm")).toEqual({});
    expect(resources(silent, "alicloud_cms_alarm_contact_group")).toEqual({});
    expect(warnings.map((w) => [w.path, w.field, w.allowed])).toEqual([["prerelease", "alerting",
      "a contact group (alerting.contacts) for the alarms of web: without one no alarm is rendered here"]]);
  });
});

/** A JSON attribute whose values may be `${jsonencode(<reference>)}` splices, each read as "<reference>". */
function parseTerraformJsonWithRefs(text: string): unknown {
  const spliced = text.replace(/\$\{jsonencode\(([a-z_]+\.[a-z0-9_-]+\.[a-z_]+)\)\}/g, (_, ref) => JSON.stringify(`<${ref}>`));
  return parseTerraformJson(spliced);
}

describe("a release's canary on SAE", () => {
  const release = Release.of({
    "orders-api": { version: "2.1.0", canary: Canary.forRequests({
      headers: { "X-Shop-Canary": "1" }, cookies: { "shop-tester": "canary" }, verifyFor: Duration.minutes(15) }) },
    web: "1.3.0",
  });
  const { json, warnings } = rendered({ "orders-api": api({ replicas: 3 }), web: web() }, { release, alerting: ONCALL });

  test("a grey tag route on the application: any of the matches, on every path", () => {
    expect(resources(json, "alicloud_sae_grey_tag_route")).toEqual({
      "canary-orders-api": {
        app_id: "${alicloud_sae_application.app-orders-api.id}",
        grey_tag_route_name: "orders-api-canary",
        description: "Canary of orders-api in prerelease: header X-Shop-Canary or cookie shop-tester",
        sc_rules: [{ path: "/", condition: "OR", items: [
          { type: "header", name: "X-Shop-Canary", operator: "rawvalue", cond: "==", value: "1" },
          { type: "cookie", name: "shop-tester", operator: "rawvalue", cond: "==", value: "canary" },
        ] }],
      },
    });
  });

  test("the release rolls a gray batch first, held for verifyFor; other services as before", () => {
    const apps = resources(json, "alicloud_sae_application");
    expect(apps["app-orders-api"].update_strategy_v2).toEqual({
      type: "GrayBatchUpdate", batch_update: { release_type: "auto", batch: 2, batch_wait_time: 15 },
    });
    // The provider never passes enable_grey_tag_route = true to SAE (see the warning below): it is not rendered.
    expect(apps["app-orders-api"]).not.toHaveProperty("enable_grey_tag_route");
    expect(apps["app-web"]).not.toHaveProperty("enable_grey_tag_route");
    expect(apps["app-web"].update_strategy_v2.type).toBe("BatchUpdate");
  });

  test("says what the team must switch on outside Terraform, and that SAE honours the route only for Spring Cloud and Dubbo", () => {
    expect(warnings.map((w) => [w.path, w.field, w.value, w.rule])).toEqual([
      ["prerelease/orders-api", "release.canary", '["header X-Shop-Canary","cookie shop-tester"]', "not-honoured"],
    ]);
    expect(warnings[0].allowed).toContain("rendered as an SAE grey tag route: the alicloud provider cannot switch grey tag routing on " +
      "for the application (enable_grey_tag_route never reaches SAE): switch it on once outside Terraform, in the SAE console or " +
      "with the DeployApplication API's EnableGreyTagRoute=true");
    expect(warnings[0].allowed).toContain("SAE routes by header or cookie only for Spring Cloud and Dubbo applications under its microservice governance");
  });
});

test("a listener shared by domain routes warns that its alarms and request targets count every service on it", () => {
  const shared = (domain: string) => ({ ports: [Port.http(8080, { route: Route.public({ domains: [domain] }) })], probe: Probe.http(8080) });
  const { warnings } = rendered({ web: shared("shop.example.com"), admin: { ...shared("admin.example.com"), alarms: Alarms.disabled() } },
    { alerting: ONCALL });
  expect(warnings.map((w) => [w.path, w.field, w.value])).toEqual([["prerelease/web", "ports[0].route.listenerPort", "80"]]);
  expect(warnings[0].allowed).toContain("admin share this listener, and CloudMonitor and SAE count its requests together");
});
