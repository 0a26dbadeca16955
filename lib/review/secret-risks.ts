import { looksLikeSecretName } from "../validation/secret-patterns";
import { ResourceChange, StackChanges } from "./changes";
import { SERVICE_LABEL, labelOf } from "./resource-roles";
import type { Risk, RiskFactory } from "./risks";
import { PathStep, Sensitive, Value, formatPath, isRecord } from "./values";
import { saeService } from "./workloads";

/** A secret written as a plain value, where it was found. */
interface Literal {
  /** The name it goes by: an env variable, an attribute, a path. */
  readonly name: string;
  /** Whether the name is the secret's own (an env variable, a named block), not only where it is (an attribute). */
  readonly named: boolean;
  /** Tells the same value from another, never the value. */
  readonly tag: string;
}

/**
 * Secrets that became plain values: a literal under a secret's name or shaped
 * like a credential in a resource, or a default written for a secret
 * variable. Such a value is in git and in Terraform state from then on, in
 * every stage it reaches, whatever a policy allows; rotating it is the only
 * way back. Values are never shown, only where they are.
 */
export function secretRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const risks: Risk[] = [];
  for (const r of stack.resources) {
    if (r.after === undefined) continue;
    const known = new Set(literalsOf(r.before).map((l) => l.tag));
    const service = serviceOf(r);
    const added = literalsOf(r.after).filter((l) => !known.has(l.tag));
    for (const { name, named } of unique(added)) {
      const whose = service ? `${service}'s ${name}` : `${name} of ${r.address}`;
      // A name that is the secret's own (DB_PASSWORD) reads as the secret; an attribute (a plan's envs) as where one is.
      risks.push(risk("secret-in-code", r.address, `${named ? whose : `a secret in ${whose}`} is a plain value in the configuration: the secret is in git and in ` +
        "Terraform state from now on; rotate it and pass it as a secret (Secret.fromVariable)", service));
    }
  }
  for (const v of stack.variables) {
    const now = v.after?.fields.default;
    const was = v.before?.fields.default;
    if (now instanceof Sensitive && now.literal && !(was instanceof Sensitive && was.tag === now.tag)) {
      risks.push(risk("secret-in-code", `var.${v.name}`, `secret variable ${v.name} has a default written in the configuration: ` +
        "the secret is in git and in Terraform state from now on; rotate it and supply it where the environment's secrets are kept"));
    }
  }
  return risks;
}

/** The service a workload runs, for naming where a secret is. */
function serviceOf(r: ResourceChange): string | undefined {
  if (r.type === "alicloud_sae_application" && r.after !== undefined) return saeService(r.after);
  return labelOf(r.after, SERVICE_LABEL);
}

/** Every secret written as a plain value inside `value`, named by where it is. */
function literalsOf(value: Value | undefined, path: PathStep[] = [], name?: string): Literal[] {
  if (value instanceof Sensitive) {
    if (!value.literal) return [];
    const key = value.prefix.endsWith("=") ? value.prefix.slice(0, -1) : undefined;
    const found = key ?? name ?? formatPath(path);
    return [{ name: found, named: key !== undefined || looksLikeSecretName(found), tag: value.tag }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => literalsOf(v, [...path, i], name));
  if (!isRecord(value)) return [];
  // `{ name: "DB_PASSWORD", value: … }`: the block's name names its value.
  const label = ["name", "key", "label"].map((f) => value[f]).find((v): v is string => typeof v === "string");
  return Object.entries(value).flatMap(([key, v]) =>
    literalsOf(v, [...path, key], key === "value" && label !== undefined ? label : v instanceof Sensitive ? key : name));
}

/** One entry per name. */
function unique(literals: readonly Literal[]): Literal[] {
  return [...new Map(literals.map((l) => [l.name, l])).values()];
}
