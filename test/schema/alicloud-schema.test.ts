import {
  Alarms, Autoscaling, Canary, Duration, EnvValue, LogStore, Port, Probe, Release, Route, Rollout, ScalingSchedule, ScalingTarget,
  Secret, Service, ServiceCatalog, Image, Stages,
} from "../../lib";
import { ALICLOUD_TYPES_TO_GENERATE } from "../../scripts/generate-bindings";
import { render, stage } from "../platforms/alicloud/support";
import { synthExampleApp } from "../support/run-app";
import { loadAlicloudSchema, schemaProblems } from "./provider-schema";

/** Arguments of Terraform's `oss` backend (Terraform documentation, backend type "oss"). */
const OSS_BACKEND_ARGUMENTS = [
  "access_key", "secret_key", "security_token", "ecs_role_name", "region", "endpoint", "bucket", "prefix", "key",
  "tablestore_endpoint", "tablestore_table", "sts_endpoint", "encrypt", "acl", "shared_credentials_file", "profile",
  "assume_role", "assume_role_role_arn", "assume_role_policy", "assume_role_session_name", "assume_role_session_expiration",
];

/** Arguments the provider source marks `Removed` but the schema still lists: setting them fails at plan. */
const REMOVED: Record<string, string[]> = {
  alicloud_sae_application: ["nas_id", "mount_host", "mount_desc", "version_id"],
};

/**
 * A catalog that uses every kind of probe, log source and route, every scaling
 * target (on both load balancers) and schedule, alarms on HTTP and TCP routes
 * and a canary, with a registry created by the stack.
 */
function everything() {
  return render((c: ServiceCatalog) => {
    const api = new Service(c, "orders-api", {
      image: Image.fromRegistry("shop/orders-api"),
      ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) }), Port.tcp(9090)],
      probe: Probe.tcp(8085),
      env: { DB_HOST: EnvValue.fromVariable("orders_db_host") },
      secrets: { DB_PASSWORD: Secret.fromVariable("orders_db_password") },
      logs: LogStore.files("orders-files", ["/var/log/orders.log"], { retention: Duration.days(60) }),
      rollout: Rollout.batches({ grayFirst: true }),
      autoscaling: Autoscaling.between(2, 6, {
        targets: [ScalingTarget.memory(75), ScalingTarget.requestsPerSecond(150), ScalingTarget.responseTime(Duration.millis(250))],
      }),
      alarms: Alarms.defaults({ serverErrorsPerSecond: 0.5, sustainedFor: Duration.minutes(5) }),
    });
    new Service(c, "web", {
      image: Image.fromRegistry("shop/web"),
      ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com"] }) })],
      probe: Probe.http(8080, { path: "/healthz" }),
      dependsOn: [api],
      autoscaling: Autoscaling.between(2, 10, {
        targets: [ScalingTarget.cpu(70), ScalingTarget.requestsPerSecond(200)],
        schedules: [ScalingSchedule.on(["Mon", "Sat"], { from: "08:00", to: "12:00", min: 4 }),
          ScalingSchedule.on(["Mon", "Sat"], { from: "18:00", to: "22:00", max: 12 })],
      }),
    });
    new Service(c, "admin", {
      image: Image.fromRegistry("shop/admin"),
      ports: [
        Port.http(9000, { route: Route.internal({ domains: ["admin.shop.internal"] }) }),
        Port.tcp(2222, { route: Route.public({ listenerPort: 2222 }) }),
      ],
      probe: Probe.command(["/bin/health"]),
      replicas: 1,
    });
  }, {
    registry: { instanceName: "shop-registry", manageRepositories: true },
    settings: stage(Stages.production),
    release: Release.of({
      "orders-api": { version: "2.1.0", canary: Canary.forRequests({ headers: { "X-Canary": "1" }, cookies: { tester: "yes" } }) },
      web: "1.3.0",
      admin: "1.0.0",
    }),
    loadBalancerAccessLogs: { project: "shop-slb-logs", logstore: "access-log" },
    alerting: { contacts: ["shop-oncall"], group: "shop-production" },
  }, "production").json;
}

