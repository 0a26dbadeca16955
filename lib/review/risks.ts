import { alarmRisks } from "./alarm-risks";
import { canaryRisks } from "./canary-risks";
import { configRisks } from "./config-risks";
import { deployerRisks } from "./deployer-risks";
import { StackChanges } from "./changes";
import { dataRisks } from "./data-risks";
import { infrastructureRisks } from "./infrastructure-risks";
import { permissionRisks } from "./permission-risks";
import { policyRisks } from "./policy-risks";
import { probeRisks } from "./probe-risks";
import { RISK_TABLE, RiskKind, RiskSeverity, SEVERITIES, StageTier } from "./risk-table";
import { publicRouteRisks } from "./route-risks";
import { scalingRisks } from "./scaling-risks";
import { secretRisks } from "./secret-risks";
import { RECREATION_CONSEQUENCES, stackRisks } from "./stack-risks";
import { storeRisks } from "./store-risks";
import { variableRisks } from "./variable-risks";
import { workloadRisks } from "./workload-risks";

/** One flagged change in one environment. */
export interface Risk {
  /** How bad, from the risk table for this environment's stage. */
  readonly severity: RiskSeverity;
  /** Which consequence. */
  readonly kind: RiskKind;
  /** Environment (stack) it happens in. */
  readonly stack: string;
  /** The service it concerns, when it concerns one. */
  readonly service?: string;
  /** What it concerns: a resource address, a service, a variable, a setting or a policy. */
  readonly subject: string;
  /** What happens, in the same words in every stage (so one change in three stages is one row); never a secret. */
  readonly message: string;
  /** How the verdict line names it, when the risk table row's own words say too little (a relaxed policy: what it lets through). */
  readonly brief?: string;
}

/** Makes a risk of `kind` in the stack being assessed; the severity comes from the risk table. */
export type RiskFactory = (kind: RiskKind, subject: string, message: string, service?: string, brief?: string) => Risk;

/** The same change in several environments: one row of the report's risk table. */
export interface RiskGroup {
  /** The worst severity among its environments. */
  readonly severity: RiskSeverity;
  /** Which consequence. */
  readonly kind: RiskKind;
  /** The service, when it concerns one. */
  readonly service?: string;
  /** What happens. */
  readonly message: string;
  /** Each environment it happens in, with its severity there, in report order. */
  readonly stacks: readonly {
    /** The environment. */
    readonly stack: string;
    /** The risk's severity there. */
    readonly severity: RiskSeverity;
  }[];
}

/** Flags every risk of one environment, judged by the consequence of each change (docs/plan-review.md). */
export function assessRisks(stack: StackChanges, tier: StageTier): Risk[] {
  const seen = new Set<string>();
  const risks: Risk[] = [];
  const risk: RiskFactory = (kind, subject, message, service, brief) =>
    ({ severity: RISK_TABLE[kind].severity[tier], kind, stack: stack.stack, service, subject, message, ...(brief ? { brief } : {}) });
  const recreated = stackRisks(stack, risk);
  const found = [
    ...recreated,
    // A stack recreated elsewhere is one row: its replacements are not repeated one by one.
    ...[
      ...workloadRisks(stack, risk),
      ...infrastructureRisks(stack, risk),
      ...dataRisks(stack, risk),
    ].filter((r) => recreated.length === 0 || !RECREATION_CONSEQUENCES.has(r.kind)),
    ...scalingRisks(stack, risk),
    ...canaryRisks(stack, risk),
    ...storeRisks(stack, risk),
    ...configRisks(stack, risk),
    ...probeRisks(stack, risk),
    ...alarmRisks(stack, risk),
    ...publicRouteRisks(stack, risk),
    ...secretRisks(stack, risk),
    ...permissionRisks(stack, risk),
    ...variableRisks(stack, risk),
    ...deployerRisks(stack, risk),
    ...policyRisks(stack, risk),
  ];
  // Replicas of one service report the same change once.
  for (const r of found) {
    const key = `${r.kind}\0${r.service ?? r.subject}\0${r.message}`;
    if (!seen.has(key)) risks.push(r);
    seen.add(key);
  }
  return risks;
}

/** Worst first, then in the risk table's order, then environment order as given, then subject. */
export function sortRisks(risks: readonly Risk[], stackOrder: readonly string[]): Risk[] {
  const kinds = Object.keys(RISK_TABLE);
  return [...risks].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
    || kinds.indexOf(a.kind) - kinds.indexOf(b.kind)
    || stackOrder.indexOf(a.stack) - stackOrder.indexOf(b.stack)
    || (a.service ?? "").localeCompare(b.service ?? "")
    || a.subject.localeCompare(b.subject));
}

/** Risks that say the same about the same service (or subject) in several environments, as one group each. */
export function groupRisks(risks: readonly Risk[], stackOrder: readonly string[]): RiskGroup[] {
  const groups = new Map<string, Risk[]>();
  for (const r of sortRisks(risks, stackOrder)) {
    const key = `${r.kind}\0${r.service ?? ""}\0${r.message}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((members) => ({
    severity: members[0].severity,
    kind: members[0].kind,
    service: members[0].service,
    message: members[0].message,
    stacks: [...members]
      .sort((a, b) => stackOrder.indexOf(a.stack) - stackOrder.indexOf(b.stack))
      .map((r) => ({ stack: r.stack, severity: r.severity })),
  }));
}
