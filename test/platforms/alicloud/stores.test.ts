import {
  AlicloudEnvironmentProps, EnvValue, Image, MysqlStore, Port, Probe, RedisStore, Release, Route, Service, ServiceCatalog, Size, Stages,
} from "../../../lib";
import { configMapData } from "../../../lib/platforms/alicloud/config-map";
import { expectSaeEnvs, parseTerraformJson, render, resources, stage } from "./support";

/** A catalog with a MySQL store read by `api` and a Redis store read by `web`, sharing a log level and a queue host. */
function shop(catalog: ServiceCatalog) {
  const db = new MysqlStore(catalog, "orders-db", { version: "8.0", user: "orders", database: "orders" });
  const cache = new RedisStore(catalog, "cache", { version: "7.0" });
  const shared = catalog.share({
    LOG_LEVEL: catalog.perStage({ test: "debug", prerelease: "info", production: "warn" }),
    QUEUE_HOST: EnvValue.fromVariable("queue_host"),
    BANNER: EnvValue.literal("<b>Sale</b> & more"),
  });
  const probe = Probe.http(8080);
  new Service(catalog, "api", {
    image: Image.fromRegistry("shop/api"), ports: [Port.http(8080, { route: Route.internal() })], probe,
    env: { DB_HOST: db.connection.host, DB_PORT: db.connection.port, DB_USER: db.connection.user, DB_NAME: db.connection.database, LOG_LEVEL: shared.get("LOG_LEVEL") },
    secrets: { DB_PASSWORD: db.connection.password },
  });
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"), ports: [Port.http(8081, { route: Route.internal({ listenerPort: 8081 }) })], probe: Probe.http(8081),
    env: { CACHE_HOST: cache.connection.host, CACHE_PORT: cache.connection.port, QUEUE: shared.get("QUEUE_HOST"), BANNER: shared.get("BANNER") },
    secrets: { CACHE_PASSWORD: cache.connection.password },
  });
  new Service(catalog, "worker", { image: Image.fromRegistry("shop/worker") });
}

const release = Release.of({ api: "1.0.0", web: "1.0.0", worker: "1.0.0" });
const prerelease = (overrides: Partial<AlicloudEnvironmentProps> = {}) => render(shop, { release, ...overrides }).json;
const production = (overrides: Partial<AlicloudEnvironmentProps> = {}) =>
  render(shop, { release, settings: stage(Stages.production), ...overrides }, "production").json;

