import {
  AlicloudEnvironment, AlicloudEnvironmentProps, AlicloudStoreProps, DockerEnvironment, DockerStoreProps, Duration, EnvValue, Image,
  MysqlStore, MysqlStoreProps, Port, Probe, RedisStore, Release, Route, Secret, Service, ServiceCatalog, Size, StageSettings, Stages,
  ValidationError,
} from "../../lib";
import { BASE_PROPS } from "../platforms/alicloud/support";
import { synthApp, synthError, tempApp } from "../support/synth";
import { Expected, expectOneError } from "./rejected";

const image = Image.fromRegistry("shop/app");
const mysqlProps: MysqlStoreProps = { version: "8.0", user: "orders", database: "orders" };

/** The catalog's parts a case changes: the database's props, the cache's, and anything else on the catalog. */
interface Parts {
  readonly mysql?: Partial<MysqlStoreProps> & Record<string, unknown>;
  readonly redis?: Record<string, unknown>;
  readonly mysqlName?: string;
  readonly extra?: (catalog: ServiceCatalog, stores: { db: MysqlStore; cache: RedisStore }) => void;
  /** Instead of the cache's connection, what the app reads (another catalog's store, a cast). */
  readonly appEnv?: (stores: { db: MysqlStore; cache: RedisStore }) => Record<string, EnvValue>;
}

/**
 * A catalog of one service, `app`, reading a MySQL store `orders-db` and a
 * Redis store `cache`; `parts` makes one thing about it wrong.
 */
function catalogOf(parts: Parts = {}): ServiceCatalog {
  const catalog = new ServiceCatalog();
  const db = new MysqlStore(catalog, parts.mysqlName ?? "orders-db", { ...mysqlProps, ...parts.mysql });
  const cache = new RedisStore(catalog, "cache", { version: "7.0", ...parts.redis });
  const stores = { db, cache };
  new Service(catalog, "app", {
    image,
    ports: [Port.http(8080, { route: Route.internal() })],
    probe: Probe.http(8080),
    env: {
      DB_HOST: db.connection.host, DB_USER: db.connection.user, CACHE_HOST: cache.connection.host,
      ...parts.appEnv?.(stores),
    },
    secrets: { DB_PASSWORD: db.connection.password, CACHE_PASSWORD: cache.connection.password },
  });
  parts.extra?.(catalog, stores);
  return catalog;
}

const release = (catalog: ServiceCatalog) => Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.0"])));

interface Case {
  readonly name: string;
  /** Where it is synthesized: a Docker test environment, or Alibaba Cloud prerelease or production. */
  readonly on: "docker" | "prerelease" | "production";
  readonly parts?: Parts;
  /** The environment's store options. */
  readonly stores?: Record<string, AlicloudStoreProps | DockerStoreProps>;
  /** Other props of the environment. */
  readonly props?: Partial<AlicloudEnvironmentProps> & Record<string, unknown>;
  /** The stage's settings, when not the platform's usual ones. */
  readonly settings?: StageSettings;
  readonly expected: Expected;
}

/** The stage settings of a cloud case: the stage's own policies, or none where a case is about the platform's rules. */
const noPolicies = (settings: StageSettings): StageSettings => ({ ...settings, policies: [] });

