// Imported by compose-import from report-worker.yml. Review the findings it printed.
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
  Secret,
  Service,
  ServiceCatalog,
  Size,
} from "cdktf-service-platform";

export const catalog = new ServiceCatalog<"report-scheduler" | "report-worker">();

const reportScheduler = new Service(catalog, "report-scheduler", {
  image: Image.fromRegistry("aixue/report-scheduler"),
  replicas: 2,
  ports: [Port.tcp(9100)],
  probe: Probe.tcp(9100),
  env: { SCHEDULE_TIMEZONE: EnvValue.fromVariable("report_scheduler_schedule_timezone") },
  logs: LogStore.stdout("report-scheduler"),
  aliases: ["report-scheduler"],
});

new Service(catalog, "report-worker", {
  image: Image.fromRegistry("aixue/report-worker"),
  replicas: 3,
  probe: Probe.command(["/opt/worker/bin/check-health"], { timeout: Duration.seconds(5), initialDelay: Duration.seconds(20) }),
  resources: { cpu: Cpu.cores(1), memory: Size.gibibytes(2) },
  env: {
    QUEUE_URL: EnvValue.fromVariable("report_worker_queue_url"),
    OSS_BUCKET: EnvValue.fromVariable("report_worker_oss_bucket"),
  },
  secrets: {
    OSS_ACCESS_KEY_ID: Secret.fromVariable("report_worker_oss_access_key_id"),
    OSS_ACCESS_KEY_SECRET: Secret.fromVariable("report_worker_oss_access_key_secret"),
    REPORT_API_TOKEN: Secret.fromVariable("report_worker_report_api_token"),
  },
  logs: LogStore.files("report-worker", ["/opt/worker/logs/*.log"], { retention: Duration.days(90) }),
  dependsOn: [reportScheduler],
  rollout: Rollout.batches({ batches: 3 }),
});

/** The image versions the file ran; promote new ones per environment. */
export const release = catalog.release({
  "report-scheduler": "v3.1.0",
  "report-worker": "v3.1.0",
});

/** The registry the images came from: ACR Personal Edition in cn-hangzhou. */
export const registry: AlicloudRegistry = { personal: { region: "cn-hangzhou" } };

/** Zones the services must spread over (availability:az): the Alibaba Cloud environments' minimum. */
export const minZones = 2;