describe("a managed MySQL store", () => {
  test("prerelease: a basic RDS instance in the first zone, admitting only the VPC, with its database, account and rights", () => {
    const json = prerelease();
    expect(resources(json, "alicloud_db_instance")["store-orders-db"]).toEqual({
      engine: "MySQL", engine_version: "8.0", instance_type: "mysql.n2.small.1", instance_storage: 20, db_instance_storage_type: "cloud_essd",
      category: "Basic", instance_charge_type: "Postpaid", instance_name: "prerelease-orders-db",
      vpc_id: "${alicloud_vpc.vpc.id}", vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id}", zone_id: "cn-hangzhou-h",
      security_ips: ["10.0.0.0/16"], deletion_protection: false,
      tags: { environment: "prerelease", stage: "prerelease", "managed-by": "cdktf-service-platform", store: "orders-db" },
      lifecycle: { prevent_destroy: false },
    });
    expect(resources(json, "alicloud_db_database")["store-orders-db-database"]).toMatchObject({
      instance_id: "${alicloud_db_instance.store-orders-db.id}", name: "orders", character_set: "utf8mb4",
    });
    expect(resources(json, "alicloud_db_account")["store-orders-db-account"]).toEqual({
      db_instance_id: "${alicloud_db_instance.store-orders-db.id}", account_name: "orders",
      account_password: "${var.orders_db_password}", account_type: "Normal",
    });
    expect(resources(json, "alicloud_db_account_privilege")["store-orders-db-privilege"]).toEqual({
      instance_id: "${alicloud_db_instance.store-orders-db.id}", account_name: "${alicloud_db_account.store-orders-db-account.account_name}",
      privilege: "ReadWrite", db_names: ["${alicloud_db_database.store-orders-db-database.name}"],
    });
    expect(resources(json, "alicloud_db_backup_policy")["store-orders-db-backups"]).toMatchObject({
      backup_retention_period: 7, enable_backup_log: true, released_keep_policy: "Lastest", preferred_backup_period: expect.arrayContaining(["Monday", "Sunday"]),
    });
    expect(json.variable.orders_db_password.sensitive).toBe(true);
  });

  test("production: high availability with the standby in the second zone, protected, 30 days of backups, 100 GB", () => {
    const json = production();
    expect(resources(json, "alicloud_db_instance")["store-orders-db"]).toMatchObject({
      instance_type: "mysql.n2.medium.2c", category: "HighAvailability", instance_storage: 100,
      vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id},${alicloud_vswitch.vswitch-cn-hangzhou-i.id}",
      zone_id: "cn-hangzhou-h", zone_id_slave_a: "cn-hangzhou-i", deletion_protection: true, lifecycle: { prevent_destroy: true },
    });
    expect(resources(json, "alicloud_db_database")["store-orders-db-database"].lifecycle).toEqual({ prevent_destroy: true });
    expect(resources(json, "alicloud_db_backup_policy")["store-orders-db-backups"]).toMatchObject({ backup_retention_period: 30, enable_backup_log: true });
  });

  test("the environment's options: class, disk, a VPN's block; backups off render RDS's minimum, with a warning", () => {
    const { json, stack } = render(shop, {
      release,
      stores: { "orders-db": { instanceClass: "mysql.x4.large.2c", storage: Size.gibibytes(500), allowFrom: ["192.168.50.0/24"], backupRetention: "off" } },
    });
    expect(resources(json, "alicloud_db_instance")["store-orders-db"]).toMatchObject({
      instance_type: "mysql.x4.large.2c", category: "HighAvailability", instance_storage: 500, security_ips: ["10.0.0.0/16", "192.168.50.0/24"],
    });
    expect(resources(json, "alicloud_db_backup_policy")["store-orders-db-backups"]).toMatchObject({
      backup_retention_period: 7, enable_backup_log: false, released_keep_policy: "None", preferred_backup_period: ["Monday", "Thursday"],
    });
    expect(stack.report.filter((v) => v.path === "prerelease/orders-db").map((v) => [v.severity, v.field, v.allowed.split(":")[0]])).toEqual([
      ["warning", "backupRetention", "rendered as 7 days, Monday and Thursday"],
    ]);
  });

  test("the application that reads it waits for its rights and reads its address from the instance", () => {
    const json = prerelease();
    const api = resources(json, "alicloud_sae_application")["app-api"];
    expect(api.depends_on).toEqual(expect.arrayContaining(["alicloud_db_account_privilege.store-orders-db-privilege"]));
    const envs = parseTerraformJson(api.envs);
    expectSaeEnvs(envs);
    expect(envs).toEqual(expect.arrayContaining([
      { name: "DB_HOST", value: "<alicloud_db_instance.store-orders-db.connection_string>" },
      { name: "DB_PORT", value: "<alicloud_db_instance.store-orders-db.port>" },
      { name: "DB_USER", value: "orders" },
      { name: "DB_NAME", value: "orders" },
      { name: "DB_PASSWORD", value: "<var.orders_db_password>" },
    ]));
    expect(resources(json, "alicloud_sae_application")["app-worker"].depends_on).toEqual(["alicloud_log_store.log-store-worker"]);
  });
});

describe("a managed Redis store", () => {
  test("prerelease: a 1 GiB master-replica instance in the first zone, authenticating inside the VPC, admitting only the VPC", () => {
    expect(resources(prerelease(), "alicloud_kvstore_instance")["store-cache"]).toEqual({
      db_instance_name: "prerelease-cache", instance_type: "Redis", engine_version: "7.0", instance_class: "redis.shard.small.ce",
      payment_type: "PostPaid", zone_id: "cn-hangzhou-h", vswitch_id: "${alicloud_vswitch.vswitch-cn-hangzhou-h.id}",
      vpc_auth_mode: "Open", password: "${var.cache_password}", security_ips: ["10.0.0.0/16"], instance_release_protection: false,
      backup_period: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], backup_time: "02:00Z-03:00Z",
      tags: { environment: "prerelease", stage: "prerelease", "managed-by": "cdktf-service-platform", store: "cache" },
      lifecycle: { prevent_destroy: false },
    });
  });

  test("production: its replica in the second zone, release protection on; the 30 days asked are 7, with a warning", () => {
    const { json, stack } = render(shop, { release, settings: stage(Stages.production) }, "production");
    expect(resources(json, "alicloud_kvstore_instance")["store-cache"]).toMatchObject({
      instance_class: "redis.shard.mid.ce", secondary_zone_id: "cn-hangzhou-i", instance_release_protection: true, lifecycle: { prevent_destroy: true },
    });
    expect(stack.report.filter((v) => v.path === "production/cache").map((v) => [v.field, v.value, v.allowed.split(":")[0]])).toEqual([
      ["backupRetention", "30d", "rendered as 7d"],
    ]);
    const web = parseTerraformJson(resources(json, "alicloud_sae_application")["app-web"].envs);
    expect(web).toEqual(expect.arrayContaining([
      { name: "CACHE_HOST", value: "<alicloud_kvstore_instance.store-cache.connection_domain>" }, { name: "CACHE_PORT", value: "6379" },
    ]));
  });
});

