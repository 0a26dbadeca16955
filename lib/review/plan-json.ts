import * as fs from "fs";
import { diffValues } from "./attribute-diff";
import { ResourceAction, ResourceChange, StackChanges } from "./changes";
import { SecretValues, redact } from "./secret-values";
import { PathStep, Unknown, Value, isRecord } from "./values";

/** A sensitivity or unknown-ness mask as `terraform show -json` writes it: `true` at marked paths. */
type Mask = boolean | Mask[] | { [key: string]: Mask };

/** What this reads of `terraform show -json` (format 1.x), as Terraform documents it. */
interface PlanJson {
  readonly format_version?: unknown;
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly planned_values?: unknown;
  readonly configuration?: { readonly root_module?: { readonly variables?: Record<string, { readonly sensitive?: boolean }> } };
  readonly variables?: Record<string, { readonly value?: Value }>;
}

/** One entry of the plan's `resource_changes`. */
interface PlanResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly change?: PlanChange;
  readonly action_reason?: string;
  readonly previous_address?: string;
}

/** A resource change's `change`: values before and after, and their masks. */
interface PlanChange {
  readonly actions?: readonly string[];
  readonly before?: Value;
  readonly after?: Value;
  readonly before_sensitive?: Mask;
  readonly after_sensitive?: Mask;
  readonly after_unknown?: Mask;
  readonly replace_paths?: readonly PathStep[][];
}

/**
 * Reads the JSON form of one stack's saved plan (`terraform show -json
 * plan.out`, format 1.x) from `resource_changes`. Values under
 * `before_sensitive` / `after_sensitive`, literals under a secret's name and
 * values shaped like a credential are redacted before anything else sees
 * them, and so is every other occurrence of those values and of sensitive
 * variables' values (the plan's `variables` hold them in clear; they are read
 * only to know what to redact).
 */
