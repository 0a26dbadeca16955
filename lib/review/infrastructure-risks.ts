import { AttributeChange, ResourceChange, StackChanges } from "./changes";
import { RoleOf, roleOf, typesOf } from "./resource-roles";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, formatPath, valueAt } from "./values";

/** Deletion protection switches: which values mean "protected", and what losing it means. */
const PROTECTION: Record<string, { readonly protects: (v: Value | undefined) => boolean; readonly loss: string }> = {
  deletion_protection: { protects: (v) => v === true || v === "true" || v === "on" || v === "Enabled", loss: "deletion protection switched off" },
  instance_release_protection: { protects: (v) => v === true || v === "true", loss: "release protection switched off" },
  delete_protection: { protects: (v) => v === true || v === "true" || v === "on", loss: "deletion protection switched off" },
  force_destroy: { protects: (v) => v !== true && v !== "true", loss: "force_destroy switched on: destroying it deletes everything in it" },
};

/** Backend fields that only say where the state lock is: moving them moves no state. */
const LOCK_FIELDS = new Set(["tablestore_endpoint", "tablestore_table", "dynamodb_table", "dynamodb_endpoint", "lock_table"]);

/**
 * What a resource is decides what destroying it costs, whatever the service
 * model says: network parts and load balancers replaced or removed cut
 * connections and change addresses; registries, log projects and stores,
 * volumes and databases lose their data; state storage loses every
 * environment's state. Also: deletion protection switched off, the state
 * backend or its lock moved.
 */
export function infrastructureRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  const types = typesOf(stack.resources);
  for (const r of stack.resources) {
    const role = roleOf(r, types);
    const gone = r.action === "replace" ? "is destroyed and created again" : r.action === "delete" ? "is destroyed" : undefined;
    if (gone && role && (role.role === "network" || (role.role === "load-balancer" && r.type !== "docker_container"))) {
      risks.push(risk("network-replaced", r.address, `network ${r.action === "replace" ? "replaced" : "removed"}: ${r.address} ${gone}; ` +
        "what runs in it loses its connections and the addresses it is reached by change"));
    } else if (gone && role?.loss) {
      risks.push(lossRisk(r, role, gone, risk));
    } else if (gone && role?.role === "state") {
      risks.push(risk("state-lock-moved", r.address, `${r.address} ${gone}: the environments' state lock is gone meanwhile; ` +
        "a run that cannot take it stops, and the environments' backends must name the new one"));
    }
    risks.push(...protectionRisks(r, risk));
  }
  for (const setting of stack.settings) {
    // A new stack's first backend moves no state.
    if (setting.setting === "terraform.backend" && setting.status !== "added") risks.push(backendRisk(setting.attributes, risk));
  }
  return risks;
}

function lossRisk(r: ResourceChange, role: RoleOf, gone: string, risk: RiskFactory): Risk {
  return risk(role.loss === "state" ? "state-lost" : "data-loss", r.address, `${r.address} ${gone}, losing ${role.holds}`);
}

function backendRisk(attributes: readonly AttributeChange[], risk: RiskFactory): Risk {
  const changed = attributes.map((a) => `${formatPath(a.path)} ${describe(a.before)} → ${describe(a.after)}`).join(", ");
  const lockOnly = attributes.length > 0 && attributes.every((a) => { const last = a.path[a.path.length - 1]; return typeof last === "string" && LOCK_FIELDS.has(last); });
  return lockOnly
    ? risk("state-lock-moved", "terraform.backend", `the state lock moves (${changed}); the state stays where it is, ` +
      "but a run that still takes the old lock (another branch, a job started before) is not kept out while this one applies")
    : risk("backend-changed", "terraform.backend", `the state backend changes (${changed}): state must be migrated, ` +
      "or Terraform starts from empty state and creates every resource again");
}

function protectionRisks(r: ResourceChange, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  if (r.lifecycle?.before?.preventDestroy && r.lifecycle.after && !r.lifecycle.after.preventDestroy) {
    risks.push(risk("protection-off", r.address, `${r.address}: lifecycle.prevent_destroy removed, Terraform may now destroy it`));
  }
  if (r.before === undefined || r.after === undefined) return risks;
  for (const [attribute, { protects, loss }] of Object.entries(PROTECTION)) {
    const before = valueAt(r.before, [attribute]);
    const after = valueAt(r.after, [attribute]);
    if ((before !== undefined || after !== undefined) && protects(before) && !protects(after)) {
      risks.push(risk("protection-off", r.address, `${r.address}: ${loss} (${attribute}: ${describe(before)} → ${describe(after)})`));
    }
  }
  return risks;
}
