/**
 * Every stage policy judges the final configuration too: a hostile Aspect or
 * override that writes what a policy refuses as input — on Alibaba Cloud or
 * Docker — stops synthesis with the policy's own error at the resource, and
 * nothing of the App is written. A relaxed, replaced or downgraded policy
 * relaxes, replaces or downgrades its check of the final configuration too.
 */
import { Aspects, TerraformResource, TerraformVariable } from "cdktf";
import { Container } from "@cdktf/provider-docker/lib/container";
import { SaeApplication } from "../../.gen/providers/alicloud/sae-application";
import {
  AlicloudEnvironment, Autoscaling, EnvValue, Image, MysqlStore, Policies, Port, Probe, RedisStore, Route, Service, ServiceCatalog, StageSettings, Stages,
} from "../../lib";
import { readAlicloudConfiguration } from "../../lib/platforms/alicloud/rendered-configuration";
import { bootstrapStack } from "../../stacks/bootstrap";
import { prereleaseEnvironment, prereleaseRelease } from "../../stacks/prerelease";
import { productionEnvironment, productionRelease } from "../../stacks/production";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";
import { tempApp } from "../support/synth";
import { alicloud, docker, web } from "./hostile";
import { PolicyRow, expectRefused, overriding, removing, written } from "./rendered-rows";

const ONCALL = { contacts: ["shop-oncall"] };
const production = { settings: Stages.production, alerting: ONCALL };
const prerelease = { settings: Stages.prerelease };

