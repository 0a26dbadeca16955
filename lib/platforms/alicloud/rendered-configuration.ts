import {
  RenderedAlarm, RenderedAttribute, RenderedConfiguration, renderedNumber, RenderedEnv, RenderedLogStore, RenderedProbe, RenderedStore, RenderedWorkload,
} from "../../policies/rendered";
import { RenderedStack } from "../../validation/rendered-rules";

type Resource = Readonly<Record<string, unknown>>;

/** Days a logstore keeps logs when `retention_period` is not set (the provider's default). */
const LOG_STORE_DEFAULT_DAYS = 30;

/**
 * What the policies judge in an Alibaba Cloud environment's final
 * configuration: each SAE application (with its scaling rule), each logstore,
 * each RDS and Redis instance (with its backup policy), read from the
 * attributes as written — whoever wrote them, the library, an Aspect or an
 * override. Each attribute is reported at its resource's construct path.
 */
export function readAlicloudConfiguration(stackPath: string, stack: RenderedStack): RenderedConfiguration {
  const resources = (type: string): [string, Resource][] => Object.entries(stack.resource?.[type] ?? {});
  const at = (type: string, id: string, resource: Resource) => {
    const meta = (resource["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    const path = typeof meta === "string" ? meta : `${stackPath}/${id}`;
    return (attribute: string, value: unknown = resource[attribute]): RenderedAttribute => ({ path, field: `${type}.${id}.${attribute}`, value });
  };
  const refersTo = (value: unknown, type: string, id: string) => value === `\${${type}.${id}.id}`;
  const zoneOf = (vswitch: string) => {
    const m = /^\$\{alicloud_vswitch\.([^.}]+)\.id\}$/.exec(vswitch);
    const zone = m ? stack.resource?.alicloud_vswitch?.[m[1]]?.zone_id : undefined;
    return typeof zone === "string" ? zone : vswitch;
  };

  const workloads = resources("alicloud_sae_application").map(([id, app]): RenderedWorkload => {
    const attribute = at("alicloud_sae_application", id, app);
    const rules = resources("alicloud_sae_application_scaling_rule").filter(([, r]) => refersTo(r.app_id, "alicloud_sae_application", id));
    const ruleAttributes = rules.map(([rid, rule]) => ({ rule, attribute: at("alicloud_sae_application_scaling_rule", rid, rule) }));
    const present = (name: string) => ruleAttributes.filter((r) => Object.hasOwn(r.rule, name)).map((r) => r.attribute(name));
    const probe = (kind: "liveness" | "readiness"): RenderedProbe => {
      // The provider's older attribute (a JSON string) probes too.
      const v2 = firstOf(app[`${kind}_v2`]);
      const legacy = app[kind];
      const field = v2 === undefined && legacy !== undefined ? kind : `${kind}_v2`;
      const value = field === kind ? legacy : v2;
      return { ...attribute(field, value), present: value !== undefined && value !== null && value !== "" };
    };
    const strategy = firstOf(app.update_strategy_v2) as Resource | undefined;
    const vswitches = typeof app.vswitch_id === "string" ? app.vswitch_id.split(",").map((v) => v.trim()).filter((v) => v !== "") : [];
    const meta = attribute("app_name").path;
    return {
      service: meta.startsWith(`${stackPath}/app-`) ? meta.slice(`${stackPath}/app-`.length) : String(app.app_name),
      instances: attribute("replicas"),
      readyCounts: [attribute("min_ready_instances"), ...present("min_ready_instances")],
      readyPercents: [...(Object.hasOwn(app, "min_ready_instance_ratio") ? [attribute("min_ready_instance_ratio")] : []),
        ...present("min_ready_instance_ratio")],
      batches: attribute("update_strategy_v2.batch_update.batch", (firstOf(strategy?.batch_update) as Resource | undefined)?.batch),
      images: [attribute("image_url")],
      probes: [probe("liveness"), probe("readiness")],
      env: saeEnv(attribute("envs"), stack),
      zones: vswitches.length > 0 ? attribute("vswitch_id", new Set(vswitches.map(zoneOf)).size) : undefined,
      scalingMinimums: ruleAttributes.flatMap(({ rule, attribute: ruleAttribute }) => {
        const metric = firstOf(rule.scaling_rule_metric) as Resource | undefined;
        const timer = firstOf(rule.scaling_rule_timer) as Resource | undefined;
        const schedules = Array.isArray(timer?.schedules) ? (timer.schedules as Resource[]) : [];
        return [
          ...(metric ? [ruleAttribute("scaling_rule_metric.min_replicas", metric.min_replicas)] : []),
          ...schedules.map((w, i) => ruleAttribute(`scaling_rule_timer.schedules[${i}].min_replicas`, w?.min_replicas)),
        ];
      }),
    };
  });

  const logStores = resources("alicloud_log_store").map(([id, store]): RenderedLogStore => ({
    name: typeof store.logstore_name === "string" ? store.logstore_name : id,
    // Unset, the provider keeps logs its default 30 days.
    retentionDays: at("alicloud_log_store", id, store)("retention_period", store.retention_period ?? LOG_STORE_DEFAULT_DAYS),
  }));

  const storeName = (id: string, r: Resource) => {
    const tag = (r.tags as Record<string, unknown> | undefined)?.store;
    return typeof tag === "string" ? tag : id;
  };
  const access = (attribute: (name: string, value?: unknown) => RenderedAttribute, ips: unknown): RenderedAttribute[] => {
    const list = Array.isArray(ips) ? ips : typeof ips === "string" ? ips.split(",").map((e) => e.trim()) : [];
    return list.map((entry, i) => attribute(`security_ips[${i}]`, entry));
  };
  const databases = resources("alicloud_db_instance").map(([id, db]): RenderedStore => {
    const attribute = at("alicloud_db_instance", id, db);
    const [policyId, policy] = resources("alicloud_db_backup_policy").find(([, p]) => refersTo(p.instance_id, "alicloud_db_instance", id)) ?? [];
    const backup = policyId === undefined ? undefined : at("alicloud_db_backup_policy", policyId, policy!);
    return {
      store: storeName(id, db),
      access: access(attribute, db.security_ips),
      // Without a backup policy of its own, RDS keeps its minimum and no log backups.
      backupDays: backup ? backup("backup_retention_period") : attribute("(alicloud_db_backup_policy).backup_retention_period", undefined),
      backups: backup ? backup("enable_backup_log") : attribute("(alicloud_db_backup_policy).enable_backup_log", undefined),
      standby: attribute("zone_id_slave_a"),
      protection: attribute("deletion_protection"),
    };
  });
  const caches = resources("alicloud_kvstore_instance").map(([id, redis]): RenderedStore => {
    const attribute = at("alicloud_kvstore_instance", id, redis);
    return {
      store: storeName(id, redis),
      access: access(attribute, redis.security_ips),
      backups: attribute("backup_period"),
      standby: attribute("secondary_zone_id"),
      protection: attribute("instance_release_protection"),
    };
  });
  const configMaps = resources("alicloud_sae_config_map")
    .flatMap(([id, map]) => configMapValues(at("alicloud_sae_config_map", id, map)("data"), stack));
  const services = workloads.map((w) => w.service);
  return { workloads, logStores, stores: [...databases, ...caches], alarms: readAlarms(at, resources("alicloud_cms_alarm"), services),
    alarmContacts: resources("alicloud_cms_alarm_contact_group").map(([id, group]) => at("alicloud_cms_alarm_contact_group", id, group)("contacts")),
    sharedValues: configMaps };
}

/** The model's thresholds as CloudMonitor metrics (alarms.ts): the ones the alarms policy bounds. */
const WATCHED: Readonly<Record<string, RenderedAlarm["watches"]>> = {
  "acs_serverless/cpu": "cpuPercent",
  "acs_serverless/memoryPercent": "memoryPercent",
  "acs_slb_dashboard/UnhealthyServerCount": "unhealthyInstances",
};
/** The provider's defaults: a 300-second period, 3 periods, `>`. */
const ALARM_DEFAULTS = { period: 300, times: 3, comparison: ">" };

/** Each CloudMonitor alarm, by the service its construct id (`alarm-<service>-<what>`) names. */
function readAlarms(
  at: (type: string, id: string, r: Resource) => (attribute: string, value?: unknown) => RenderedAttribute,
  alarms: readonly [string, Resource][], services: readonly string[],
): RenderedAlarm[] {
  const byLength = [...services].sort((a, b) => b.length - a.length);
  return alarms.map(([id, alarm]) => {
    const attribute = at("alicloud_cms_alarm", id, alarm);
    const name = attribute("id").path.split("/").pop() ?? id;
    const critical = firstOf(alarm.escalations_critical) as Resource | undefined;
    const period = alarm.period ?? ALARM_DEFAULTS.period;
    const times = critical?.times ?? ALARM_DEFAULTS.times;
    const seconds = renderedNumber(period) * renderedNumber(times);
    return {
      service: byLength.find((s) => name.startsWith(`alarm-${s}-`)) ?? name,
      watches: WATCHED[`${String(alarm.project)}/${String(alarm.metric)}`],
      enabled: attribute("enabled"),
      notifies: attribute("contact_groups"),
      threshold: attribute("escalations_critical.threshold", critical?.threshold),
      comparison: attribute("escalations_critical.comparison_operator", critical?.comparison_operator ?? ALARM_DEFAULTS.comparison),
      waitSeconds: attribute("period × escalations_critical.times", Number.isFinite(seconds) ? seconds : `${JSON.stringify(period)} × ${JSON.stringify(times)}`),
    };
  });
}

/**
 * SAE's `envs` as written: JSON text whose values may be Terraform
 * expressions (`${jsonencode(var.x)}`), each read as what it is.
 */
function saeEnv(envs: RenderedAttribute, stack: RenderedStack): RenderedEnv[] {
  const parsed = parseJsonText(envs.value);
  if (parsed === undefined) return [];
  if (parsed === "unreadable") return [{ ...envs, name: "(envs)", source: { kind: "expression" } }];
  if (!Array.isArray(parsed.json)) return [];
  return parsed.json.flatMap((entry: { name?: unknown; value?: unknown }, i): RenderedEnv[] => {
    if (entry === null || typeof entry !== "object" || typeof entry.name !== "string" || typeof entry.value !== "string") return [];
    return [valueAsWritten({ ...envs, field: `${envs.field}[${i}].value` }, entry.name, entry.value, parsed.expressions, stack)];
  });
}

/** A config map's `data` as written: a JSON object of text, each value read as what it is. */
function configMapValues(data: RenderedAttribute, stack: RenderedStack): RenderedEnv[] {
  const parsed = parseJsonText(data.value);
  if (parsed === undefined) return [];
  if (parsed === "unreadable") return [{ ...data, name: "(data)", source: { kind: "expression" } }];
  if (parsed.json === null || typeof parsed.json !== "object" || Array.isArray(parsed.json)) return [];
  return Object.entries(parsed.json as Record<string, unknown>).flatMap(([key, value]): RenderedEnv[] =>
    typeof value === "string" ? [valueAsWritten({ ...data, field: `${data.field}.${key}` }, key, value, parsed.expressions, stack)] : []);
}

/**
 * JSON text whose values may be Terraform expressions: parsed with each
 * expression replaced by a placeholder string, or "unreadable".
 */
function parseJsonText(text: unknown): { json: unknown; expressions: string[] } | "unreadable" | undefined {
  if (typeof text !== "string") return undefined;
  const expressions: string[] = [];
  // A live expression stands where a JSON value does: a placeholder string keeps the text JSON.
  const replaced = text.replace(/(^|[^$])\$\{((?:[^{}]|\{[^{}]*\})*)\}/g, (_m, before: string, body: string) => {
    expressions.push(body);
    const bare = /[:,[]\s*$/.test(before);
    return `${before}${bare ? '"' : ""}\uE000${expressions.length - 1}\uE000${bare ? '"' : ""}`;
  });
  try {
    return { json: JSON.parse(replaced), expressions };
  } catch {
    return "unreadable";
  }
}

/** One value named `name` as written at `at`: text, a Terraform variable, or another expression. */
function valueAsWritten(at: RenderedAttribute, name: string, value: string, expressions: readonly string[], stack: RenderedStack): RenderedEnv {
  const only = /^\uE000(\d+)\uE000$/.exec(value);
  if (!only) {
    return { ...at, name, value, source: value.includes("\uE000") ? { kind: "expression" } : { kind: "literal", text: value } };
  }
  const body = expressions[Number(only[1])];
  const variable = /^(?:jsonencode\()?var\.([A-Za-z0-9_-]+)\)?$/.exec(body.trim())?.[1];
  return { ...at, name, value: `\${${body}}`,
    source: variable === undefined ? { kind: "expression" }
      : { kind: "variable", variable, sensitive: stack.variable?.[variable]?.sensitive === true } };
}

/** A block as written: an object, or (in JSON written by hand) a list of one. */
function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
