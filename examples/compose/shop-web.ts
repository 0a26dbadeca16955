// Imported by compose-import from shop-web.yml. Review the findings it printed.
// Environment values are not here: each is a Terraform variable, given per environment.
import {
  AlicloudRegistry,
  Cpu,
  Duration,
  EnvValue,
  Image,
  LogStore,
  Port,
  Probe,
  Rollout,
  Route,
  Secret,
  Service,
  ServiceCatalog,
  Size,
} from "cdktf-service-platform";

export const catalog = new ServiceCatalog<"web" | "orders-api">();

const ordersApi = new Service(catalog, "orders-api", {
  image: Image.fromRegistry("shop/orders-api"),
  replicas: 2,
  ports: [Port.http(8085, { route: Route.internal({ domains: ["orders-api.internal"] }) })],
  probe: Probe.http(8085, { path: "/ready", timeout: Duration.seconds(2) }),
  resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
  env: {
    LOG_LEVEL: EnvValue.fromVariable("orders_api_log_level"),
    PAYMENT_GATEWAY: EnvValue.fromVariable("orders_api_payment_gateway"),
  },
  secrets: { DB_URL: Secret.fromVariable("orders_api_db_url") },
  logs: LogStore.stdout("orders-api", { retention: Duration.days(60) }),
  aliases: ["orders-api"],
});

new Service(catalog, "web", {
  image: Image.fromRegistry("shop/web"),
  replicas: 6,
  ports: [
    Port.http(8080, { route: Route.public({ domains: ["www.shop-example.com", "shop-example.com"] }) }),
  ],
  probe: Probe.http(8080, { path: "/healthz", timeout: Duration.seconds(3), initialDelay: Duration.seconds(5) }),
  resources: { cpu: Cpu.cores(0.5), memory: Size.gibibytes(1) },
  env: {
    API_BASE_URL: EnvValue.fromVariable("web_api_base_url"),
    CDN_HOST: EnvValue.fromVariable("web_cdn_host"),
  },
  secrets: { SESSION_SECRET: Secret.fromVariable("web_session_secret") },
  logs: LogStore.files("access", ["/var/log/nginx/access.log", "/var/log/nginx/error.log"], { retention: Duration.days(30) }),
  dependsOn: [ordersApi],
  labels: { "com.shop.team": "storefront" },
  rollout: Rollout.batches({ batches: 3 }),
});

/** The image versions the file ran; promote new ones per environment. */
export const release = catalog.release({
  web: "1.8.2",
  "orders-api": "2.4.0",
});

/** The registry the images came from: ACR Personal Edition in cn-hangzhou. */
export const registry: AlicloudRegistry = { personal: { region: "cn-hangzhou" } };
