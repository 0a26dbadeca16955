import { StackChanges } from "./changes";

/**
 * How bad a risk is. `high`: blocks the pull request by default (`--fail-on
 * high`); `medium`: worth a second reviewer's look; `low`: shown, never blocks
 * unless asked (`--fail-on low`).
 */
export type RiskSeverity = "high" | "medium" | "low";

/** How close to users an environment is; decides most severities. */
export type StageTier = "test" | "prerelease" | "production";

/** The consequences the review flags (docs/plan-review.md has the table with examples). */
export type RiskKind =
  | "stack-recreated"
  | "service-down"
  | "service-removed"
  | "service-renamed"
  | "network-replaced"
  | "data-loss"
  | "state-lost"
  | "exposure"
  | "rollout-safety"
  | "health-check"
  | "capacity"
  | "autoscaling-weakened"
  | "canary-route-changed"
  | "store-downgraded"
  | "store-exposed"
  | "backups-reduced"
  | "config-changed"
  | "alarms-weakened"
  | "alarm-contacts-removed"
  | "variable-required"
  | "secret-renamed"
  | "secret-unprotected"
  | "secret-in-code"
  | "deployer-widened"
  | "permissions-widened"
  | "protection-off"
  | "backend-changed"
  | "state-lock-moved"
  | "policy-relaxed";

/** One row of the risk table: a consequence, its severity per stage, and how the verdict line counts it. */
export interface RiskRow {
  /** The consequence, as the documentation's table names it. */
  readonly consequence: string;
  /** Severity in each stage tier. */
  readonly severity: Readonly<Record<StageTier, RiskSeverity>>;
  /**
   * How the one-line verdict names the risks of this kind in one environment
   * (`count`: how many services or subjects they concern; `briefs`: each risk's
   * own short form, where it has one).
   */
  readonly verdict: (count: number, briefs: readonly string[]) => string;
}

/** Production high, prerelease medium, test low: the default for a consequence that a redeploy undoes. */
const BY_STAGE = { test: "low", prerelease: "medium", production: "high" } as const;
/** What a rollback does not give back (data, state, secrets, protection) is high wherever it happens. */
const ALWAYS_HIGH = { test: "high", prerelease: "high", production: "high" } as const;
/** Exposure (and wider permissions) is worth a second look even in a test stage. */
const EXPOSURE = { test: "medium", prerelease: "medium", production: "high" } as const;
/**
 * A canary route only steers the requests that match it (testers'), and only
 * while a canary runs, which a review cannot see: worth a second look in
 * production, never blocking.
 */
const CANARY = { test: "low", prerelease: "low", production: "medium" } as const;

/**
 * Configuration running services read (a shared or per-stage value): what the
 * code does with it a review cannot see, so a second look in production, never blocking.
 */
const CONFIGURATION = { test: "low", prerelease: "low", production: "medium" } as const;

const counted = (one: string, many: string) => (n: number) => (n === 1 ? one : `${n} ${many}`);

/**
 * The risk table, in the order the verdict lists consequences. Every row has a
 * test built from a synthesized before/after pair (test/review/risk-table.test.ts)
 * and a row in docs/plan-review.md (checked by the same test).
 */