const cases: Case[] = [
  // Engine versions.
  { name: "a MySQL version RDS no longer creates", on: "docker", parts: { mysql: { version: "5.6" } },
    expected: ["test/orders-db", "version", '"5.6"', "a MySQL version the managed service creates: 5.7, 8.0"] },
  { name: "a MySQL version without its minor", on: "docker", parts: { mysql: { version: "8" } },
    expected: ["test/orders-db", "version", '"8"', "5.7, 8.0"] },
  { name: "a retired Redis version", on: "prerelease", parts: { redis: { version: "2.8" } },
    expected: ["prerelease/cache", "version", '"2.8"', "a Redis version the managed service creates: 5.0, 6.0, 7.0"] },
  { name: "a Redis patch version", on: "docker", parts: { redis: { version: "7.0.15" } },
    expected: ["test/cache", "version", '"7.0.15"', "5.0, 6.0, 7.0"] },
  { name: "a version given as a number (JavaScript)", on: "docker", parts: { mysql: { version: 8.0 as unknown as string } },
    expected: ["test/orders-db", "version", "8", "5.7, 8.0"] },
  // Passwords.
  { name: "a literal password (JavaScript)", on: "docker", parts: { mysql: { password: "hunter2" as unknown as Secret } },
    expected: ["test/orders-db", "password", "(not a Secret; value redacted)", "a Secret, e.g. Secret.fromVariable"] },
  { name: "a password variable that is no Terraform variable name", on: "docker",
    parts: { redis: { password: Secret.fromVariable("cache-password") } },
    expected: ["test/cache", "password", '"cache-password"', "a Terraform variable name"] },
  // Names, per RDS's rules.
  { name: "an account RDS keeps for itself", on: "docker", parts: { mysql: { user: "root" } },
    expected: ["test/orders-db", "user", '"root"', "none of root, admin"] },
  { name: "an account with capitals", on: "prerelease", parts: { mysql: { user: "Orders" } },
    expected: ["prerelease/orders-db", "user", '"Orders"', "a MySQL account name: 2-32 lowercase letters"] },
  { name: "an account of 33 characters", on: "docker", parts: { mysql: { user: "o".repeat(33) } },
    expected: ["test/orders-db", "user", `"${"o".repeat(33)}"`, "2-32 lowercase letters"] },
  { name: "an account starting with a digit", on: "docker", parts: { mysql: { user: "1orders" } },
    expected: ["test/orders-db", "user", '"1orders"', "starting with a letter"] },
  { name: "MySQL's own schema as the database", on: "docker", parts: { mysql: { database: "mysql" } },
    expected: ["test/orders-db", "database", '"mysql"', "none of MySQL's mysql, information_schema"] },
  { name: "a database name with a dot", on: "prerelease", parts: { mysql: { database: "orders.v2" } },
    expected: ["prerelease/orders-db", "database", '"orders.v2"', "a MySQL database name: 2-64 lowercase letters"] },
  { name: "a database name ending in '-'", on: "docker", parts: { mysql: { database: "orders-" } },
    expected: ["test/orders-db", "database", '"orders-"', "ending with a letter or digit"] },
  { name: "a store name that is no DNS label", on: "docker", parts: { mysqlName: "Orders_DB", mysql: { database: "orders" } },
    expected: ["test/Orders_DB", "name", '"Orders_DB"', "a DNS label"] },
  { name: "a store named like a service", on: "docker", parts: { mysqlName: "app" },
    expected: ["test/app", "name", '"app"', "a name no service of the catalog uses"] },
  { name: "two stores with one name", on: "docker",
    parts: { extra: (c, { db }) => new Service(c, "reader", { image, env: { H: new RedisStore(c, "cache", { version: "7.0" }).connection.host, D: db.connection.host } }) },
    expected: ["test/cache", "name", '"cache"', "a name no other store of the catalog uses"] },
  { name: "a disk size that is no whole GiB", on: "docker", parts: { mysql: { storage: Size.mebibytes(1500) } },
    expected: ["test/orders-db", "storage", "1500Mi", "whole gibibytes"] },
  // Where the stores are used.
  { name: "a store of another catalog", on: "docker",
    parts: { appEnv: () => ({ OTHER_HOST: new RedisStore(new ServiceCatalog(), "other", { version: "7.0" }).connection.host }) },
    expected: ["test/app", "stores", '"other"', "a store of the same catalog (orders-db, cache)"] },
  { name: "a per-stage value without the environment's stage (a cast)", on: "prerelease",
    parts: { appEnv: () => ({ LOG_LEVEL: EnvValue.perStage({ test: "debug", production: "warn" }) }) },
    expected: ["prerelease/app", "env.LOG_LEVEL", '["test","production"]', 'a value for this environment\'s stage "prerelease"'] },
  { name: "a shared key the shared configuration does not have (a cast)", on: "docker",
    parts: { extra: (c) => c.share({ LOG_LEVEL: EnvValue.literal("info") }),
      appEnv: () => ({ QUEUE: new ServiceCatalog().share({ QUEUE_HOST: EnvValue.literal("q") }).get("QUEUE_HOST") }) },
    expected: ["test/app", "env.QUEUE", '"QUEUE_HOST"', "a key of the catalog's shared configuration (LOG_LEVEL)"] },
  { name: "a shared key no config map takes", on: "docker",
    parts: { extra: (c) => c.share({ "queue host": EnvValue.literal("q") }) },
    expected: ["test", "shared.queue host", '"queue host"', "a config map key"] },
  // What the managed services sell.
  { name: "an RDS class size that does not exist", on: "prerelease", stores: { "orders-db": { instanceClass: "mysql.n2.huge.2c" } },
    expected: ["prerelease", "stores.orders-db.instanceClass", '"mysql.n2.huge.2c"', "an instance class ApsaraDB sells for MySQL"] },
  { name: "an old local-disk RDS class", on: "prerelease", stores: { "orders-db": { instanceClass: "rds.mysql.s1.small" } },
    expected: ["prerelease", "stores.orders-db.instanceClass", '"rds.mysql.s1.small"', "an instance class ApsaraDB sells for MySQL"] },
  { name: "a cloud-native Redis size with the classic suffix", on: "prerelease", stores: { cache: { instanceClass: "redis.shard.small.default" } },
    expected: ["prerelease", "stores.cache.instanceClass", '"redis.shard.small.default"', "an instance class ApsaraDB sells for Redis"] },
  { name: "an RDS class of the wrong engine", on: "prerelease", stores: { "orders-db": { instanceClass: "redis.shard.small.ce" } },
    expected: ["prerelease", "stores.orders-db.instanceClass", '"redis.shard.small.ce"', "ApsaraDB sells for MySQL"] },
  { name: "an RDS disk below 20 GB", on: "prerelease", stores: { "orders-db": { storage: Size.gibibytes(15) } },
    expected: ["prerelease", "stores.orders-db.storage", "15Gi", "whole GiB from 20 to 32000 in steps of 5"] },
  { name: "an RDS disk off the 5 GB steps", on: "prerelease", stores: { "orders-db": { storage: Size.gibibytes(33) } },
    expected: ["prerelease", "stores.orders-db.storage", "33Gi", "in steps of 5"] },
  { name: "a disk for Redis", on: "prerelease", stores: { cache: { storage: Size.gibibytes(20) } },
    expected: ["prerelease", "stores.cache.storage", "20Gi", "a Redis instance's memory comes with its instance class"] },
  { name: "backups kept 3 days", on: "prerelease", stores: { "orders-db": { backupRetention: Duration.days(3) } },
    expected: ["prerelease", "stores.orders-db.backupRetention", "3d", "whole days from 7d to 730d"] },
  { name: "a multi-zone database on a basic class", on: "prerelease", stores: { "orders-db": { multiZone: true } },
    expected: ["prerelease", "stores.orders-db.instanceClass", '"mysql.n2.small.1"', "a high-availability class (mysql.*.2c) for a multi-zone store"] },
  { name: "a multi-zone store in a one-zone network: the environment cannot provide it", on: "prerelease",
    stores: { cache: { multiZone: true } }, settings: noPolicies({ ...Stages.prerelease, minZones: 1 }),
    props: { network: { zones: [{ zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" }] } },
    expected: ["prerelease", "stores.cache.multiZone", "true", "a network of at least 2 zones: the standby goes into the second"] },
  { name: "an existing VPC whose block is not given: no whitelist to set", on: "prerelease",
    props: { network: { vpcId: "vpc-shop01", zones: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-h01" }, { zoneId: "cn-hangzhou-i", vswitchId: "vsw-i01" }] } },
    expected: ["prerelease", "network.cidrBlock", "(not set)", "the existing VPC's CIDR block: it is the whitelist of the managed stores orders-db, cache"] },
  { name: "an allowed block that is no CIDR", on: "prerelease", stores: { "orders-db": { allowFrom: ["office"] } },
    expected: ["prerelease", "stores.orders-db.allowFrom[0]", '"office"', "an IPv4 CIDR block"] },
  { name: "options for a store the catalog does not have", on: "prerelease", stores: { "orders-dv": { external: true } },
    expected: ["prerelease", "stores.orders-dv", '"orders-dv"', "a store of the catalog (orders-db, cache)"] },
  { name: "more shared values than one SAE config map holds", on: "prerelease",
    parts: { extra: (c) => c.share(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`KEY_${i}`, EnvValue.literal("x")]))) },
    expected: ["prerelease", "shared", "21", "at most 20 keys: they share one SAE config map"] },
  // Docker's own.
  { name: "a store image that is no image reference", on: "docker", stores: { "orders-db": { image: "MariaDB:latest!" } },
    expected: ["test", "stores.orders-db.image", '"MariaDB:latest!"', "an image reference"] },
  { name: "options for a store the catalog does not have, on Docker", on: "docker", stores: { redis: { external: true } },
    expected: ["test", "stores.redis", '"redis"', "a store of the catalog (orders-db, cache)"] },
  { name: "a store named like a replica's host", on: "docker", parts: { mysqlName: "app-1" },
    expected: ["test/app-1", "name", '"app-1"', "replica 1 of app answers to it"] },
  // The stage's store settings.
  { name: "a stage without store settings for a catalog with stores", on: "docker",
    settings: { ...Stages.test, stores: undefined },
    expected: ["test", "settings.stores", "(not set)", "how the stage sizes its stores"] },
  { name: "a stage keeping backups 3 days", on: "prerelease",
    settings: noPolicies({ ...Stages.prerelease, stores: { ...Stages.prerelease.stores!, backupRetention: Duration.days(3) } }),
    expected: ["prerelease", "settings.stores.backupRetention", "3d", '"off" or a whole number of days from 7d to 730d'] },
  // Policies.
  { name: "a store open to the internet, in prerelease", on: "prerelease", settings: Stages.prerelease,
    stores: { "orders-db": { allowFrom: ["0.0.0.0/0"] } },
    expected: ["prerelease/orders-db", "allowFrom[0]", '"0.0.0.0/0"', "a private address block"] },
  { name: "a public address admitted to the cache, in production", on: "production",
    settings: { ...Stages.production, policies: Stages.production.policies.filter((p) => p.name !== "alarms") },
    stores: { cache: { allowFrom: ["203.0.113.7/32"] } },
    expected: ["production/cache", "allowFrom[0]", '"203.0.113.7/32"', "a store is never reachable from the internet"] },
  { name: "a production database without backups", on: "production",
    settings: { ...Stages.production, policies: Stages.production.policies.filter((p) => p.name !== "alarms") },
    stores: { "orders-db": { backupRetention: "off" } },
    expected: ["production/orders-db", "backupRetention", '"off"', 'backups kept at least 7d in stage "production"'] },
  { name: "a production cache in one zone", on: "production",
    settings: { ...Stages.production, policies: Stages.production.policies.filter((p) => p.name !== "alarms") },
    stores: { cache: { multiZone: false } },
    expected: ["production/cache", "multiZone", "false", "keep a standby in a second zone"] },
];

function build(c: Case, app = tempApp()) {
  const catalog = catalogOf(c.parts);
  if (c.on === "docker") {
    new DockerEnvironment(app, "test", {
      catalog, release: release(catalog), stores: c.stores, ...(c.settings ? { settings: c.settings } : {}),
    });
  } else {
    const settings = c.settings ?? noPolicies(c.on === "production" ? Stages.production : Stages.prerelease);
    new AlicloudEnvironment(app, c.on, {
      ...BASE_PROPS, ...c.props, catalog, release: release(catalog), settings, stores: c.stores,
    });
  }
  return app;
}

describe("bad store input stops synthesis with one clear error and writes nothing for the stack", () => {
  test("there are at least 30 cases", () => expect(cases.length).toBeGreaterThanOrEqual(30));

  test.each(cases)("$name", (c) => {
    const error = expectOneError(build(c), c.on === "docker" ? "test" : c.on, c.expected);
    // A password given as a literal is never repeated.
    expect(error.message).not.toContain("hunter2");
  });
});

describe("warnings that do not stop synthesis", () => {
  test("a store no service reads is a warning: the environment would create and pay for it for nothing", () => {
    const app = build({ name: "unused", on: "docker", parts: { extra: (c) => new RedisStore(c, "sessions", { version: "7.0" }) }, expected: ["", "", "", ""] });
    const out = synthApp(app);
    expect(out.stacks.test.resource.docker_container["store-sessions"]).toBeDefined();
    const stack = app.node.findChild("test") as DockerEnvironment;
    expect(stack.report.filter((v) => v.field === "name").map((v) => [v.severity, v.path, v.allowed.split(";")[0]])).toEqual([
      ["warning", "test/sessions", "a store some service reads a connection value of (store.connection in its env or secrets)"],
    ]);
  });

  test("the good catalog of these cases synthesizes in every environment", () => {
    for (const on of ["docker", "prerelease"] as const) {
      expect(synthError(build({ name: "good", on, expected: ["", "", "", ""] }))).toBeUndefined();
    }
    const production = { ...Stages.production, policies: Stages.production.policies.filter((p) => p.name !== "alarms") };
    expect(synthError(build({ name: "good", on: "production", settings: production, expected: ["", "", "", ""] }))).toBeUndefined();
  });

  test("every error of a bad store is reported at once, with the others of the App", () => {
    const error = synthError(build({ name: "many", on: "docker", parts: { mysql: { version: "5.5", user: "root", database: "sys" } }, expected: ["", "", "", ""] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.filter((v) => v.severity === "error").map((v) => v.field)).toEqual(["database", "user", "version"]);
  });
});
