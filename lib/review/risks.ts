import { decodeJson } from "./attribute-diff";
import { ResourceChange, StackChanges } from "./changes";
import { SERVICE_LABEL, isStateful, labelOf } from "./resource-roles";
import { publicRouteRisks } from "./route-risks";
import { PathStep, Value, describe, formatPath, isEmpty, isRecord, leafName, numberOf, valueAt } from "./values";

/**
 * How bad a risk is. `high`: data, capacity or protection is lost in a way a
 * rollback does not undo. `medium`: worth a second reviewer's look.
 */
export type RiskSeverity = "high" | "medium";

/** The kinds of risk the review flags. */
export type RiskKind =
  | "replicas-decreased"
  | "stateful-replaced"
  | "stateful-removed"
  | "backend-changed"
  | "deletion-protection-off"
  | "route-public"
  | "probe-removed"
  | "probe-loosened"
  | "secret-variable";

/** One flagged change. */
export interface Risk {
  /** How bad. */
  readonly severity: RiskSeverity;
  /** What kind of risk. */
  readonly kind: RiskKind;
  /** Environment (stack) it happens in. */
  readonly stack: string;
  /** What it concerns: a resource address, a service, a variable or setting name. */
  readonly subject: string;
  /** What changes, for a reviewer; never a value of a sensitive path. */
  readonly message: string;
}

/** Probe blocks (Docker healthcheck, SAE liveness/readiness and their v2 blocks, Kubernetes-style names). */
const PROBE = /^(healthcheck|liveness|readiness|liveness_v2|readiness_v2|startup_probe|liveness_probe|readiness_probe)$/;
/** Probe fields where a higher value means a failing instance is noticed later. */
const LOOSER_WHEN_HIGHER = /^(timeout|timeout_seconds|timeoutSeconds|interval|period|period_seconds|periodSeconds|retries|failure_threshold|failureThreshold)$/;
/** Deletion protection switches: which values mean "protected", and what losing it means. */
const PROTECTION: Record<string, { readonly protects: (v: Value | undefined) => boolean; readonly loss: string }> = {
  deletion_protection: { protects: (v) => v === true || v === "true" || v === "on" || v === "Enabled", loss: "deletion protection switched off" },
  delete_protection: { protects: (v) => v === true || v === "true" || v === "on", loss: "deletion protection switched off" },
  force_destroy: { protects: (v) => v !== true && v !== "true", loss: "force_destroy switched on: destroying it deletes everything in it" },
};

/**
 * Flags every risk in one environment. Severities (documented in
 * docs/plan-review.md): high = fewer replicas in production, a stateful
 * resource replaced or removed, the state backend changed, deletion protection
 * off, a route turning public in production, a secret variable no longer
 * sensitive; medium = a probe removed or loosened, a secret variable added,
 * removed or renamed, a route turning public elsewhere.
 */
export function assessRisks(stack: StackChanges, production: boolean): Risk[] {
  const risk = (severity: RiskSeverity, kind: RiskKind, subject: string, message: string): Risk =>
    ({ severity, kind, stack: stack.stack, subject, message });
  const risks: Risk[] = [];
  for (const resource of stack.resources) {
    risks.push(...resourceRisks(resource, production, risk));
  }
  if (production) risks.push(...containerCountRisks(stack, risk));
  risks.push(...publicRouteRisks(stack, production, risk));
  for (const setting of stack.settings) {
    // A new stack's first backend moves no state.
    if (setting.setting === "terraform.backend" && setting.status !== "added") {
      risks.push(risk("high", "backend-changed", setting.setting, "the state backend changes: state must be migrated, or Terraform starts from empty state"));
    }
  }
  risks.push(...secretVariableRisks(stack, risk));
  return risks;
}

/** Makes a risk in the stack being assessed. */
export type RiskFactory = (severity: RiskSeverity, kind: RiskKind, subject: string, message: string) => Risk;

function resourceRisks(r: ResourceChange, production: boolean, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  if (isStateful(r.type, r.before)) {
    if (r.action === "replace") risks.push(risk("high", "stateful-replaced", r.address, "holds data: replacing it loses what it stores (images, logs, state) or its address"));
    if (r.action === "delete") risks.push(risk("high", "stateful-removed", r.address, "holds data: removing it destroys what it stores (images, logs, state) or its address"));
  }
  if (r.preventDestroy?.before && !r.preventDestroy.after && r.after !== undefined) {
    risks.push(risk("high", "deletion-protection-off", r.address, "lifecycle.prevent_destroy removed: Terraform may now destroy it"));
  }
  if (r.before === undefined || r.after === undefined) return risks;
  const replicasBefore = numberOf(valueAt(r.before, ["replicas"]));
  const replicasAfter = numberOf(valueAt(r.after, ["replicas"]));
  if (production && replicasBefore !== undefined && replicasAfter !== undefined && replicasAfter < replicasBefore) {
    risks.push(risk("high", "replicas-decreased", r.address, `replicas ${replicasBefore} → ${replicasAfter} in production`));
  }
  for (const [attribute, { protects, loss }] of Object.entries(PROTECTION)) {
    const before = valueAt(r.before, [attribute]);
    const after = valueAt(r.after, [attribute]);
    if ((before !== undefined || after !== undefined) && protects(before) && !protects(after)) {
      risks.push(risk("high", "deletion-protection-off", r.address, `${loss} (${attribute}: ${describe(before)} → ${describe(after)})`));
    }
  }
  return [...risks, ...probeRisks(r, risk)];
}