export const RISK_TABLE: Readonly<Record<RiskKind, RiskRow>> = {
  "stack-recreated": { consequence: "stack recreated elsewhere", severity: ALWAYS_HIGH, verdict: () => "every resource recreated" },
  "network-replaced": { consequence: "network replaced", severity: BY_STAGE, verdict: () => "network replaced" },
  "service-down": { consequence: "downtime", severity: BY_STAGE, verdict: counted("1 service restarted", "services restarted") },
  "service-removed": { consequence: "service removed", severity: BY_STAGE, verdict: counted("1 service removed", "services removed") },
  "service-renamed": { consequence: "service renamed", severity: BY_STAGE, verdict: counted("1 service renamed", "services renamed") },
  "data-loss": { consequence: "data loss", severity: BY_STAGE, verdict: () => "data lost" },
  "state-lost": { consequence: "state storage lost or weakened", severity: ALWAYS_HIGH, verdict: () => "state storage at risk" },
  "backend-changed": { consequence: "state backend changed", severity: ALWAYS_HIGH, verdict: () => "state backend changed" },
  "state-lock-moved": { consequence: "state lock moved", severity: BY_STAGE, verdict: () => "state lock moved" },
  "protection-off": { consequence: "deletion protection off", severity: ALWAYS_HIGH, verdict: () => "deletion protection off" },
  "secret-in-code": { consequence: "secret written in clear", severity: ALWAYS_HIGH, verdict: counted("a secret in clear", "secrets in clear") },
  "secret-unprotected": { consequence: "secret no longer sensitive", severity: ALWAYS_HIGH, verdict: () => "a secret no longer sensitive" },
  "deployer-widened": { consequence: "deployer permissions widened", severity: ALWAYS_HIGH, verdict: () => "deployer permissions widened" },
  "permissions-widened": { consequence: "permissions widened", severity: EXPOSURE, verdict: () => "permissions widened" },
  exposure: { consequence: "exposure", severity: EXPOSURE, verdict: counted("1 route made public", "routes made public") },
  "store-exposed": { consequence: "store whitelist widened", severity: EXPOSURE, verdict: counted("1 store admits more", "stores admit more") },
  "backups-reduced": { consequence: "store backups reduced", severity: BY_STAGE, verdict: counted("1 store's backups reduced", "stores' backups reduced") },
  "store-downgraded": { consequence: "store downgraded", severity: BY_STAGE, verdict: counted("1 store downgraded", "stores downgraded") },
  capacity: { consequence: "capacity lowered", severity: BY_STAGE, verdict: () => "capacity lowered" },
  "autoscaling-weakened": { consequence: "autoscaling weakened", severity: BY_STAGE, verdict: () => "autoscaling weakened" },
  "rollout-safety": { consequence: "rollout safety lowered", severity: BY_STAGE, verdict: () => "rollout safety lowered" },
  "canary-route-changed": { consequence: "canary route changed", severity: CANARY, verdict: () => "canary route changed" },
  "config-changed": { consequence: "configuration changed", severity: CONFIGURATION, verdict: counted("1 value changed", "values changed") },
  "health-check": { consequence: "health checks loosened or moved", severity: BY_STAGE, verdict: () => "health checks weakened" },
  "alarms-weakened": { consequence: "alarms weakened", severity: BY_STAGE, verdict: () => "alarms weakened" },
  "alarm-contacts-removed": { consequence: "alarm contacts removed", severity: BY_STAGE, verdict: () => "alarm contacts removed" },
  "variable-required": {
    consequence: "new required variable", severity: BY_STAGE, verdict: counted("1 new required variable", "new required variables"),
  },
  "secret-renamed": { consequence: "secret variable renamed", severity: BY_STAGE, verdict: counted("1 secret renamed", "secrets renamed") },
  // What the policy guarded is what the pull request may now do: the verdict names it.
  "policy-relaxed": { consequence: "policy relaxed", severity: BY_STAGE, verdict: (_count, briefs) => briefs.join(", ") },
};

/** Severities from worst to mildest. */
export const SEVERITIES: readonly RiskSeverity[] = ["high", "medium", "low"];

/** Tiers in promotion order. */
export const TIERS: readonly StageTier[] = ["test", "prerelease", "production"];

/**
 * The tier of a stack: production when it is listed as such or its
 * environment recorded a stage named `production`; test when the recorded
 * stage (or, without a record, the stack's name) is `test`; prerelease
 * (medium) otherwise, for stages the review cannot place.
 */
export function tierOf(stack: StackChanges, production: readonly string[]): StageTier {
  const stage = stack.checked?.after?.stage ?? stack.checked?.before?.stage ?? stack.stack;
  if (production.includes(stack.stack) || stage === "production") return "production";
  return stage === "test" ? "test" : "prerelease";
}

/** Whether `severity` is at least `floor`. */
export function atLeast(severity: RiskSeverity, floor: RiskSeverity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);
}
