import {
  Alarms, Autoscaling, Cpu, Duration, EnvValue, Image, LogStore, Port, Probe, ProbeTiming, Rollout, Route, ScalingSchedule,
  ScalingTarget, Secret, Service, ServiceCatalog, Size,
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
 * The example shop: a public web front, an orders API that reaches its
 * database through per-environment configuration and a secret password, and a
 * background worker with no routes. Each scales with its load and has alarms;
 * the web front also keeps more instances in business hours.
 */
export function shopCatalog(): ShopCatalog {
  const catalog = new ServiceCatalog<ShopService>();

  const ordersApi = new Service(catalog, "orders-api", {
    image: Image.fromRegistry("shop/orders-api"),
    autoscaling: Autoscaling.between(2, 6, { targets: [ScalingTarget.cpu(70), ScalingTarget.memory(80)] }),
    // The API answers the web front, whose own users wait on it: page sooner than the default second.
    alarms: Alarms.defaults({ responseTime: Duration.millis(500) }),
    ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) })],
    probe: Probe.http(8085, { path: "/healthz", ...PROBE_TIMING }),
    resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
    env: {
      LOG_LEVEL: EnvValue.literal("info"),
      PORT: EnvValue.literal("8085"),
      DB_HOST: EnvValue.fromVariable("orders_db_host", { description: "Orders database host" }),
      DB_USER: EnvValue.fromVariable("orders_db_user", { description: "Orders database user" }),
    },
    secrets: { DB_PASSWORD: Secret.fromVariable("orders_db_password", { description: "Orders database password" }) },
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
    env: { ORDERS_API_HOST: EnvValue.hostOf(ordersApi), ORDERS_API_PORT: EnvValue.literal("8085") },
    logs: LogStore.stdout("web"),
    dependsOn: [ordersApi],
  });

  new Service(catalog, "worker", {
    image: Image.fromRegistry("shop/worker"),
    autoscaling: Autoscaling.between(2, 4, { targets: [ScalingTarget.cpu(75)] }),
    probe: Probe.command(["/bin/sh", "-c", "test -f /tmp/healthy"], PROBE_TIMING),
    resources: { cpu: Cpu.cores(0.5), memory: Size.gibibytes(1) },
    env: {
      LOG_LEVEL: EnvValue.literal("info"),
      PORT: EnvValue.literal("none"),
      ORDERS_API_HOST: EnvValue.hostOf(ordersApi),
      QUEUE_HOST: EnvValue.fromVariable("worker_queue_host"),
    },
    logs: LogStore.stdout("worker"),
    dependsOn: [ordersApi],
  });

  return catalog;
}
