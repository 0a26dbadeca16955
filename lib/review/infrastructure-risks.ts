import { ResourceChange, StackChanges } from "./changes";
import { STATEFUL_TYPES } from "./resource-roles";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, valueAt } from "./values";

/**
 * Resources that carry traffic for everything else: replacing one moves or
 * drops the addresses, routes and names the workloads depend on.
 */
const NETWORK_TYPES: ReadonlySet<string> = new Set([
  "alicloud_vpc",
  "alicloud_vswitch",
  "alicloud_slb_load_balancer",
  "alicloud_nat_gateway",
  "alicloud_eip_address",
  "alicloud_eip_association",
  "alicloud_pvtz_zone",
  "alicloud_pvtz_zone_record",
  "alicloud_pvtz_zone_attachment",
  "docker_network",
]);

/** What a stateful resource keeps, by type. */
const HOLDS: Readonly<Record<string, string>> = {
  alicloud_log_project: "every log kept in the project",
  alicloud_log_store: "the logs it keeps",
  alicloud_cr_ee_instance: "every image kept for rollback",
  alicloud_cr_ee_namespace: "the images kept for rollback",
  alicloud_cr_ee_repo: "the images kept for rollback",
  alicloud_oss_bucket: "what it stores (Terraform state)",
  alicloud_ots_instance: "the state lock tables",
  alicloud_ots_table: "the state lock",
  docker_volume: "the files on it (the test registry's images)",
};

/** Deletion protection switches: which values mean "protected", and what losing it means. */
const PROTECTION: Record<string, { readonly protects: (v: Value | undefined) => boolean; readonly loss: string }> = {
  deletion_protection: { protects: (v) => v === true || v === "true" || v === "on" || v === "Enabled", loss: "deletion protection switched off" },
  delete_protection: { protects: (v) => v === true || v === "true" || v === "on", loss: "deletion protection switched off" },
  force_destroy: { protects: (v) => v !== true && v !== "true", loss: "force_destroy switched on: destroying it deletes everything in it" },
};

/**
 * Network resources replaced or removed, stateful ones replaced or removed
 * (data loss), deletion protection switched off, the state backend moved, and
 * policies relaxed compared with the base.
 */
export function infrastructureRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  for (const r of stack.resources) {
    const gone = r.action === "replace" ? "is destroyed and created again" : r.action === "delete" ? "is destroyed" : undefined;
    if (gone && NETWORK_TYPES.has(r.type)) {
      risks.push(risk("network-replaced", r.address, `network ${r.action === "replace" ? "replaced" : "removed"}: ${r.address} ${gone}; ` +
        "what runs in it loses its connections and the addresses it is reached by change"));
    } else if (gone && STATEFUL_TYPES.has(r.type)) {
      risks.push(risk("data-loss", r.address, `${r.address} ${gone}, losing ${HOLDS[r.type] ?? "what it stores"}`));
    }
    risks.push(...protectionRisks(r, risk));
  }
  for (const setting of stack.settings) {
    // A new stack's first backend moves no state.
    if (setting.setting === "terraform.backend" && setting.status !== "added") {
      risks.push(risk("backend-changed", setting.setting, "the state backend changes: state must be migrated, or Terraform starts from empty state"));
    }
  }
  return [...risks, ...relaxedPolicies(stack, risk)];
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

/** A policy that stopped synthesis on the base and no longer does: relaxed, only warning, or replaced by another rule. */
function relaxedPolicies(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = stack.checked?.before;
  const after = stack.checked?.after;
  if (!before || !after) return [];
  const replacedBefore = new Set(before.adjustments.filter((a) => a.change === "replaced").map((a) => a.policy));
  return before.policies.filter((p) => p.enforcement === "error").flatMap((p) => {
    const now = after.policies.find((q) => q.name === p.name);
    const replaced = after.adjustments.some((a) => a.policy === p.name && a.change === "replaced") && !replacedBefore.has(p.name);
    const change = !now ? "relaxed: its findings are no longer checked"
      : now.enforcement === "warning" ? "made warning-only: its findings no longer stop synthesis"
        : replaced ? "replaced by another rule of that name: check that it is as strict" : undefined;
    return change ? [risk("policy-relaxed", `policy ${p.name}`, `policy ${p.name} ${change}`)] : [];
  });
}
