import { looksLikeCredential, looksLikeSecretName } from "../validation/secret-patterns";
import { StackChanges } from "./changes";
import type { Risk, RiskFactory } from "./risks";

/**
 * Configuration that changes what running services read, from each side's
 * check record: a shared value changed is one row naming every service it
 * reaches (however many containers or applications carry it), and a
 * per-stage value one row per service and stage. Values are shown: shared
 * and per-stage values are committed configuration, never secrets; one that
 * looks like a secret is redacted all the same.
 */
export function configRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const before = stack.checked?.before;
  const after = stack.checked?.after;
  if (!before || !after) return [];
  const risks: Risk[] = [];
  const keys = new Set([...Object.keys(before.shared ?? {}), ...Object.keys(after.shared ?? {})]);
  for (const key of [...keys].sort()) {
    const was = before.shared?.[key];
    const now = after.shared?.[key];
    if (was?.value === now?.value) continue;
    const readers = [...new Set([...(was?.services ?? []), ...(now?.services ?? [])])].sort();
    risks.push(risk("config-changed", `shared.${key}`,
      `shared value ${key} ${change(key, was?.value, now?.value)}, read by ${readers.join(", ") || "no service"}`));
  }
  const services = new Set([...Object.keys(before.stageValues ?? {}), ...Object.keys(after.stageValues ?? {})]);
  for (const service of [...services].sort()) {
    const [was, now] = [before.stageValues?.[service] ?? {}, after.stageValues?.[service] ?? {}];
    for (const name of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
      // A value that only starts or stops being per-stage is an env change the workload rows show.
      if (!(name in was) || !(name in now) || was[name] === now[name]) continue;
      risks.push(risk("config-changed", `${service}.${name}`,
        `${service} ${name} for stage ${after.stage} ${change(name, was[name], now[name])}`, service));
    }
  }
  return risks;
}

/** `"info" → "warn"`, `(none) → "x"`, with a value that looks like a secret redacted. */
function change(name: string, was: string | undefined, now: string | undefined): string {
  const show = (value: string | undefined) => value === undefined ? "(none)"
    : looksLikeSecretName(name) || looksLikeCredential(value) ? "(redacted)" : JSON.stringify(value);
  return `${show(was)} → ${show(now)}`;
}