/** Docker replicas are containers labelled with their service: fewer of them in production is a scale-down. */
function containerCountRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const count = (side: "before" | "after") => {
    const counts = new Map<string, number>();
    for (const r of stack.resources) {
      const service = r.type === "docker_container" ? labelOf(r[side], SERVICE_LABEL) : undefined;
      if (service) counts.set(service, (counts.get(service) ?? 0) + 1);
    }
    return counts;
  };
  const before = count("before");
  const after = count("after");
  return [...before]
    .filter(([service, n]) => (after.get(service) ?? 0) < n)
    .map(([service, n]) => risk("high", "replicas-decreased", service, `containers ${n} → ${after.get(service) ?? 0} in production`));
}

function probeRisks(r: ResourceChange, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  for (const key of Object.keys(isRecord(r.before) ? r.before : {}).filter((k) => PROBE.test(k))) {
    const before = decoded(valueAt(r.before, [key]));
    const after = decoded(valueAt(r.after, [key]));
    if (isEmpty(before)) continue;
    if (isEmpty(after) || disablesHealthcheck(after)) {
      risks.push(risk("medium", "probe-removed", r.address, `${key} removed: failing instances are no longer detected`));
      continue;
    }
    for (const path of leafPaths(before).filter((p) => LOOSER_WHEN_HIGHER.test(leafName(p) ?? ""))) {
      const was = numberOf(valueAt(before, path));
      const now = numberOf(valueAt(after, path));
      if (was !== undefined && now !== undefined && now > was) {
        risks.push(risk("medium", "probe-loosened", r.address, `${formatPath([key, ...path])} ${describe(valueAt(before, path))} → ${describe(valueAt(after, path))}: failures are noticed later`));
      }
    }
  }
  return risks;
}

function secretVariableRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  const removed = stack.variables.filter((v) => v.before?.sensitive && !v.after).map((v) => v.name);
  const added = stack.variables.filter((v) => v.after?.sensitive && !v.before).map((v) => v.name);
  // As many secrets removed as added: most likely renamed, which needs the new name set at deploy time.
  if (removed.length > 0 && removed.length === added.length) {
    removed.forEach((name, i) => risks.push(risk("medium", "secret-variable", `var.${name}`, `secret variable renamed? ${name} removed, ${added[i]} added: set ${added[i]} where secrets are supplied`)));
  } else {
    for (const name of removed) risks.push(risk("medium", "secret-variable", `var.${name}`, `secret variable ${name} removed`));
    for (const name of added) risks.push(risk("medium", "secret-variable", `var.${name}`, `secret variable ${name} added: it must be supplied at deploy time`));
  }
  for (const v of stack.variables) {
    if (v.before?.sensitive && v.after && !v.after.sensitive) {
      risks.push(risk("high", "secret-variable", `var.${v.name}`, `variable ${v.name} is no longer sensitive: its value would show in plans and logs`));
    } else if (v.before && !v.before.sensitive && v.after?.sensitive) {
      risks.push(risk("medium", "secret-variable", `var.${v.name}`, `variable ${v.name} becomes sensitive`));
    }
  }
  return risks;
}

/** Highest severity first, then environment order as given, then subject. */
export function sortRisks(risks: readonly Risk[], stackOrder: readonly string[]): Risk[] {
  const rank = (r: Risk) => (r.severity === "high" ? 0 : 1);
  return [...risks].sort((a, b) => rank(a) - rank(b)
    || stackOrder.indexOf(a.stack) - stackOrder.indexOf(b.stack)
    || a.subject.localeCompare(b.subject));
}

function decoded(value: Value | undefined): Value | undefined {
  return typeof value === "string" ? decodeJson(value) ?? value : value;
}

/** A Docker healthcheck whose test is `["NONE"]` turns the image's own check off. */
function disablesHealthcheck(value: Value | undefined): boolean {
  const block = Array.isArray(value) ? value[0] : value;
  return isRecord(block) && Array.isArray(block.test) && block.test[0] === "NONE";
}

function leafPaths(value: Value | undefined, path: PathStep[] = []): PathStep[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

