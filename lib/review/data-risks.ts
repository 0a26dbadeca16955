import { ResourceChange, StackChanges } from "./changes";
import { LossClass, roleOf, typesOf } from "./resource-roles";
import type { Risk, RiskFactory } from "./risks";
import { Value, blockValueAt, describe, isEmpty, numberOf } from "./values";

/** Retention settings, in days, by resource type: lowering one deletes what is older than the new value. */
const RETENTION: Readonly<Record<string, readonly string[]>> = {
  alicloud_log_store: ["retention_period"],
  alicloud_db_backup_policy: ["backup_retention_period", "log_backup_retention_period"],
};

/** Resources that switch a bucket's versioning or encryption, by type: the bucket they belong to is referenced. */
const BUCKET_SETTINGS: Readonly<Record<string, "versioning" | "encryption">> = {
  alicloud_oss_bucket_versioning: "versioning",
  alicloud_oss_bucket_server_side_encryption: "encryption",
};

/**
 * Data that a change deletes, or stops keeping safe, while the resource
 * holding it stays: a retention cut (what is older than the new retention is
 * deleted), versioning suspended (an overwritten or deleted object can no
 * longer be recovered), encryption at rest switched off. Judged by what is
 * lost — Terraform state anywhere it is kept is state, the rest by stage —
 * whether or not a policy allows the new value.
 */
export function dataRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const types = typesOf(stack.resources);
  const classOf = (r: ResourceChange | undefined): LossClass => (r && roleOf(r, types)?.loss) || "data";
  const kind = (loss: LossClass) => (loss === "state" ? "state-lost" : "data-loss");
  const risks: Risk[] = [];
  for (const r of stack.resources) {
    for (const attribute of RETENTION[r.type] ?? []) {
      const was = numberOf(blockValueAt(r.before, [attribute]));
      const now = numberOf(blockValueAt(r.after, [attribute]));
      if (r.after !== undefined && was !== undefined && now !== undefined && now >= 0 && now < was) {
        const what = classOf(r) === "logs" ? "logs" : "backups";
        risks.push(risk("data-loss", r.address, `${r.address} keeps ${what} ${was} → ${now} days (${attribute}): ` +
          `${what} older than ${days(now)} are deleted, ${days(was - now)} of them`));
      }
    }
    const setting = BUCKET_SETTINGS[r.type];
    const bucket = setting && bucketOf(stack, r);
    if (setting === "versioning" && r.before !== undefined && r.after !== undefined && enabled(r.before, ["status"]) && !enabled(r.after, ["status"])) {
      risks.push(risk(kind(classOf(bucket)), r.address, `versioning of ${bucketName(bucket, r)} suspended: an overwritten or deleted ` +
        `object can no longer be recovered${classOf(bucket) === "state" ? " (a damaged state file cannot be rolled back)" : ""}`));
    }
    if (setting === "encryption" && r.before !== undefined && (r.after === undefined || isEmpty(blockValueAt(r.after, ["sse_algorithm"])))) {
      risks.push(risk(kind(classOf(bucket)), r.address, `encryption at rest of ${bucketName(bucket, r)} switched off: ` +
        `what is written from now on is stored unencrypted${classOf(bucket) === "state" ? ", Terraform state with every secret in it included" : ""}`));
    }
    if (r.type === "alicloud_oss_bucket" && r.before !== undefined && r.after !== undefined) {
      const name = bucketName(r, r);
      if (enabled(r.before, ["versioning", "status"]) && !enabled(r.after, ["versioning", "status"])) {
        risks.push(risk(kind(classOf(r)), r.address, `versioning of ${name} suspended: an overwritten or deleted object can no longer be recovered`));
      }
      if (blockValueAt(r.before, ["server_side_encryption_rule", "sse_algorithm"]) !== undefined
        && isEmpty(blockValueAt(r.after, ["server_side_encryption_rule", "sse_algorithm"]))) {
        risks.push(risk(kind(classOf(r)), r.address, `encryption at rest of ${name} switched off: what is written from now on is stored unencrypted`));
      }
    }
    if (r.type === "alicloud_log_store" && r.after !== undefined
      && blockValueAt(r.before, ["encrypt_conf", "enable"]) === true && blockValueAt(r.after, ["encrypt_conf", "enable"]) !== true) {
      risks.push(risk("data-loss", r.address, `encryption at rest of ${r.address} switched off: logs written from now on are stored unencrypted`));
    }
  }
  return risks;
}

function enabled(values: Value | undefined, path: readonly string[]): boolean {
  return blockValueAt(values, path) === "Enabled";
}

/** The bucket a versioning or encryption resource names (`${alicloud_oss_bucket.state-bucket.bucket}`), when the stack has it. */
function bucketOf(stack: StackChanges, r: ResourceChange): ResourceChange | undefined {
  const reference = /^\$\{(alicloud_oss_bucket\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(describe(blockValueAt(r.after ?? r.before, ["bucket"])));
  const name = blockValueAt(r.after ?? r.before, ["bucket"]);
  return stack.resources.find((b) => b.type === "alicloud_oss_bucket"
    && (b.address === reference?.[1] || [b.before, b.after].some((side) => side !== undefined && blockValueAt(side, ["bucket"]) === name)));
}

/** A bucket as reviewers know it: its name when it is written out, else the address. */
function bucketName(bucket: ResourceChange | undefined, fallback: ResourceChange): string {
  const name = blockValueAt(bucket?.after ?? bucket?.before, ["bucket"]);
  return typeof name === "string" && !name.includes("${") ? `bucket ${name}` : bucket?.address ?? fallback.address;
}

function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}