export function readPlanFile(stack: string, file: string): StackChanges {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not readable as JSON (${(e as Error).message}); write it with terraform show -json <planfile> > ${file}`);
  }
  return readPlan(stack, json, file);
}

/** Reads an already parsed plan JSON document; `source` names it in errors. */
export function readPlan(stack: string, json: unknown, source = "plan"): StackChanges {
  // Any object is read as a plan once its format_version says it is one.
  const plan = (typeof json === "object" && json !== null ? json : {}) as PlanJson;
  const version = typeof plan.format_version === "string" ? plan.format_version : undefined;
  if (!version || !("resource_changes" in plan || "planned_values" in plan)) {
    throw new Error(`${source}: not a Terraform plan in JSON (no format_version and resource_changes); write it with terraform show -json <planfile>`);
  }
  if (version.split(".")[0] !== "1") {
    throw new Error(`${source}: plan format_version ${version} is not supported (this reads 1.x)`);
  }
  const changes = (plan.resource_changes ?? []).filter((rc) => rc.mode === "managed");
  const secrets = secretValues(plan, changes);
  const resources = changes.map((rc) => resourceChange(rc, source, secrets));
  return { stack, resources, variables: [], settings: [], unknownReplacementTypes: [] };
}

function resourceChange(rc: PlanResourceChange, source: string, secrets: SecretValues): ResourceChange {
  const change: PlanChange = rc.change ?? {};
  const action = actionOf(change.actions, `${source}: ${rc.address}`);
  const sensitive = unionMask(change.before_sensitive ?? false, change.after_sensitive ?? false);
  const hide = (value: Value, own: Mask) => secrets.redact(mask(value, sensitive, own));
  const before = change.before === null || change.before === undefined ? undefined : hide(change.before, change.before_sensitive ?? false);
  const after = change.after === null && !change.after_unknown
    ? undefined
    : markUnknown(hide(change.after ?? null, change.after_sensitive ?? false), change.after_unknown ?? false);
  const replacePaths = change.replace_paths ?? [];
  const attributes = action === "update" || action === "replace"
    ? diffValues(before, after, (path) => replacePaths.some((p) => sharesPrefix(p, path)))
    : [];
  return {
    address: rc.address,
    type: rc.type,
    action,
    before: action === "create" ? undefined : before,
    after: action === "delete" || action === "forget" ? undefined : after,
    attributes,
    createBeforeDestroy: action === "replace" ? change.actions?.[0] === "create" : undefined,
    reason: rc.action_reason,
    movedFrom: rc.previous_address,
  };
}

function actionOf(actions: unknown, where: string): ResourceAction {
  const key = Array.isArray(actions) ? actions.join(",") : String(actions);
  const known: Record<string, ResourceAction> = {
    "no-op": "no-op",
    read: "no-op",
    create: "create",
    update: "update",
    delete: "delete",
    "delete,create": "replace",
    "create,delete": "replace",
    forget: "forget",
  };
  if (!(key in known)) throw new Error(`${where}: unknown change actions [${key}]`);
  return known[key];
}

/**
 * Whether a replace path and a change path point at the same attribute: equal
 * names, and any index matching a block found by key (the review matches set
 * elements by their key field, Terraform by position).
 */
function sharesPrefix(replacePath: readonly PathStep[], path: readonly PathStep[]): boolean {
  const length = Math.min(replacePath.length, path.length);
  for (let i = 0; i < length; i++) {
    const a = replacePath[i];
    const b = path[i];
    if (typeof a === "string" || typeof b === "string") {
      if (a !== b) return false;
    } else if (typeof a === "number" && typeof b === "number" && a !== b) return false;
  }
  return true;
}

/** Every value under a sensitive path of any change, and every sensitive variable's value. */
function secretValues(plan: PlanJson, changes: readonly PlanResourceChange[]): SecretValues {
  const secrets = new SecretValues();
  const collect = (value: Value | undefined, sensitive: Mask): void => {
    if (value === undefined || value === null) return;
    if (sensitive === true) secrets.add(value);
    else if (Array.isArray(value) && Array.isArray(sensitive)) value.forEach((v, i) => collect(v, sensitive[i] ?? false));
    else if (isRecord(value) && isRecord(sensitive)) {
      for (const [k, v] of Object.entries(value)) collect(v, (sensitive as Record<string, Mask>)[k] ?? false);
    }
  };
  for (const rc of changes) {
    collect(rc.change?.before, rc.change?.before_sensitive ?? false);
    collect(rc.change?.after, rc.change?.after_sensitive ?? false);
    // Unmarked secrets too: a literal under a secret's name, a value shaped like a credential.
    secrets.collectLiterals(rc.change?.before ?? undefined);
    secrets.collectLiterals(rc.change?.after ?? undefined);
  }
  const declared = plan.configuration?.root_module?.variables ?? {};
  for (const [name, declaration] of Object.entries(declared)) {
    if (declaration.sensitive) secrets.add(plan.variables?.[name]?.value);
  }
  return secrets;
}

/**
 * `value` with what either side marks sensitive redacted. What only the other
 * side marks (a secret variable's value before, a literal now) is a secret
 * written in clear on this side when it holds one.
 */
function mask(value: Value, sensitive: Mask, own: Mask): Value {
  if (sensitive === true) return redact(value, { literal: own !== true && holdsLiteral(value) });
  const at = (m: Mask, key: string | number): Mask => (m === true ? true : Array.isArray(m) ? m[key as number] ?? false
    : isRecord(m) ? (m as Record<string, Mask>)[key] ?? false : false);
  if (Array.isArray(value) && Array.isArray(sensitive)) return value.map((v, i) => mask(v, sensitive[i] ?? false, at(own, i)));
  if (isRecord(value) && isRecord(sensitive)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, (sensitive as Record<string, Mask>)[k] ?? false, at(own, k))]));
  }
  return value;
}

function holdsLiteral(value: Value): boolean {
  const found = new SecretValues();
  found.collectLiterals(value);
  return found.size > 0;
}

function markUnknown(value: Value | undefined, unknown: Mask): Value | undefined {
  if (unknown === true) return new Unknown();
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? value : [];
    const length = Math.max(list.length, unknown.length);
    return Array.from({ length }, (_, i) => markUnknown(list[i], unknown[i] ?? false) ?? null);
  }
  if (isRecord(unknown) && (isRecord(value) || value === null || value === undefined)) {
    const record = isRecord(value) ? value : {};
    const keys = new Set([...Object.keys(record), ...Object.keys(unknown)]);
    const out: Record<string, Value> = {};
    for (const k of keys) {
      const v = markUnknown(record[k], (unknown as Record<string, Mask>)[k] ?? false);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return value;
}

/** A path is sensitive when either side marks it: its value is then redacted on both sides. */
function unionMask(a: Mask, b: Mask): Mask {
  if (a === true || b === true) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => unionMask(a[i] ?? false, b[i] ?? false));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return Object.fromEntries([...keys].map((k) => [k, unionMask((a as Record<string, Mask>)[k] ?? false, (b as Record<string, Mask>)[k] ?? false)]));
  }
  return typeof a === "object" ? a : b;
}
