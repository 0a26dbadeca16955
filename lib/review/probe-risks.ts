import { decodeJson } from "./attribute-diff";
import { ResourceChange, StackChanges } from "./changes";
import { SERVICE_LABEL, labelOf } from "./resource-roles";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, isEmpty, isRecord, numberOf, valueAt } from "./values";
import { saeService } from "./workloads";

/** Probe blocks: Docker healthcheck, SAE liveness/readiness (and their v2 blocks), Kubernetes-style names. */
const PROBES: Readonly<Record<string, string>> = {
  healthcheck: "health check",
  liveness: "liveness check",
  liveness_v2: "liveness check",
  liveness_probe: "liveness check",
  readiness: "readiness check",
  readiness_v2: "readiness check",
  readiness_probe: "readiness check",
  startup_probe: "startup check",
};

/** Probe timings where a higher value means a failing instance is noticed later, by the names each platform uses. */
const TIMINGS: readonly [label: string, names: readonly string[]][] = [
  ["timeout", ["timeout", "timeout_seconds", "timeoutSeconds"]],
  ["period", ["interval", "period", "period_seconds", "periodSeconds"]],
  ["retries", ["retries", "failure_threshold", "failureThreshold"]],
  ["initial delay", ["start_period", "initial_delay_seconds", "initialDelaySeconds"]],
];

/** What a probe checks, by the names each platform uses: moving it may point it at something that always answers. */
const TARGETS: readonly [label: string, path: readonly string[]][] = [
  ["path", ["http_get", "path"]],
  ["port", ["http_get", "port"]],
  ["port", ["tcp_socket", "port"]],
  ["command", ["exec", "command"]],
  ["command", ["test"]],
];

/**
 * Health checks removed or disabled, loosened (timeout, period, retries or
 * initial delay up) or moved (another path, port or command). The same
 * finding on liveness and readiness reads as one "health check" finding, so
 * a probe change reads alike on Docker and SAE and groups across stages.
 */
export function probeRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  return stack.resources.flatMap((r) => {
    if (r.before === undefined || r.after === undefined) return [];
    const findings = Object.keys(isRecord(r.before) ? r.before : {})
      .filter((key) => key in PROBES)
      .map((key) => ({ label: PROBES[key], parts: probeChanges(block(valueAt(r.before, [key])), block(valueAt(r.after, [key]))) }))
      .filter((f) => f.parts.length > 0);
    if (findings.length === 0) return [];
    const same = findings.every((f) => f.parts.join() === findings[0].parts.join());
    const messages = same ? [`health check ${findings[0].parts.join("; ")}`] : findings.map((f) => `${f.label} ${f.parts.join("; ")}`);
    const service = serviceOf(r);
    return messages.map((m) => risk("health-check", service ?? r.address, `${service ?? r.address} ${m}`, service));
  });
}

function probeChanges(before: Value | undefined, after: Value | undefined): string[] {
  if (isEmpty(before)) return [];
  if (isEmpty(after) || disablesHealthcheck(after)) return ["removed: failing instances are no longer detected"];
  const parts: string[] = [];
  for (const [label, names] of TIMINGS) {
    const name = names.find((n) => valueAt(before, [n]) !== undefined);
    const was = name ? numberOf(valueAt(before, [name])) : undefined;
    const now = name ? numberOf(valueAt(after, [name])) : undefined;
    if (was !== undefined && now !== undefined && now > was) {
      const unit = label === "retries" ? "" : "s";
      parts.push(`${label} ${was}${unit} → ${now}${unit}: failures are noticed later`);
    }
  }
  for (const [label, path] of TARGETS) {
    const was = valueAt(before, path);
    const now = valueAt(after, path);
    if (was !== undefined && JSON.stringify(was) !== JSON.stringify(now)) {
      parts.push(`moved (${label} ${show(was)} → ${show(now)}): make sure the new target fails when the service does`);
    }
  }
  return parts;
}

/** A probe block as an object: JSON-encoded strings decoded, one-element block lists unwrapped. */
function block(value: Value | undefined): Value | undefined {
  const decoded = typeof value === "string" ? decodeJson(value) ?? value : value;
  return Array.isArray(decoded) && decoded.length === 1 ? decoded[0] : decoded;
}

/** A Docker healthcheck whose test is `["NONE"]` turns the image's own check off. */
function disablesHealthcheck(value: Value | undefined): boolean {
  return isRecord(value) && Array.isArray(value.test) && value.test[0] === "NONE";
}

function serviceOf(r: ResourceChange): string | undefined {
  if (r.type === "alicloud_sae_application") return saeService(r.after!);
  return r.type === "docker_container" ? labelOf(r.after, SERVICE_LABEL) : undefined;
}

function show(value: Value | undefined): string {
  if (value === undefined) return "none";
  return Array.isArray(value) ? value.map(describe).join(" ") : describe(value);
}
