import { AttributeChange, ResourceChange, StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";
import { Unknown, Value, describe, formatPath, numberOf, valueAt } from "./values";
import { Side, Workload, workloadsOf } from "./workloads";

/**
 * What happens to each service's workload: destroyed and created again without
 * create-before-destroy (downtime), removed, renamed (one service gone and one
 * new with the same image), fewer instances or smaller ones, and a rollout that
 * keeps fewer instances serving.
 */
export function workloadRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = workloadsOf(stack, "before");
  const after = workloadsOf(stack, "after");
  const removed = [...before.values()].filter((w) => !after.has(w.service) && w.resources.length > 0);
  const added = [...after.values()].filter((w) => !before.has(w.service) && w.resources.length > 0);
  const risks: Risk[] = [];

  for (const old of removed) {
    const renamed = added.find((w) => w.repository !== undefined && w.repository === old.repository);
    if (renamed) {
      added.splice(added.indexOf(renamed), 1);
      risks.push(risk("service-renamed", old.service,
        `${old.service} renamed to ${renamed.service} (same image ${shortRepository(old.repository!)}), a destroy-then-create: ` +
        `${what(old)} ${destroyed(old)} and ${what(renamed, renamed.service)} created anew, nothing carries over, ` +
        `and whatever reaches ${old.service} by name stops finding it`, old.service));
    } else {
      risks.push(risk("service-removed", old.service, `${old.service} is removed: ${what(old)} ${destroyed(old)}`, old.service));
    }
  }
  for (const [service, now] of after) {
    const was = before.get(service);
    if (!was) continue;
    risks.push(...downtime(now, risk), ...movedAway(was, now, risk), ...capacity(was, now, scalingRules(stack, now), risk), ...rollout(was, now, risk));
  }
  return risks;
}

/**
 * A service that stays while the resources running it are destroyed and new
 * ones created at other addresses (an override, a construct id changed): by
 * resource, this is a destroy and a create, whatever the service is called.
 * Docker replicas moved one by one are a rolling change; all at once is not.
 */
function movedAway(was: Workload, now: Workload, risk: RiskFactory): Risk[] {
  const destroyed = was.resources.filter((r) => r.action === "delete");
  const kept = was.resources.length - destroyed.length;
  if (destroyed.length === 0 || kept > 0) return [];
  const created = now.resources.filter((r) => r.action === "create").map((r) => r.address);
  const whom = was.kind === "application" ? "its application" : `its ${count(destroyed.length, "container")}`;
  return [risk("service-down", destroyed[0].address, `${was.service} is down while ${whom} ${destroyed.length === 1 ? "is" : "are"} destroyed ` +
    `(${destroyed.map((r) => r.address).join(", ")}) and ${created.length > 0 ? created.join(", ") : "another"} created in ${destroyed.length === 1 ? "its" : "their"} place: ` +
    "a new address is a new resource to Terraform, nothing carries over", was.service)];
}

/** Replaced without create-before-destroy: Terraform destroys the old one first. */
function downtime(w: Workload, risk: RiskFactory): Risk[] {
  const replaced = w.resources.filter((r) => r.action === "replace" && !r.createBeforeDestroy);
  if (replaced.length === 0) return [];
  const causes = [...new Set(replaced.flatMap((r) => r.attributes.filter((a) => a.forcesReplacement).map(cause)))];
  const because = causes.length > 0 ? `: ${causes.join(", ")}` : "";
  const whom = w.kind === "application" ? "its application is" : `its ${count(replaced.length, "container")} ${replaced.length === 1 ? "is" : "are"}`;
  return [risk("service-down", w.service, `${w.service} is down while ${whom} destroyed and created again${because}`, w.service)];
}

/** `vpc_id changes (alicloud_vpc.vpc is replaced)`: the attribute, and the replacement it follows when it does. */
function cause(a: AttributeChange): string {
  const attribute = formatPath(a.path.slice(0, 1));
  return a.after instanceof Unknown && a.after.reason ? `${attribute} changes (${a.after.reason})` : `${attribute} changes`;
}

