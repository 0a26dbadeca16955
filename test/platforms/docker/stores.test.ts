import { Testing } from "cdktf";
import {
  DockerEnvironment, DockerEnvironmentProps, EnvValue, Image, MysqlStore, RedisStore, Release, Secret, Service, ServiceCatalog, Stages,
} from "../../../lib";
import { shopCatalog } from "../../../stacks/services";
import { testRelease } from "../../../stacks/test";

/** The example's test stack, or its catalog in a Docker environment with `props`. */
function synth(props: Partial<DockerEnvironmentProps> = {}, catalog: ServiceCatalog = shopCatalog()) {
  const release = props.release ?? testRelease(shopCatalog());
  const stack = new DockerEnvironment(Testing.app(), "test", { catalog, release, ...props });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}

const containers = (json: any): Record<string, any> => json.resource.docker_container;
const replicasOf = (json: any, service: string) =>
  Object.entries(containers(json)).filter(([id]) => new RegExp(`^${service}-\\d+$`).test(id)).map(([, c]) => c);

describe("a store on Docker", () => {
  const { stack, json } = synth();

  test("is a container of its engine's local image on the environment's network, answering to the store's name", () => {
    const db = containers(json)["store-orders-db"];
    expect(json.resource.docker_image["store-orders-db-image"].name).toBe("mariadb:10.11");
    expect(db).toMatchObject({
      name: "test-orders-db",
      hostname: "orders-db",
      networks_advanced: [{ name: "${docker_network.network.name}", aliases: ["orders-db"] }],
      restart: "unless-stopped",
      wait: true,
      healthcheck: { test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"], interval: "1s", start_period: "30s" },
    });
    expect(db.labels).toContainEqual({ label: "org.cdktf-service-platform.store", value: "mysql" });
    // Nothing is published on the host: only the environment's network reaches it.
    expect(db.ports).toBeUndefined();
    expect(containers(json)["store-cache"]).toMatchObject({
      name: "test-cache",
      command: ["redis-server", "--requirepass", "${var.cache_password}", "--appendonly", "yes", "--dir", "/data"],
      healthcheck: { test: ["CMD", "redis-cli", "ping"] },
    });
  });

  test("keeps its data on a named volume of the environment, which a destroy removes in the test stage", () => {
    expect(json.resource.docker_volume["store-orders-db-data"]).toEqual({
      name: "test-orders-db-data",
      labels: [{ label: "org.cdktf-service-platform.environment", value: "test" }],
      lifecycle: { prevent_destroy: false },
    });
    expect(containers(json)["store-orders-db"].volumes).toEqual([{ volume_name: "${docker_volume.store-orders-db-data.name}", container_path: "/var/lib/mysql" }]);
    expect(containers(json)["store-cache"].volumes).toEqual([{ volume_name: "${docker_volume.store-cache-data.name}", container_path: "/data" }]);
    const rehearsal = synth({ settings: { ...Stages.test, deletionProtection: true } }).json;
    expect(rehearsal.resource.docker_volume["store-orders-db-data"].lifecycle).toEqual({ prevent_destroy: true });
  });

  test("gets the database, the account and the password as the official image reads them; the password only as a variable", () => {
    expect(containers(json)["store-orders-db"].env).toEqual([
      "MARIADB_DATABASE=orders", "MARIADB_USER=orders", "MARIADB_PASSWORD=${var.orders_db_password}", "MARIADB_RANDOM_ROOT_PASSWORD=1",
    ]);
    expect(containers(json)["store-cache"].env).toEqual(["REDISCLI_AUTH=${var.cache_password}"]);
    expect(json.variable.orders_db_password.sensitive).toBe(true);
    expect(json.variable.cache_password).toMatchObject({ sensitive: true, description: "Password of the Redis store cache" });
  });

  test("every replica of a service that reads it starts after it (which waits for its healthcheck); others do not wait", () => {
    for (const api of replicasOf(json, "orders-api")) {
      expect(api.depends_on).toEqual(["docker_container.store-orders-db"]);
      expect(api.env).toEqual(expect.arrayContaining([
        "MYSQL_HOST=orders-db", "MYSQL_PORT=3306", "MYSQL_USER=orders", "MYSQL_DATABASE=orders", "MYSQL_PASSWORD=${var.orders_db_password}",
      ]));
    }
    for (const web of replicasOf(json, "web")) {
      expect(web.depends_on).toEqual(["docker_container.store-cache"]);
      expect(web.env).toEqual(expect.arrayContaining(["REDIS_HOST=cache", "REDIS_PORT=6379", "REDIS_PASSWORD=${var.cache_password}"]));
    }
    for (const worker of replicasOf(json, "worker")) expect(worker.depends_on).toBeUndefined();
  });

  test("the shared configuration, resolved for the test stage, goes into each container that reads it", () => {
    for (const service of ["orders-api", "web", "worker"]) {
      for (const replica of replicasOf(json, service)) expect(replica.env).toContain("LOG_LEVEL=debug");
    }
  });

  test("the default MySQL image is MariaDB, which the environment says in a warning; an image of the team's own is not", () => {
    expect(stack.report.filter((v) => v.path === "test/orders-db").map((v) => [v.severity, v.field, v.allowed.split(":")[0]])).toEqual([
      ["warning", "version", "rendered as MariaDB 10.11, which speaks MySQL's protocol"],
    ]);
    const own = synth({ stores: { "orders-db": { image: "registry.example.com/db/mysql:8.0.36" } } });
    expect(own.json.resource.docker_image["store-orders-db-image"].name).toBe("registry.example.com/db/mysql:8.0.36");
    expect(own.stack.report.filter((v) => v.path === "test/orders-db")).toEqual([]);
  });
});

describe("an external store on Docker", () => {
  test("is no container: its host, port and user are plain variables of the stack, its password the store's secret", () => {
    const { json } = synth({ stores: { "orders-db": { external: true } } });
    expect(containers(json)["store-orders-db"]).toBeUndefined();
    expect(json.resource.docker_volume["store-orders-db-data"]).toBeUndefined();
    expect(json.variable.orders_db_host).toMatchObject({ sensitive: false, description: "Host of the existing store orders-db" });
    expect(json.variable.orders_db_port).toMatchObject({ sensitive: false, description: "Port of the existing store orders-db" });
    expect(json.variable.orders_db_user).toMatchObject({ sensitive: false, description: "Account of the existing store orders-db" });
    for (const api of replicasOf(json, "orders-api")) {
      expect(api.depends_on).toBeUndefined();
      expect(api.env).toEqual(expect.arrayContaining([
        "MYSQL_HOST=${var.orders_db_host}", "MYSQL_PORT=${var.orders_db_port}", "MYSQL_USER=${var.orders_db_user}",
        "MYSQL_DATABASE=orders", "MYSQL_PASSWORD=${var.orders_db_password}",
      ]));
    }
  });
});

describe("two services reading one store under names of their own", () => {
  test("each gets the same connection under its names, and both wait for the store", () => {
    const catalog = new ServiceCatalog();
    const db = new MysqlStore(catalog, "ledger", { version: "5.7", user: "ledger", password: Secret.fromVariable("ledger_pw") });
    const cache = new RedisStore(catalog, "sessions", { version: "6.0" });
    new Service(catalog, "billing", { image: Image.fromRegistry("shop/billing"), env: { DATABASE_HOST: db.connection.host }, secrets: { DATABASE_PW: db.connection.password } });
    new Service(catalog, "reports", {
      image: Image.fromRegistry("shop/reports"),
      env: { JDBC_HOST: db.connection.host, JDBC_DB: db.connection.database, SESSIONS: cache.connection.host, SESSIONS_PORT: cache.connection.port },
      secrets: { JDBC_PASSWORD: db.connection.password, SESSIONS_PASSWORD: cache.connection.password },
    });
    const { json, stack } = synth({ release: Release.of({ billing: "1.0.0", reports: "1.0.0" }) }, catalog);
    expect(replicasOf(json, "billing")[0].env).toEqual(["DATABASE_HOST=ledger", "DATABASE_PW=${var.ledger_pw}"]);
    expect(replicasOf(json, "reports")[0].env).toEqual([
      "JDBC_DB=ledger", "JDBC_HOST=ledger", "SESSIONS=sessions", "SESSIONS_PORT=6379", "JDBC_PASSWORD=${var.ledger_pw}",
      "SESSIONS_PASSWORD=${var.sessions_password}",
    ]);
    expect(replicasOf(json, "reports")[0].depends_on).toEqual(["docker_container.store-ledger", "docker_container.store-sessions"]);
    // Redis 6.0 runs as the local Redis 7.0: said, not dropped.
    expect(stack.report.filter((v) => v.path === "test/sessions").map((v) => v.allowed.split(":")[0])).toEqual(["rendered as Redis 7.0"]);
  });

  test("a per-stage value picks the environment's stage", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", {
      image: Image.fromRegistry("shop/app"),
      env: { LOG_LEVEL: catalog.perStage({ test: "debug", prerelease: "info", production: "warn" }), FEATURE_X: EnvValue.perStage({ staging: "on", test: "off" }) },
    });
    const { json } = synth({ release: Release.of({ app: "1.0.0" }) }, catalog);
    expect(replicasOf(json, "app")[0].env).toEqual(["FEATURE_X=off", "LOG_LEVEL=debug"]);
  });
});