/** ACR Personal Edition with repositories created by the stack, and names kept through PrivateZone. */
function personal() {
  return render((c: ServiceCatalog) => {
    const query = new Service(c, "querybyid", {
      image: Image.fromRegistry("aixue/querybyid"),
      ports: [Port.http(8080, { route: Route.internal({ domains: ["querybyid.local", "*.querybyid.local"] }) })],
      probe: Probe.http(8080),
    });
    new Service(c, "cache", { image: Image.fromRegistry("aixue/cache"), ports: [Port.tcp(6379)], aliases: ["cache", "redis.local"] });
    new Service(c, "recommender", { image: Image.fromRegistry("aixue/recommender"), ports: [Port.http(8085)], dependsOn: [query] });
  }, { registry: { personal: { manageRepositories: true } }, settings: stage(Stages.production) }, "production").json;
}

describe("synthesized alicloud configuration against the provider schema", () => {
  const stacks: Record<string, any> = (() => {
    const example = synthExampleApp({ TF_VAR_orders_db_password: "not-used-at-synth" }).stacks;
    return {
      prerelease: example.prerelease, production: example.production, bootstrap: example.bootstrap, everything: everything(),
      personal: personal(),
    };
  })();
  /** The stacks whose state is remote; the bootstrap creates that remote state, so its own is local. */
  const remote = Object.keys(stacks).filter((name) => name !== "bootstrap");

  test.each(Object.keys(stacks))("%s: every resource and data source fits its schema", (name) => {
    const schema = loadAlicloudSchema();
    const stack = stacks[name];
    const problems: string[] = [];
    let checked = 0;
    for (const [kind, schemas] of [["resource", schema.resource_schemas], ["data", schema.data_source_schemas]] as const) {
      for (const [type, byId] of Object.entries<Record<string, any>>(stack[kind] ?? {})) {
        if (!type.startsWith("alicloud_")) continue;
        for (const [id, config] of Object.entries(byId)) {
          checked++;
          const where = `${kind}.${type}.${id}`;
          if (!schemas[type]) {
            problems.push(`${where}: no such ${kind === "data" ? "data source" : "resource"} type in the schema`);
            continue;
          }
          problems.push(...schemaProblems(where, schemas[type].block, config));
          for (const removed of REMOVED[type] ?? []) {
            if (removed in config) problems.push(`${where}.${removed}: removed from the provider`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  test.each(Object.keys(stacks))("%s: the provider block fits the provider schema and carries no credentials", (name) => {
    const schema = loadAlicloudSchema();
    const providers: any[] = stacks[name].provider.alicloud;
    expect(providers).toHaveLength(1);
    expect(schemaProblems("provider.alicloud", schema.provider.block, providers[0])).toEqual([]);
    expect(providers[0].region).toBe("cn-hangzhou");
    for (const credential of ["access_key", "secret_key", "security_token"]) expect(providers[0]).not.toHaveProperty(credential);
    expect(stacks[name].terraform.required_providers.alicloud).toEqual({ source: "aliyun/alicloud", version: "~> 1.247.0" });
  });

  test.each(remote)("%s: the backend is OSS with a Tablestore lock, encrypted, without credentials", (name) => {
    loadAlicloudSchema();
    const backend = stacks[name].terraform.backend;
    expect(Object.keys(backend)).toEqual(["oss"]);
    const oss = backend.oss;
    expect(Object.keys(oss).filter((k) => !OSS_BACKEND_ARGUMENTS.includes(k))).toEqual([]);
    expect(oss).toMatchObject({ encrypt: true, prefix: ["everything", "personal"].includes(name) ? "production" : name });
    for (const required of ["bucket", "region", "tablestore_endpoint", "tablestore_table"]) {
      expect({ required, set: typeof oss[required] === "string" && oss[required].length > 0 }).toEqual({ required, set: true });
    }
    for (const credential of ["access_key", "secret_key", "security_token"]) expect(oss).not.toHaveProperty(credential);
  });

  test("bootstrap: its own state is local, and it holds no credentials", () => {
    loadAlicloudSchema();
    expect(Object.keys(stacks.bootstrap.terraform.backend)).toEqual(["local"]);
    expect(JSON.stringify(stacks.bootstrap)).not.toMatch(/access_key|secret_key|security_token/);
  });

  test("together the stacks exercise every resource type the bindings are generated for", () => {
    loadAlicloudSchema();
    const rendered = new Set(Object.values(stacks).flatMap((s) => Object.keys(s.resource ?? {})));
    expect(ALICLOUD_TYPES_TO_GENERATE.resources.filter((t) => !rendered.has(t))).toEqual([]);
  });
});
