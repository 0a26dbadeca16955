import { Construct } from "constructs";
import { LogProject } from "../../../.gen/providers/alicloud/log-project";
import { LogStore as SlsLogStore } from "../../../.gen/providers/alicloud/log-store";
import { withDefinedAttributes } from "../../environments/defined-attributes";
import { Duration } from "../../model/duration";
import { Service } from "../../model/service";

/** The environment's SLS project and one logstore per log store of the catalog. */
export interface Logs {
  readonly project: string;
  /** Logstore resource by log store name. */
  readonly stores: ReadonlyMap<string, SlsLogStore>;
}

/** One entry of SAE's `sls_configs` JSON (SAE API: SlsConfigs). */
export interface SlsConfig {
  readonly projectName: string;
  readonly logstoreName: string;
  /** File path collected; "" for container stdout. */
  readonly logDir: string;
  /** "stdout" for container output; absent for files. */
  readonly logType?: "stdout";
  /** "" lets SAE create the Logtail configuration. */
  readonly logtailName: "";
}

/** One per log store, usually one per service: rendered with only the attributes set. */
const ServiceLogStore = withDefinedAttributes(SlsLogStore);

/**
 * Creates the project and the logstores; a store keeps its own retention, or
 * the stage's `logRetention`.
 */
export function renderLogs(
  scope: Construct, project: string, services: readonly Service[], defaultRetention: Duration, protect: boolean,
  tags: Record<string, string>,
): Logs {
  const lifecycle = { preventDestroy: protect };
  const logProject = new LogProject(scope, "log-project", {
    projectName: project,
    description: `Service logs of ${scope.node.id}`,
    tags,
    lifecycle,
  });
  const stores = new Map<string, SlsLogStore>();
  // One reference for every logstore: each read of an attribute registers a token of its own.
  const projectName = logProject.projectName;
  for (const service of services) {
    const store = service.logs;
    if (stores.has(store.name)) continue;
    stores.set(store.name, new ServiceLogStore(scope, `log-store-${store.name}`, {
      projectName,
      logstoreName: store.name,
      retentionPeriod: (store.retention ?? defaultRetention).toDays(),
      lifecycle,
    }));
  }
  return { project, stores };
}

/**
 * SAE `sls_configs` for `service`: stdout as one entry, or one entry per log
 * file path. Names are literals (so the JSON is plain and reviewable); the
 * application depends on its logstore explicitly instead.
 */
export function slsConfigs(service: Service, project: string): SlsConfig[] {
  const source = service.logs.source;
  const entry = (logDir: string) => ({ projectName: project, logstoreName: service.logs.name, logDir, logtailName: "" as const });
  return source.kind === "stdout"
    ? [{ ...entry(""), logType: "stdout" }]
    : source.paths.map((p) => entry(p));
}