describe("an external store on Alibaba Cloud", () => {
  test("creates nothing; host, port and user are variables, the password the store's secret", () => {
    const json = prerelease({ stores: { "orders-db": { external: true } } });
    expect(resources(json, "alicloud_db_instance")).toEqual({});
    expect(Object.keys(json.variable).sort()).toEqual(["cache_password", "orders_db_host", "orders_db_password", "orders_db_port", "orders_db_user", "queue_host"]);
    const envs = parseTerraformJson(resources(json, "alicloud_sae_application")["app-api"].envs);
    expect(envs).toEqual(expect.arrayContaining([
      { name: "DB_HOST", value: "<var.orders_db_host>" }, { name: "DB_PORT", value: "<var.orders_db_port>" }, { name: "DB_USER", value: "<var.orders_db_user>" },
    ]));
  });

  test("an existing VPC's given block is the whitelist", () => {
    const network = { vpcId: "vpc-shop01", cidrBlock: "172.16.0.0/12", zones: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-h01" }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-i01" }] };
    const json = production({ network });
    expect(resources(json, "alicloud_db_instance")["store-orders-db"]).toMatchObject({ vpc_id: "vpc-shop01", vswitch_id: "vsw-h01,vsw-i01", security_ips: ["172.16.0.0/12"] });
    expect(resources(json, "alicloud_kvstore_instance")["store-cache"]).toMatchObject({ vswitch_id: "vsw-h01", security_ips: ["172.16.0.0/12"] });
  });
});

describe("the shared configuration on SAE", () => {
  test("is one config map in the environment's namespace, its data in key order with Go's escaping, variables spliced by Terraform", () => {
    const json = prerelease();
    expect(resources(json, "alicloud_sae_config_map")).toEqual({
      "shared-config": {
        name: "prerelease-shared",
        namespace_id: "${alicloud_sae_namespace.sae-namespace.id}",
        description: "Configuration the services of prerelease share",
        data: '{"BANNER":"\\u003cb\\u003eSale\\u003c/b\\u003e \\u0026 more","LOG_LEVEL":"info","QUEUE_HOST":${jsonencode(var.queue_host)}}',
      },
    });
    expect(configMapData(new Map([["b", "2"], ["a", "\u2028"]]))).toBe('{"a":"\\u2028","b":"2"}');
  });

  test("each application reads the keys it uses from the map, under its own names; one that reads none does not refer to it", () => {
    const json = production();
    const apps = resources(json, "alicloud_sae_application");
    const reference = (name: string, key: string) => ({ name, valueFrom: { configMapRef: { configMapId: 0, key } } });
    const api = parseTerraformJson(apps["app-api"].envs);
    expectSaeEnvs(api);
    expect(api).toContainEqual(reference("LOG_LEVEL", "LOG_LEVEL"));
    expect(parseTerraformJson(apps["app-web"].envs)).toEqual(expect.arrayContaining([reference("QUEUE", "QUEUE_HOST"), reference("BANNER", "BANNER")]));
    expect(apps["app-worker"].envs).not.toContain("configMapRef");
    expect(apps["app-api"].envs).toContain('"configMapId":${alicloud_sae_config_map.shared-config.id}');
    // The map holds production's value.
    expect(resources(json, "alicloud_sae_config_map")["shared-config"].data).toContain('"LOG_LEVEL":"warn"');
  });

  test("the environment records each shared value and its readers, and the stores it provides, for the review", () => {
    const { stack } = render(shop, { release, settings: stage(Stages.production) }, "production");
    const record = stack.toTerraform()["//"]["cdktf-service-platform"];
    expect(record.shared).toEqual({
      BANNER: { value: "<b>Sale</b> & more", services: ["web"] },
      LOG_LEVEL: { value: "warn", services: ["api"] },
      QUEUE_HOST: { value: "var.queue_host", services: ["web"] },
    });
    expect(record.stores).toEqual([
      { name: "orders-db", engine: "mysql", provision: "managed", services: ["api"] },
      { name: "cache", engine: "redis", provision: "managed", services: ["web"] },
    ]);
  });
});