/** `web` with a MySQL store and a Redis store it uses. */
function withStores(): ServiceCatalog {
  const catalog = new ServiceCatalog();
  const db = new MysqlStore(catalog, "orders-db", { version: "8.0", user: "orders", database: "orders" });
  const cache = new RedisStore(catalog, "cache", { version: "7.0" });
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    ports: [Port.http(8080, { route: Route.internal({ listenerPort: 8080 }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
    env: { DB_HOST: db.connection.host, CACHE_HOST: cache.connection.host },
    secrets: { DB_PASSWORD: db.connection.password, CACHE_PASSWORD: cache.connection.password },
  });
  return catalog;
}

/** Docker with production's policies (as a rehearsal of production on one host). */
const dockerProduction = { settings: { ...Stages.production, minZones: 2 } as StageSettings };

const alicloudRows: PolicyRow[] = [
  { rule: "min-replicas", name: "an Aspect that runs production's SAE application on one instance",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_sae_application", "replicas", 1)),
    errors: [["production/app-web", "alicloud_sae_application.app-web.replicas", "1", "at least 2 instances in stage \"production\""]] },
  { rule: "rollout-batches", name: "a stack override that keeps no instance ready while it rolls",
    build: (app) => alicloud(app, "production", web(), production)
      .addOverride("resource.alicloud_sae_application.app-web.min_ready_instances", 0),
    errors: [["production/app-web", "alicloud_sae_application.app-web.min_ready_instances", "0", "at least 1 instance kept ready"]] },
  { rule: "rollout-batches", name: "an Aspect that keeps a share of 0% ready",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_sae_application", "min_ready_instance_ratio", 0)),
    errors: [["production/app-web", "alicloud_sae_application.app-web.min_ready_instance_ratio", "0", "a share above 0% kept ready"]] },
  { rule: "rollout-batches", name: "a resource override that rolls every instance in one batch",
    build: (app) => (alicloud(app, "production", web(), production).node.findChild("app-web") as TerraformResource)
      .addOverride("update_strategy_v2.batch_update.batch", 1),
    errors: [["production/app-web", "alicloud_sae_application.app-web.update_strategy_v2.batch_update.batch", "1", "at least 2 batches"]] },
  { rule: "log-retention", name: "an Aspect that keeps production's logs 7 days",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_log_store", "retention_period", 7)),
    errors: [["production/log-store-web", "alicloud_log_store.log-store-web.retention_period", "7", "at least 30d in stage \"production\""]] },
  { rule: "pinned-images", name: "an override that runs the latest image",
    build: (app) => alicloud(app, "production", web(), production)
      .addOverride("resource.alicloud_sae_application.app-web.image_url", "registry.example/shop/web:latest"),
    errors: [["production/app-web", "alicloud_sae_application.app-web.image_url", '"registry.example/shop/web:latest"', "a pinned version"]] },
  { rule: "pinned-images", name: "an Aspect that drops the image's tag (prerelease too)",
    build: (app) => Aspects.of(alicloud(app, "prerelease", web(), prerelease)).add(overriding("alicloud_sae_application", "image_url", "registry.example/shop/web")),
    errors: [["prerelease/app-web", "alicloud_sae_application.app-web.image_url", '"registry.example/shop/web"', "a pinned version"]] },
  { rule: "probes", name: "an Aspect that removes the liveness probe",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_sae_application", "liveness_v2", undefined)),
    errors: [["production/app-web", "alicloud_sae_application.app-web.liveness_v2", "(not set)", "the service's probe, kept in the final configuration"]] },
  { rule: "probes", name: "an Aspect that resets the readiness probe through the binding",
    build: (app) => Aspects.of(alicloud(app, "prerelease", web(), prerelease)).add({ visit: (node) => node instanceof SaeApplication && node.resetReadinessV2() }),
    errors: [["prerelease/app-web", "alicloud_sae_application.app-web.readiness_v2", "(not set)", "ports[0] is routed"]] },
  { rule: "no-plain-secrets", name: "an override that writes a password into SAE's envs",
    build: (app) => alicloud(app, "production", web(), production).addOverride("resource.alicloud_sae_application.app-web.envs",
      JSON.stringify([{ name: "DB_PASSWORD", value: "s3cret-Hunter2-x9" }])),
    errors: [["production/app-web", "alicloud_sae_application.app-web.envs[0].value", "(literal with a secret's name; value redacted)", "secrets: { DB_PASSWORD"]],
    hidden: "s3cret-Hunter2-x9" },
  { rule: "min-zones", name: "an Aspect that spreads production's application over one vSwitch",
    build: (app) => Aspects.of(alicloud(app, "production", web(), production))
      .add(overriding("alicloud_sae_application", "vswitch_id", "${alicloud_vswitch.vswitch-cn-hangzhou-h.id}")),
    errors: [["production/app-web", "alicloud_sae_application.app-web.vswitch_id", "1", "vSwitches in at least 2 zones"]] },
  { rule: "autoscaling", name: "an Aspect that lets the scaling rule go down to one instance",
    build: (app) => Aspects.of(alicloud(app, "production", web({ autoscaling: Autoscaling.between(2, 6) }), production))
      .add(overriding("alicloud_sae_application_scaling_rule", "scaling_rule_metric.min_replicas", 1)),
    errors: [["production/scaling-web", "alicloud_sae_application_scaling_rule.scaling-web.scaling_rule_metric.min_replicas", "1", "in every rule and window"]] },
  { rule: "store-exposure", name: "an Aspect that opens the database to the internet (cdktf appends to the list)",
    build: (app) => Aspects.of(alicloud(app, "prerelease", withStores(), prerelease)).add(overriding("alicloud_db_instance", "security_ips", ["0.0.0.0/0"])),
    errors: [["prerelease/store-orders-db", "alicloud_db_instance.store-orders-db.security_ips[1]", '"0.0.0.0/0"', "a private address block"]] },
  { rule: "store-exposure", name: "an override that adds a public address to the cache's (cdktf appends to a list)",
    build: (app) => alicloud(app, "production", withStores(), production)
      .addOverride("resource.alicloud_kvstore_instance.store-cache.security_ips", ["47.96.1.2"]),
    errors: [["production/store-cache", "alicloud_kvstore_instance.store-cache.security_ips[1]", '"47.96.1.2"', "never reachable from the internet"]] },
  { rule: "store-safety", name: "an Aspect that keeps production's backups 3 days without log backups",
    build: (app) => {
      const stack = alicloud(app, "production", withStores(), production);
      Aspects.of(stack).add(overriding("alicloud_db_backup_policy", "backup_retention_period", 3));
      Aspects.of(stack).add(overriding("alicloud_db_backup_policy", "enable_backup_log", false));
    },
    errors: [
      ["production/store-orders-db-backups", "alicloud_db_backup_policy.store-orders-db-backups.backup_retention_period", "3", "backups kept at least 7 days"],
      ["production/store-orders-db-backups", "alicloud_db_backup_policy.store-orders-db-backups.enable_backup_log", "false", "backups taken"],
    ] },
  { rule: "store-safety", name: "an Aspect that removes the database's backup policy",
    build: (app) => {
      const stack = alicloud(app, "production", withStores(), production);
      Aspects.of(stack).add(removing(stack, "store-orders-db-backups"));
    },
    errors: [
      ["production/store-orders-db", "alicloud_db_instance.store-orders-db.(alicloud_db_backup_policy).backup_retention_period", "(not set)", "backups kept"],
      ["production/store-orders-db", "alicloud_db_instance.store-orders-db.(alicloud_db_backup_policy).enable_backup_log", "(not set)", "backups taken"],
    ] },
  { rule: "store-safety", name: "an Aspect that makes production's stores single-zone and deletable",
    build: (app) => {
      const stack = alicloud(app, "production", withStores(), production);
      Aspects.of(stack).add(overriding("alicloud_db_instance", "zone_id_slave_a", undefined));
      Aspects.of(stack).add(overriding("alicloud_db_instance", "deletion_protection", false));
      Aspects.of(stack).add(overriding("alicloud_kvstore_instance", "secondary_zone_id", undefined));
    },
    errors: [
      ["production/store-cache", "alicloud_kvstore_instance.store-cache.secondary_zone_id", "(not set)", "a standby's zone"],
      ["production/store-orders-db", "alicloud_db_instance.store-orders-db.deletion_protection", "false", "must refuse deletion"],
      ["production/store-orders-db", "alicloud_db_instance.store-orders-db.zone_id_slave_a", "(not set)", "a standby's zone"],
    ] },
];

const dockerRows: PolicyRow[] = [
  { rule: "min-replicas", name: "an Aspect that removes a replica container",
    build: (app) => {
      const stack = docker(app, "production", web(), dockerProduction);
      Aspects.of(stack).add(removing(stack, "web-2"));
    },
    errors: [["production/web", "docker_container.web-<n> (replica containers)", "1", "at least 2 instances"]] },
  { rule: "min-replicas", name: "an override that counts a replica container away",
    build: (app) => docker(app, "production", web(), dockerProduction).addOverride("resource.docker_container.web-2.count", 0),
    errors: [["production/web", "docker_container.web-<n> (replica containers)", "1", "at least 2 instances"]] },
  { rule: "probes", name: "an Aspect that removes the containers' healthcheck",
    build: (app) => Aspects.of(docker(app, "production", web(), dockerProduction)).add({ visit: (node) => {
      if (TerraformResource.isTerraformResource(node) && node.node.id.startsWith("web-")) node.addOverride("healthcheck", undefined);
    } }),
    errors: [
      ["production/web-1", "docker_container.web-1.healthcheck", "(not set)", "ports[0] is routed"],
      ["production/web-2", "docker_container.web-2.healthcheck", "(not set)", "ports[0] is routed"],
    ] },
  { rule: "probes", name: "an Aspect that switches one healthcheck off through the binding",
    build: (app) => Aspects.of(docker(app, "production", web(), dockerProduction)).add({ visit: (node) => {
      if (node instanceof Container && node.node.id === "web-1") node.putHealthcheck({ test: ["NONE"] });
    } }),
    errors: [["production/web-1", "docker_container.web-1.healthcheck.test", '["NONE"]', "the service's probe"]] },
  { rule: "pinned-images", name: "an override of the service's image to a moving tag",
    build: (app) => docker(app, "production", web(), dockerProduction).addOverride("resource.docker_image.web-image.name", "localhost:5000/shop/web:main"),
    errors: [["production/web-image", "docker_image.web-image.name", '"localhost:5000/shop/web:main"', "a pinned version"]] },
  { rule: "pinned-images", name: "an Aspect that runs a replica from an image written out",
    build: (app) => {
      const stack = docker(app, "production", web(), dockerProduction);
      Aspects.of(stack.node.findChild("web-2")).add(overriding("docker_container", "image", "shop/web:1.2"));
    },
    errors: [["production/web-2", "docker_container.web-2.image", '"shop/web:1.2"', "a pinned version"]] },
  { rule: "no-plain-secrets", name: "an Aspect that adds a literal password to the containers' env",
    build: (app) => Aspects.of(docker(app, "production", web(), dockerProduction)).add({ visit: (node) => {
      if (node.node.id === "web-1") (node as TerraformResource).addOverride("env", ["API_TOKEN=tok-9f8e7d6c5b4a"]);
    } }),
    errors: [["production/web-1", "docker_container.web-1.env[0]", "(literal with a secret's name; value redacted)", "secrets: { API_TOKEN"]],
    hidden: "tok-9f8e7d6c5b4a" },
  { rule: "no-plain-secrets", name: "an Aspect that reads a secret from a variable that is not sensitive",
    build: (app) => {
      const stack = docker(app, "production", web(), dockerProduction);
      const plain = new TerraformVariable(stack, "db_password", { type: "string" });
      Aspects.of(stack.node.findChild("web-1")).add(overriding("docker_container", "env", [`DB_PASSWORD=${plain.stringValue}`]));
    },
    errors: [["production/web-1", "docker_container.web-1.env[0]", '"db_password"', "a plain variable is not sensitive"]] },
  { rule: "store-exposure", name: "an override that publishes the database container on every address of the host",
    build: (app) => docker(app, "prerelease", withStores(), { settings: { ...Stages.prerelease, minZones: 2 } })
      .addOverride("resource.docker_container.store-orders-db.ports", [{ internal: 3306, external: 3306 }]),
    errors: [["prerelease/store-orders-db", "docker_container.store-orders-db.ports[0].ip", '"0.0.0.0"', "a private address block"]] },
];

describe("policies on the final configuration", () => {
  test.each([...alicloudRows, ...dockerRows])("$name [$rule]", expectRefused);
});

describe("an adjusted policy adjusts its check of the final configuration", () => {
  test("relaxed: production's application runs on the one instance the Aspect wrote", () => {
    const app = tempApp();
    const settings = Policies.relax(Stages.production, "min-replicas");
    Aspects.of(alicloud(app, "production", web(), { ...production, settings })).add(overriding("alicloud_sae_application", "replicas", 1));
    expect(written(app).stacks.production.resource.alicloud_sae_application["app-web"].replicas).toBe(1);
  });

  test("relaxed on Docker: the containers run without the healthcheck the Aspect removed", () => {
    const app = tempApp();
    const settings = Policies.relax(dockerProduction.settings, "probes");
    Aspects.of(docker(app, "production", web(), { settings })).add(overriding("docker_container", "healthcheck", undefined));
    expect(written(app).stacks.production.resource.docker_container["web-1"].healthcheck).toBeUndefined();
  });

  test("relaxed store policies: a database open to the internet without backups is written", () => {
    const app = tempApp();
    const settings = Policies.relax(Stages.production, "store-exposure", "store-safety");
    const stack = alicloud(app, "production", withStores(), { ...production, settings });
    Aspects.of(stack).add(overriding("alicloud_db_instance", "security_ips", ["0.0.0.0/0"]));
    Aspects.of(stack).add(removing(stack, "store-orders-db-backups"));
    const db = written(app).stacks.production.resource.alicloud_db_instance["store-orders-db"];
    expect(db.security_ips).toContain("0.0.0.0/0");
  });

  test("downgraded to a warning: the override is written, and the policy warns once at the resource", () => {
    const app = tempApp();
    const settings = Policies.warnOnly(Stages.production, "pinned-images");
    alicloud(app, "production", web(), { ...production, settings })
      .addOverride("resource.alicloud_sae_application.app-web.image_url", "registry.example/shop/web:latest");
    const { stacks, warnings } = written(app);
    expect(stacks.production.resource.alicloud_sae_application["app-web"].image_url).toBe("registry.example/shop/web:latest");
    expect(warnings).toEqual([expect.stringMatching(
      /^WARNING production\/app-web: alicloud_sae_application\.app-web\.image_url = "registry\.example\/shop\/web:latest"; an image reference ending in a pinned version .* \[pinned-images\]$/)]);
  });

  test("replaced by a team's policy without a check of the final configuration: only the team's rule applies", () => {
    const app = tempApp();
    const settings = Policies.replace(Stages.production, { name: "log-retention", check: () => [] });
    Aspects.of(alicloud(app, "production", web(), { ...production, settings })).add(overriding("alicloud_log_store", "retention_period", 7));
    expect(written(app).stacks.production.resource.alicloud_log_store["log-store-web"].retention_period).toBe(7);
  });

  test("a policy that warned about the input does not warn again about what was written from it", () => {
    const app = tempApp();
    docker(app, "test", web({ env: { API_TOKEN: EnvValue.literal("tok-9f8e7d6c5b4a") } }));
    const { warnings } = written(app);
    expect(warnings.filter((w) => w.endsWith("[no-plain-secrets]"))).toEqual([
      "WARNING test/web: env.API_TOKEN = (literal with a secret's name; value redacted); secrets: { API_TOKEN: Secret.fromVariable(\"<variable>\") }: " +
      "a literal is committed and written into the synthesized files [no-plain-secrets]",
    ]);
  });

  test("a warning-only policy that found nothing in the input warns about what an Aspect wrote", () => {
    const app = tempApp();
    Aspects.of(docker(app, "test")).add({ visit: (node) => {
      if (node.node.id === "web-1") (node as TerraformResource).addOverride("env", ["API_TOKEN=tok-9f8e7d6c5b4a"]);
    } });
    const { warnings } = written(app);
    expect(warnings).toEqual([
      "WARNING test/web-1: docker_container.web-1.env[0] = (literal with a secret's name; value redacted); secrets: { API_TOKEN: Secret.fromVariable(\"<variable>\") }: " +
      "a literal is committed and written into the synthesized files [no-plain-secrets]",
    ]);
  });
});

describe("the example App", () => {
  test("passes every policy's check of its final configuration: no new finding on any stage", () => {
    const app = tempApp();
    const catalog = shopCatalog();
    const environments = [
      testEnvironment(app, catalog, testRelease(catalog)),
      prereleaseEnvironment(app, catalog, prereleaseRelease(catalog)),
      productionEnvironment(app, catalog, productionRelease(catalog)),
    ];
    bootstrapStack(app, environments.slice(1) as AlicloudEnvironment[]);
    const { stacks, warnings } = written(app);
    expect(Object.keys(stacks).sort()).toEqual(["bootstrap", "prerelease", "production", "test"]);
    // Findings on the final configuration name a rendered attribute: the example has none.
    expect(warnings.filter((w) => /^WARNING \S+: (alicloud|docker)_/.test(w))).toEqual([]);
    // Each stage's policies judged what was written, and most had something to judge.
    const production = environments[2] as AlicloudEnvironment;
    const configuration = readAlicloudConfiguration("production", stacks.production);
    expect(configuration.workloads.map((w) => w.service).sort()).toEqual(["orders-api", "web", "worker"]);
    expect(configuration.stores.map((s) => s.store).sort()).toEqual(["cache", "orders-db"]);
    expect(configuration.alarms?.length).toBeGreaterThan(0);
    expect(configuration.sharedValues?.map((v) => v.name)).toEqual(["LOG_LEVEL"]);
    const context = { path: "production", catalog, release: production.release, settings: production.settings, alerting: production.alerting };
    expect(production.settings.policies.flatMap((p) => p.checkRendered?.(configuration, context) ?? [])).toEqual([]);
  });
});
