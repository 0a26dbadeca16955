import { ResourceChange, StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";
import { Unknown, Value, blockValueAt, describe, isEmpty, numberOf, valueAt } from "./values";
import { applicationService, workloadsOf } from "./workloads";

/**
 * Where an alarm's condition sits: each escalation level of
 * `alicloud_cms_alarm`, and the older single condition at its top level.
 */
const LEVELS: readonly { readonly name: string; readonly path: readonly string[]; readonly operator: string; readonly times: string }[] = [
  { name: "critical", path: ["escalations_critical"], operator: "comparison_operator", times: "times" },
  { name: "warn", path: ["escalations_warn"], operator: "comparison_operator", times: "times" },
  { name: "info", path: ["escalations_info"], operator: "comparison_operator", times: "times" },
  { name: "condition", path: [], operator: "operator", times: "triggered_count" },
];

/** One alarm's change, and which alarm (its metric, and the listener port it watches). */
interface Finding {
  readonly who: string;
  readonly service?: string;
  readonly change: string;
  readonly alarm: string;
}

/**
 * CloudMonitor alarms that tell later or no one, while the service they watch
 * stays: an alarm removed or disabled, a threshold moved past where it fired,
 * more or longer periods before it fires, notifications repeated less often,
 * fewer hours watched (alarms weakened); an alarm's contact group dropped, a
 * contact group removed or contacts taken out of it (alarm contacts removed).
 * The same change on several alarms of one service is one finding.
 */
export function alarmRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const running = workloadsOf(stack, "after");
  const alarms = stack.resources.filter((r) => r.type === "alicloud_cms_alarm");
  const successors = successorsOf(stack, alarms);
  const weakened: Finding[] = [];
  const unheard: Finding[] = [];
  for (const r of alarms) {
    if (r.before === undefined) continue;
    const service = alarmService(stack, r.before);
    // An alarm that goes with its service is the service's removal.
    if (service !== undefined && !running.has(service)) continue;
    const finding = (change: string): Finding => ({ who: service ?? r.address, service, change, alarm: watched(r.before!) });
    const after = r.after ?? successors.get(r);
    if (after === undefined) {
      weakened.push(finding("removed"));
      continue;
    }
    weakened.push(...alarmChanges(r.before, after).map(finding));
    const lost = lostGroups(valueAt(r.before, ["contact_groups"]), valueAt(after, ["contact_groups"]));
    if (lost !== undefined) unheard.push(finding(lost));
  }
  return [
    ...grouped(weakened).map((g) => risk("alarms-weakened", g.who, `${g.who} alarms ${g.text}: trouble is noticed later, or not at all`, g.service)),
    ...grouped(unheard).map((g) => risk("alarm-contacts-removed", g.who, `${g.who} alarms ${g.text}: who should act is not told`, g.service)),
    ...stack.resources.filter((r) => r.type === "alicloud_cms_alarm_contact_group").flatMap((r) => contactGroupRisks(r, risk)),
  ];
}

/**
 * Removed alarms that a new one takes the place of: the same metric of the
 * same service, on the same listener port if there is one, else on another
 * (a route moved to another port keeps its alarms).
 */
function successorsOf(stack: StackChanges, alarms: readonly ResourceChange[]): Map<ResourceChange, Value> {
  const created = alarms.filter((r) => r.before === undefined);
  const removed = alarms.filter((r) => r.after === undefined);
  const successors = new Map<ResourceChange, Value>();
  const metric = (values: Value) => `${alarmService(stack, values) ?? ""}\0${describe(valueAt(values, ["metric"]))}`;
  for (const same of [(a: Value, b: Value) => metric(a) === metric(b) && watched(a) === watched(b), (a: Value, b: Value) => metric(a) === metric(b)]) {
    for (const r of removed.filter((x) => !successors.has(x))) {
      const next = created.find((c) => same(r.before!, c.after!));
      if (next === undefined) continue;
      successors.set(r, next.after!);
      created.splice(created.indexOf(next), 1);
    }
  }
  return successors;
}

/** The service an alarm watches: its `service` tag, else the SAE application in its dimensions. */
function alarmService(stack: StackChanges, alarm: Value): string | undefined {
  const tagged = valueAt(alarm, ["tags", "service"]);
  if (typeof tagged === "string") return tagged;
  const dimensions = valueAt(alarm, ["metric_dimensions"]);
  const app = typeof dimensions === "string" ? /alicloud_sae_application\.[A-Za-z0-9_-]+/.exec(dimensions) : null;
  return app ? applicationService(stack, `\${${app[0]}.id}`) : undefined;
}

/** `cpu`, `UpstreamRt on port 8085`: what an alarm watches, alike in every stage. */
function watched(alarm: Value): string {
  const dimensions = valueAt(alarm, ["metric_dimensions"]);
  const port = typeof dimensions === "string" ? /"port"\s*:\s*"?(\d+)/.exec(dimensions) : null;
  return `${describe(valueAt(alarm, ["metric"]))}${port ? ` on port ${port[1]}` : ""}`;
}