/** Fewer instances (and so fewer kept ready during an update), or smaller ones. */
function capacity(was: Workload, now: Workload, rules: readonly ResourceChange[], risk: RiskFactory): Risk[] {
  const parts: string[] = [];
  if (was.replicas !== undefined && now.replicas !== undefined && now.replicas < was.replicas) {
    const ready = [readyDuringUpdate(was, "before"), readyDuringUpdate(now, "after")];
    const fewerReady = ready[0] !== undefined && ready[1] !== undefined && ready[1] > 0 && ready[1] < ready[0];
    parts.push(`replicas ${was.replicas} → ${now.replicas}${fewerReady ? ` (${ready[1]} instead of ${ready[0]} kept ready during an update)` : ""}`);
  }
  for (const [label, size] of SIZES) {
    const b = size(was.resources[0]?.before);
    const a = size(now.resources[0]?.after);
    if (b !== undefined && a !== undefined && a < b) parts.push(`${label} ${b} → ${a}`);
  }
  parts.push(...autoscaling(rules));
  return parts.length > 0 ? [risk("capacity", now.service, `${now.service} ${parts.join(", ")}: less room for load`, now.service)] : [];
}

/**
 * Instance sizes, alike on both platforms: SAE applications count cpu in
 * millicores, Docker containers as a quota per period (or `cpus`); memory is
 * in MiB on both.
 */
const SIZES: readonly [string, (values: Value | undefined) => number | undefined][] = [
  ["cpu (cores)", (values) => {
    const at = (attribute: string) => numberOf(valueAt(values, [attribute]));
    const [millicores, cpus, quota, period] = [at("cpu"), at("cpus"), at("cpu_quota"), at("cpu_period")];
    if (millicores !== undefined) return millicores / 1000;
    if (quota !== undefined && period !== undefined && period > 0) return quota / period;
    return cpus;
  }],
  ["memory (MiB)", (values) => numberOf(valueAt(values, ["memory"]))],
];

/** SAE scaling rules of an application (they name it by `app_id`). */
function scalingRules(stack: StackChanges, w: Workload): ResourceChange[] {
  if (w.kind !== "application") return [];
  const app = `\${${w.resources[0].address}.id}`;
  return stack.resources.filter((r) => r.type === "alicloud_sae_application_scaling_rule" && valueAt(r.after, ["app_id"]) === app);
}

/** Autoscaling bounds (`min_replicas`, `max_replicas` anywhere in a scaling rule) lowered. */
function autoscaling(rules: readonly ResourceChange[]): string[] {
  return rules.flatMap((r) => r.attributes
    .filter((a) => /^(min_replicas|max_replicas)$/.test(formatPath(a.path.slice(-1))))
    .filter((a) => (numberOf(a.after) ?? Infinity) < (numberOf(a.before) ?? -Infinity))
    .map((a) => `autoscaling ${formatPath(a.path)} ${describe(a.before)} → ${describe(a.after)}`));
}

/**
 * Fewer instances kept ready during an update, more restarting at once, no
 * gray batch, or replicas no longer started first. Counted in instances, not
 * ratios: a scale-up that lowers the ratio keeps as many ready or more, and a
 * scale-down's fewer ready instances are the capacity row's.
 */
function rollout(was: Workload, now: Workload, risk: RiskFactory): Risk[] {
  const parts = now.kind === "application" && was.kind === "application"
    ? applicationRollout(was, now)
    : containerRollout(now.resources);
  return parts.length > 0 ? [risk("rollout-safety", now.service, `${now.service} ${parts.join("; ")}`, now.service)] : [];
}

/**
 * Instances SAE keeps ready while it updates an application: the ratio of
 * its instances (rounded up) unless the ratio is -1 or unset, else
 * `min_ready_instances` (alicloud_sae_application's documentation).
 */
