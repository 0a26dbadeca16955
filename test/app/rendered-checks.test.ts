/**
 * The checks added to the final configuration for alarms, shared values and
 * who may reach a route: an Aspect or override that silences production's
 * alarms, writes a secret into SAE's config map, or puts an internal route on
 * the internet is refused at the resource, and nothing of the App is written.
 * Alarms and secrets are policies (relaxing one relaxes its check of the final
 * configuration); who may reach a route is the platform's rule, as it is for
 * the input, and no relaxation lets an internal route out.
 */
import { Aspects, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import { Container } from "@cdktf/provider-docker/lib/container";
import { SaeApplication } from "../../.gen/providers/alicloud/sae-application";
import { SlbLoadBalancer } from "../../.gen/providers/alicloud/slb-load-balancer";
import { EnvValue, Image, Policies, Port, Probe, Route, Service, ServiceCatalog, StageSettings, Stages } from "../../lib";
import { tempApp } from "../support/synth";
import { alicloud, docker, web } from "./hostile";
import { PolicyRow, expectRefused, overriding, removing, written } from "./rendered-rows";

const production = { settings: Stages.production, alerting: { contacts: ["shop-oncall"] } };
const dockerProduction = { settings: { ...Stages.production, minZones: 2 } as StageSettings };

/** The resource `id` of `stack`. */
function child(stack: TerraformStack, id: string): TerraformResource {
  return stack.node.findChild(id) as TerraformResource;
}

/** `web` with a public route (port 8080, with a domain) and an internal one (port 9090). */
function publicAndInternal(): ServiceCatalog {
  return web({ ports: [
    Port.http(8080, { route: Route.public({ listenerPort: 80, domains: ["shop.example.com"] }) }),
    Port.http(9090, { route: Route.internal({ listenerPort: 9090 }) }),
  ] });
}

/** `web` reading a value of the catalog's shared configuration (SAE's config map). */
function withShared(): ServiceCatalog {
  const catalog = new ServiceCatalog();
  const shared = catalog.share({ LOG_LEVEL: EnvValue.literal("warn") });
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    ports: [Port.http(8080, { route: Route.internal({ listenerPort: 8080 }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
    env: { LOG_LEVEL: shared.get("LOG_LEVEL") },
  });
  return catalog;
}

const alarmRows: PolicyRow[] = [
  { rule: "alarms", name: "an Aspect that switches production's CPU alarm off",
    build: (app) => Aspects.of(child(alicloud(app, "production", web(), production), "alarm-web-cpu")).add(overriding("alicloud_cms_alarm", "enabled", false)),
    errors: [["production/alarm-web-cpu", "alicloud_cms_alarm.alarm-web-cpu.enabled", "false", "requires alarms on every service"]] },
  { rule: "alarms", name: "an override that removes an alarm's contact group",
    build: (app) => child(alicloud(app, "production", web(), production), "alarm-web-memory").addOverride("contact_groups", undefined),
    errors: [["production/alarm-web-memory", "alicloud_cms_alarm.alarm-web-memory.contact_groups", "(not set)", "the alarm must reach someone"]] },
  { rule: "alarms", name: "an Aspect that empties the contact group",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_cms_alarm_contact_group", "contacts", undefined)),
    errors: [["production/alarm-contacts", "alicloud_cms_alarm_contact_group.alarm-contacts.contacts", "(not set)", "at least one contact"]] },
  { rule: "alarms", name: "an override that sets the CPU alarm at 100% (average use never exceeds it)",
    build: (app) => child(alicloud(app, "production", web(), production), "alarm-web-cpu").addOverride("escalations_critical.threshold", "100"),
    errors: [["production/alarm-web-cpu", "alicloud_cms_alarm.alarm-web-cpu.escalations_critical.threshold", '"100"', "a threshold below 100"]] },
  { rule: "alarms", name: "an Aspect that waits for 5 unhealthy instances of the 2 there are",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add({ visit: (node) => {
      if (node.node.id.endsWith("-unhealthy")) (node as TerraformResource).addOverride("escalations_critical.threshold", "5");
    } }),
    errors: [["production/alarm-web-8080-unhealthy", "alicloud_cms_alarm.alarm-web-8080-unhealthy.escalations_critical.threshold", '"5"',
      "at most the 2 instances web runs here"]] },
  { rule: "alarms", name: "an override that compares the memory alarm the wrong way round",
    build: (app) => child(alicloud(app, "production", web(), production), "alarm-web-memory").addOverride("escalations_critical.comparison_operator", "<"),
    errors: [["production/alarm-web-memory", "alicloud_cms_alarm.alarm-web-memory.escalations_critical.comparison_operator", '"<"', "fires when the value rises above"]] },
  { rule: "alarms", name: "an Aspect that gives every alarm an hour-long period (3 hours before anyone hears)",
    build: (app) => Aspects.of(child(alicloud(app, "production", web(), production), "alarm-web-cpu")).add(overriding("alicloud_cms_alarm", "period", 3600)),
    errors: [["production/alarm-web-cpu", "alicloud_cms_alarm.alarm-web-cpu.period × escalations_critical.times", "10800", "at most 900 seconds"]] },
  { rule: "alarms", name: "an Aspect that removes the memory alarm",
    build: (app) => {
      const stack = alicloud(app, "production", web(), production);
      Aspects.of(stack).add(removing(stack, "alarm-web-memory"));
    },
    errors: [["production/web", "alarms.memoryPercent", "(not set)", "an alarm on it, kept in the final configuration"]] },
];

const secretRows: PolicyRow[] = [
  { rule: "no-plain-secrets", name: "an override that writes a token into SAE's config map",
    build: (app) => child(alicloud(app, "production", withShared(), production), "shared-config")
      .addOverride("data", JSON.stringify({ API_TOKEN: "tok-9f8e7d6c5b4a", LOG_LEVEL: "warn" })),
    errors: [["production/shared-config", "alicloud_sae_config_map.shared-config.data.API_TOKEN", "(literal with a secret's name; value redacted)",
      "secrets: { API_TOKEN"]],
    hidden: "tok-9f8e7d6c5b4a" },
  { rule: "no-plain-secrets", name: "an Aspect that reads a password into the config map from a variable that is not sensitive",
    build: (app) => {
      const stack = alicloud(app, "production", withShared(), production);
      const plain = new TerraformVariable(stack, "db_password", { type: "string" });
      Aspects.of(stack).add(overriding("alicloud_sae_config_map", "data", JSON.stringify({ DB_PASSWORD: plain.stringValue })));
    },
    errors: [["production/shared-config", "alicloud_sae_config_map.shared-config.data.DB_PASSWORD", '"db_password"', "a plain variable is not sensitive"]] },
];

const exposureRows: PolicyRow[] = [
  { rule: "alicloud", name: "an Aspect that puts the internal load balancer on the internet",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_slb_load_balancer", "address_type", "internet")),
    errors: [["production/internal-load-balancer", "alicloud_slb_load_balancer.internal-load-balancer.address_type", '"internet"',
      "alicloud_sae_load_balancer_intranet.internal-web binds internal routes to it"]] },
  { rule: "alicloud", name: "the same with route-exposure relaxed: who may reach a route is the platform's rule, as for the input",
    build: (app) => Aspects.of(alicloud(app, "production", web(), { ...production, settings: Policies.relax(Stages.production, "route-exposure") }))
      .add(overriding("alicloud_slb_load_balancer", "address_type", "internet")),
    errors: [["production/internal-load-balancer", "alicloud_slb_load_balancer.internal-load-balancer.address_type", '"internet"',
      "alicloud_sae_load_balancer_intranet.internal-web binds internal routes to it"]] },
  { rule: "alicloud", name: "an override that binds the internal route to the public load balancer",
    build: (app) => {
      const stack = alicloud(app, "production", publicAndInternal(), production);
      child(stack, "internal-web").addOverride("intranet_slb_id", (child(stack, "public-load-balancer") as SlbLoadBalancer).id);
    },
    errors: [["production/public-load-balancer", "alicloud_slb_load_balancer.public-load-balancer.address_type", '"internet"',
      "alicloud_sae_load_balancer_intranet.internal-web binds internal routes to it"]] },
  { rule: "alicloud", name: "an override that binds the internally routed port to the internet",
    build: (app) => {
      const stack = alicloud(app, "production", web(), production);
      stack.addOverride("resource.alicloud_sae_load_balancer_internet.leak",
        { app_id: (child(stack, "app-web") as SaeApplication).id, internet: [{ port: 80, target_port: 8080, protocol: "HTTP" }] });
    },
    errors: [["production/leak", "alicloud_sae_load_balancer_internet.leak.internet[0].target_port", "8080", "a port of web whose route is public"]] },
  { rule: "alicloud", name: "an override that adds a host rule for the internal port on the public load balancer",
    build: (app) => {
      const stack = alicloud(app, "production", publicAndInternal(), production);
      child(stack, "public-ingress-80").addOverride("rules",
        [{ app_id: (child(stack, "app-web") as SaeApplication).id, app_name: "web", container_port: 9090, domain: "admin.example.com", path: "/" }]);
    },
    errors: [["production/public-ingress-80", "alicloud_sae_ingress.public-ingress-80.rules[1].container_port", "9090", "a port of web whose route is public"]] },
  { rule: "alicloud", name: "an override that adds a load balancer facing the internet where the stage allows none",
    build: (app) => alicloud(app, "production", web(), { ...production, settings: { ...Stages.production, allowInternet: false } })
      .addOverride("resource.alicloud_slb_load_balancer.extra", { load_balancer_spec: "slb.s1.small", lifecycle: { prevent_destroy: true } }),
    errors: [["production/extra", "alicloud_slb_load_balancer.extra.address_type", "(not set)", 'stage "production" does not allow internet exposure']] },
  { rule: "docker", name: "an Aspect that publishes the load balancer on every address of the host (web's route is internal)",
    build: (app) => Aspects.of(docker(app, "production", web(), dockerProduction)).add({ visit: (node) => {
      if (node instanceof Container && node.node.id === "load-balancer") node.putPorts([{ internal: 8080, external: 8080, ip: "0.0.0.0" }]);
    } }),
    errors: [["production/load-balancer", "docker_container.load-balancer.ports[0].ip", '"0.0.0.0"', "web's route is internal"]] },
  { rule: "docker", name: "an Aspect that publishes a replica's port in the test stage, which allows no internet exposure (no policy there at all)",
    build: (app) => Aspects.of(docker(app, "test")).add({ visit: (node) => {
      if (node instanceof Container && node.node.id === "web-1") node.putPorts([{ internal: 8080, external: 18080 }]);
    } }),
    errors: [["test/web-1", "docker_container.web-1.ports[0].ip", '"0.0.0.0"', 'stage "test" does not allow internet exposure']] },
  { rule: "docker", name: "the same with route-exposure relaxed: the platform's rule, like the input's, is not a policy",
    build: (app) => Aspects.of(docker(app, "production", web(), { settings: Policies.relax(dockerProduction.settings, "route-exposure") })).add({ visit: (node) => {
      if (node instanceof Container && node.node.id === "load-balancer") node.putPorts([{ internal: 8080, external: 8080, ip: "0.0.0.0" }]);
    } }),
    errors: [["production/load-balancer", "docker_container.load-balancer.ports[0].ip", '"0.0.0.0"', "web's route is internal"]] },
];

describe("alarms, shared values and routes on the final configuration", () => {
  test.each([...alarmRows, ...secretRows, ...exposureRows])("$name [$rule]", expectRefused);
});

describe("a relaxed policy relaxes its new checks of the final configuration", () => {
  test("alarms relaxed: the switched-off alarm is written", () => {
    const app = tempApp();
    const settings = Policies.relax(Stages.production, "alarms");
    Aspects.of(alicloud(app, "production", web(), { ...production, settings })).add(overriding("alicloud_cms_alarm", "enabled", false));
    expect(written(app).stacks.production.resource.alicloud_cms_alarm["alarm-web-cpu"].enabled).toBe(false);
  });

  test("no-plain-secrets relaxed: the config map's token is written", () => {
    const app = tempApp();
    const settings = Policies.relax(Stages.production, "no-plain-secrets");
    child(alicloud(app, "production", withShared(), { ...production, settings }), "shared-config")
      .addOverride("data", JSON.stringify({ API_TOKEN: "tok-9f8e7d6c5b4a" }));
    expect(written(app).stacks.production.resource.alicloud_sae_config_map["shared-config"].data).toContain("API_TOKEN");
  });
});
