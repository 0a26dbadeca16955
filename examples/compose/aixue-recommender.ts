// Imported by compose-import from aixue-recommender.yml. Review the findings it printed.
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
  Route,
  Secret,
  Service,
  ServiceCatalog,
  Size,
} from "cdktf-service-platform";

export const catalog = new ServiceCatalog<"aixue-superxue-querybyid" | "aixue-feature-store" | "aixue-recommender">();

const aixueSuperxueQuerybyid = new Service(catalog, "aixue-superxue-querybyid", {
  image: Image.fromRegistry("aixue/aixue-superxue-querybyid"),
  replicas: 2,
  ports: [
    Port.http(8080, { route: Route.internal({ domains: ["aixue-superxue-querybyid.local"] }) }),
  ],
  probe: Probe.http(8080, { path: "/health", timeout: Duration.seconds(5), initialDelay: Duration.seconds(10) }),
  resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
  env: {
    DBHOST: EnvValue.fromVariable("aixue_superxue_querybyid_dbhost"),
    DBUSER: EnvValue.fromVariable("aixue_superxue_querybyid_dbuser"),
    JAVA_OPTS: EnvValue.fromVariable("aixue_superxue_querybyid_java_opts"),
  },
  secrets: { DBPASSWORD: Secret.fromVariable("aixue_superxue_querybyid_dbpassword") },
  logs: LogStore.stdout("querybyid", { retention: Duration.days(30) }),
});

const aixueFeatureStore = new Service(catalog, "aixue-feature-store", {
  image: Image.fromRegistry("aixue/aixue-feature-store"),
  replicas: 2,
  ports: [Port.tcp(9090)],
  probe: Probe.command(["/usr/local/bin/healthcheck", "--port", "9090"], { timeout: Duration.seconds(3) }),
  resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
  env: { REDIS_HOST: EnvValue.fromVariable("aixue_feature_store_redis_host") },
  secrets: { REDIS_PASSWORD: Secret.fromVariable("aixue_feature_store_redis_password") },
  logs: LogStore.stdout("feature-store"),
  aliases: ["features"],
});

new Service(catalog, "aixue-recommender", {
  image: Image.fromRegistry("aixue/aixue-recommender"),
  replicas: 2,
  ports: [Port.http(8085, { route: Route.internal({ domains: ["aixue-recommender.local"] }) })],
  probe: Probe.tcp(8085, { timeout: Duration.seconds(10), initialDelay: Duration.seconds(3) }),
  resources: { cpu: Cpu.cores(2), memory: Size.gibibytes(4) },
  env: {
    DBHOST: EnvValue.fromVariable("aixue_recommender_dbhost"),
    USERNAME: EnvValue.fromVariable("aixue_recommender_username"),
    DB: EnvValue.fromVariable("aixue_recommender_db"),
  },
  secrets: { PASSWD: Secret.fromVariable("aixue_recommender_passwd") },
  logs: LogStore.stdout("aixue-recommender"),
  dependsOn: [aixueFeatureStore, aixueSuperxueQuerybyid],
});

/** The image versions the file ran; promote new ones per environment. */
export const release = catalog.release({
  "aixue-superxue-querybyid": "v2.3.1",
  "aixue-feature-store": "v1.4.0",
  "aixue-recommender": "v1.0.9",
});

/** The registry the images came from: ACR Personal Edition in cn-hangzhou. */
export const registry: AlicloudRegistry = { personal: { region: "cn-hangzhou" } };

/** Zones the services must spread over (availability:az): the Alibaba Cloud environments' minimum. */
export const minZones = 2;