function readyDuringUpdate(w: Workload, side: Side): number | undefined {
  const values = w.kind === "application" ? w.resources[0]?.[side] : undefined;
  const ratio = numberOf(valueAt(values, ["min_ready_instance_ratio"]));
  if (ratio !== undefined && ratio >= 0 && w.replicas !== undefined) return Math.ceil((w.replicas * ratio) / 100);
  return numberOf(valueAt(values, ["min_ready_instances"]));
}

/** Instances serving while one batch restarts: all but the largest batch, and never fewer than SAE keeps ready. */
function servingDuringBatch(w: Workload, side: Side): number | undefined {
  const batches = numberOf(valueAt(w.resources[0]?.[side], ["update_strategy_v2", "batch_update", "batch"]));
  if (batches === undefined || batches < 1 || w.replicas === undefined) return undefined;
  return Math.max(w.replicas - Math.ceil(w.replicas / batches), readyDuringUpdate(w, side) ?? 0);
}

function applicationRollout(was: Workload, now: Workload): string[] {
  const parts: string[] = [];
  const before = was.resources[0].before;
  const after = now.resources[0].after;
  // Instances the release itself removes are the capacity row's; what else goes is the rollout's.
  const removed = Math.max(0, (was.replicas ?? 0) - (now.replicas ?? 0));
  const [readyWas, readyNow] = [readyDuringUpdate(was, "before"), readyDuringUpdate(now, "after")];
  if (readyWas !== undefined && readyNow !== undefined && readyNow < readyWas && (readyNow === 0 || readyWas - readyNow > removed)) {
    parts.push(`instances kept ready during an update ${readyWas} → ${readyNow}` +
      `${readyNow === 0 ? ": an update may stop every instance at once" : ": fewer instances serve while it rolls"}`);
  }
  const strategy = valueAt(before, ["update_strategy_v2"]);
  if (strategy !== undefined && valueAt(after, ["update_strategy_v2"]) === undefined) {
    parts.push(`update strategy ${describe(valueAt(strategy, ["type"]))} removed: no batches and no gray step`);
  } else if (strategy !== undefined) {
    const batches = (side: Value | undefined) => numberOf(valueAt(side, ["update_strategy_v2", "batch_update", "batch"]));
    const [servingWas, servingNow] = [servingDuringBatch(was, "before"), servingDuringBatch(now, "after")];
    if (servingWas !== undefined && servingNow !== undefined && servingNow < servingWas && servingWas - servingNow > removed) {
      parts.push(`batches ${batches(before)} → ${batches(after)}: more instances restart at once ` +
        `(${servingNow} instead of ${servingWas} keep serving while a batch restarts)`);
    }
    if (valueAt(before, ["update_strategy_v2", "type"]) === "GrayBatchUpdate" && valueAt(after, ["update_strategy_v2", "type"]) !== "GrayBatchUpdate") {
      parts.push("gray first batch dropped: a bad version reaches every batch without a first look");
    }
  }
  return parts;
}

function containerRollout(containers: readonly ResourceChange[]): string[] {
  const turnedOff = containers.some((r) => r.lifecycle?.before?.createBeforeDestroy && r.lifecycle.after && !r.lifecycle.after.createBeforeDestroy);
  return turnedOff ? ["replicas no longer start before the old ones stop (create_before_destroy off)"] : [];
}

/** "its application" or "its 2 containers"; `owner` names another service's. */
function what(w: Workload, owner = "its"): string {
  const whose = owner === "its" ? "its" : `${owner}'s`;
  return w.kind === "application" ? `${whose} application` : `${whose} ${count(w.resources.length, "container")}`;
}

function destroyed(w: Workload): string {
  return w.kind === "containers" && w.resources.length !== 1 ? "are destroyed" : "is destroyed";
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The repository without the registry host, which differs per platform. */
function shortRepository(repository: string): string {
  const parts = repository.split("/");
  return parts.length > 1 && /[.:]|^localhost$/.test(parts[0]) ? parts.slice(1).join("/") : repository;
}
