import {
  Alarms, Autoscaling, Cpu, Duration, EnvValue, Image, LogStore, MysqlStore, Port, Probe, ProbeTiming, RedisStore, Rollout, Route,
  ScalingSchedule, ScalingTarget, Secret, Service, ServiceCatalog, Size,
} from "../lib";

/** The shop's services start in seconds, so their probes look early and often. */
const PROBE_TIMING: ProbeTiming = {
  initialDelay: Duration.seconds(3),
  timeout: Duration.seconds(2),
  period: Duration.seconds(5),
};

/** The example shop's services; every release names each of them. */
export type ShopService = "orders-api" | "web" | "worker";

/** The example shop's catalog: service names and release keys are checked against {@link ShopService}. */
export type ShopCatalog = ServiceCatalog<ShopService>;

/**
 * The example shop: a public web front with a Redis cache, an orders API with
 * its MySQL database, and a background worker with no routes. Each store is
 * declared once: a container in test, a managed instance in the cloud; the
 * services name the variables its connection arrives in, the password always a
 * secret. The log level differs by stage and is shared through the
 * environment's configuration. Each service scales with its load and has
 * alarms; the web front also keeps more instances in business hours.
 */
export function shopCatalog(): ShopCatalog {
  const catalog = new ServiceCatalog<ShopService>();

  const ordersDb = new MysqlStore(catalog, "orders-db", {
    version: "8.0",
    database: "orders",
    user: "orders",
    password: Secret.fromVariable("orders_db_password", { description: "Orders database password" }),
  });
  const cache = new RedisStore(catalog, "cache", { version: "7.0" });
  const shared = catalog.share({ LOG_LEVEL: catalog.perStage({ test: "debug", prerelease: "info", production: "warn" }) });
  const mysql = ordersDb.connection;
  const redis = cache.connection;

  const ordersApi = new Service(catalog, "orders-api", {
    image: Image.fromRegistry("shop/orders-api"),
    autoscaling: Autoscaling.between(2, 6, { targets: [ScalingTarget.cpu(70), ScalingTarget.memory(80)] }),
    // The API answers the web front, whose own users wait on it: page sooner than the default second.
    alarms: Alarms.defaults({ responseTime: Duration.millis(500) }),
    ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) })],
    probe: Probe.http(8085, { path: "/healthz", ...PROBE_TIMING }),
    resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
    env: {
      LOG_LEVEL: shared.get("LOG_LEVEL"),
      PORT: EnvValue.literal("8085"),
      MYSQL_HOST: mysql.host,
      MYSQL_PORT: mysql.port,
      MYSQL_USER: mysql.user,
      MYSQL_DATABASE: mysql.database,
    },
    secrets: { MYSQL_PASSWORD: mysql.password },
    logs: LogStore.stdout("orders-api"),
    rollout: Rollout.batches({ batches: 2, grayFirst: true }),
  });

  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    autoscaling: Autoscaling.between(2, 10, {
      targets: [ScalingTarget.cpu(70), ScalingTarget.requestsPerSecond(200)],
      schedules: [ScalingSchedule.weekdays({ from: "08:00", to: "20:00", min: 4 })],
    }),
    ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com"] }) })],
    probe: Probe.http(8080, { path: "/healthz", ...PROBE_TIMING }),
    resources: { cpu: Cpu.cores(0.5), memory: Size.gibibytes(1) },
    env: {
      LOG_LEVEL: shared.get("LOG_LEVEL"),
      ORDERS_API_HOST: EnvValue.hostOf(ordersApi),
      ORDERS_API_PORT: EnvValue.literal("8085"),
      REDIS_HOST: redis.host,
      REDIS_PORT: redis.port,
    },
    secrets: { REDIS_PASSWORD: redis.password },
    logs: LogStore.stdout("web"),
    dependsOn: [ordersApi],
  });

  new Service(catalog, "worker", {
    image: Image.fromRegistry("shop/worker"),
    autoscaling: Autoscaling.between(2, 4, { targets: [ScalingTarget.cpu(75)] }),
    probe: Probe.command(["/bin/sh", "-c", "test -f /tmp/healthy"], PROBE_TIMING),
    resources: { cpu: Cpu.cores(0.5), memory: Size.gibibytes(1) },
    env: {
      LOG_LEVEL: shared.get("LOG_LEVEL"),
      PORT: EnvValue.literal("none"),
      ORDERS_API_HOST: EnvValue.hostOf(ordersApi),
      QUEUE_HOST: EnvValue.fromVariable("worker_queue_host"),
    },
    logs: LogStore.stdout("worker"),
    dependsOn: [ordersApi],
  });

  return catalog;
}