function alarmChanges(before: Value, after: Value): string[] {
  if (valueAt(before, ["enabled"]) !== false && valueAt(after, ["enabled"]) === false) return ["disabled"];
  const changes = LEVELS.flatMap((level) => levelChanges(level, before, after));
  const raised = (attribute: string, label: string, unit: string) => {
    const [was, now] = [numberOf(valueAt(before, [attribute])), numberOf(valueAt(after, [attribute]))];
    return was !== undefined && now !== undefined && now > was ? [`${label} ${was}${unit} → ${now}${unit}`] : [];
  };
  changes.push(...raised("period", "period", "s"), ...raised("silence_time", "repeated every", "s"));
  const [wasWatched, nowWatched] = [watchedMinutes(valueAt(before, ["effective_interval"])), watchedMinutes(valueAt(after, ["effective_interval"]))];
  if (nowWatched < wasWatched) changes.push(`watched only ${describe(valueAt(after, ["effective_interval"]))}`);
  return changes;
}

/** A level gone, its threshold past where it fired, or more periods before it fires. */
function levelChanges(level: typeof LEVELS[number], before: Value, after: Value): string[] {
  const at = (side: Value, field: string) => blockValueAt(side, [...level.path, field]);
  const was = numberOf(at(before, "threshold"));
  if (was === undefined) return [];
  const prefix = level.path.length > 0 ? `${level.name} ` : "";
  const now = numberOf(at(after, "threshold"));
  if (now === undefined && isEmpty(blockValueAt(after, level.path))) return [`${level.name} level removed`];
  const changes: string[] = [];
  // Above a threshold fires on `>`, below it on `<`: moving it away from the load fires later.
  const operator = describe(at(after, level.operator) ?? at(before, level.operator) ?? ">");
  if (now !== undefined && (operator.startsWith("<") ? now < was : now > was)) changes.push(`${prefix}threshold ${was} → ${now}`);
  const [wasTimes, nowTimes] = [numberOf(at(before, level.times)), numberOf(at(after, level.times))];
  if (wasTimes !== undefined && nowTimes !== undefined && nowTimes > wasTimes) {
    changes.push(`${prefix}sustained for ${wasTimes} → ${nowTimes} periods`);
  }
  return changes;
}

/** Minutes of the day an `HH:MM-HH:MM` effective interval watches; unset is the whole day. */
function watchedMinutes(interval: Value | undefined): number {
  const match = typeof interval === "string" ? /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(interval.trim()) : null;
  if (!match) return 24 * 60;
  const [from, to] = [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])];
  return to > from ? to - from : 24 * 60 - from + to;
}

/** `tell nobody`, `no longer tell …`: contact groups an alarm no longer names. */
function lostGroups(before: Value | undefined, after: Value | undefined): string | undefined {
  const [was, now] = [Array.isArray(before) ? before : [], Array.isArray(after) ? after : []];
  // A group known only after apply (its name changes) is still there.
  if (now.some((g) => g instanceof Unknown)) return undefined;
  if (was.length > 0 && now.length === 0) return "tell nobody";
  const lost = was.filter((g) => !now.includes(g));
  return lost.length > 0 ? `no longer tell ${lost.map(describeGroup).join(", ")}` : undefined;
}

/** A contact group as named: `${alicloud_cms_alarm_contact_group.alarm-contacts.alarm_contact_group_name}` → its address. */
function describeGroup(group: Value): string {
  const reference = typeof group === "string" ? /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(group) : null;
  return reference ? reference[1] : describe(group);
}

/** A contact group removed, or contacts taken out of it. */
function contactGroupRisks(r: ResourceChange, risk: RiskFactory): Risk[] {
  if (r.before === undefined) return [];
  if (r.after === undefined) return [risk("alarm-contacts-removed", r.address, `${r.address} removed: the alarms that name it tell nobody`)];
  const [was, now] = [valueAt(r.before, ["contacts"]), valueAt(r.after, ["contacts"])];
  const nowList = Array.isArray(now) ? now : [];
  if (!Array.isArray(was) || nowList.some((c) => c instanceof Unknown)) return [];
  if (was.length > 0 && nowList.length === 0) return [risk("alarm-contacts-removed", r.address, `${r.address} has no contacts left: its alarms tell nobody`)];
  const lost = was.filter((c) => !nowList.includes(c));
  return lost.length > 0 ? [risk("alarm-contacts-removed", r.address, `${r.address} no longer tells ${lost.map((c) => describe(c)).join(", ")}`)] : [];
}

/** Findings of one service (or alarm) as one text: each change once, with the alarms it happens to. */
function grouped(findings: readonly Finding[]): { who: string; service?: string; text: string }[] {
  const byWho = new Map<string, Finding[]>();
  for (const f of findings) byWho.set(f.who, [...(byWho.get(f.who) ?? []), f]);
  return [...byWho.values()].map((mine) => {
    const changes = new Map<string, Set<string>>();
    for (const f of mine) changes.set(f.change, (changes.get(f.change) ?? new Set()).add(f.alarm));
    const text = [...changes].map(([change, alarms]) => `${change} (${[...alarms].join(", ")})`).join("; ");
    return { who: mine[0].who, service: mine[0].service, text };
  });
}
