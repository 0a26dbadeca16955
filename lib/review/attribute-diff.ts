import { AttributeChange } from "./changes";
import { PathStep, Sensitive, Unknown, Value, describe, isRecord, sameValue } from "./values";

/** Decides whether a change at `path` forces the resource to be replaced. */
export type ReplacementTest = (path: readonly PathStep[]) => boolean;

/** Fields that identify an element of a list of blocks, most telling first. */
const ELEMENT_KEYS = ["name", "label", "key", "file", "logstore_name", "domain", "internal", "container_path", "target", "mount_path"];

/**
 * Every attribute that differs between `before` and `after`, down to the leaves.
 * Lists of blocks are matched by an identifying field when they have one (so a
 * reordered set is no change and one new label is one row), `KEY=VALUE` lists
 * (Docker `env`) by key, and JSON-encoded strings (SAE `envs`, `sls_configs`)
 * are decoded and compared structurally.
 */
export function diffValues(
  before: Value | undefined,
  after: Value | undefined,
  forces: ReplacementTest,
  path: PathStep[] = [],
): AttributeChange[] {
  if (sameValue(before, after)) return [];
  const change = (): AttributeChange[] => [{ path, before, after, forcesReplacement: forces(path) }];
  if (isToken(before) || isToken(after) || before === undefined || after === undefined) return change();

  // A JSON-encoded string holding a secret is read decoded, with the secret redacted inside; the other side may still be text.
  const structured = (v: Value) => typeof v === "object" && v !== null;
  if (typeof before === "string" || typeof after === "string") {
    const decodedBefore = typeof before === "string" ? decodeJson(before) : structured(before) ? before : undefined;
    const decodedAfter = typeof after === "string" ? decodeJson(after) : structured(after) ? after : undefined;
    if (decodedBefore !== undefined && decodedAfter !== undefined) return diffValues(decodedBefore, decodedAfter, forces, path);
    return change();
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, forces, path);
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], forces, [...path, key]));
  }
  return change();
}

function diffLists(before: Value[], after: Value[], forces: ReplacementTest, path: PathStep[]): AttributeChange[] {
  const keyed = keyValueRecords(before, after);
  if (keyed) return diffValues(keyed[0], keyed[1], forces, path);

  const key = identifyingKey(before, after);
  if (key) {
    const index = (list: Value[]) => new Map(list.map((e) => [describe((e as Record<string, Value>)[key]), e]));
    const b = index(before);
    const a = index(after);
    const ids = [...new Set([...b.keys(), ...a.keys()])];
    return ids.flatMap((id) => diffValues(b.get(id), a.get(id), forces, [...path, { key, value: id }]));
  }

  if ([...before, ...after].every(isScalar)) {
    // A set or list of plain values: report what left and what arrived, not shifted positions.
    const remaining = [...after];
    const removed: AttributeChange[] = [];
    before.forEach((value, i) => {
      const at = remaining.findIndex((v) => sameValue(v, value));
      if (at >= 0) remaining.splice(at, 1);
      else removed.push({ path: [...path, i], before: value, forcesReplacement: forces(path) });
    });
    const added = remaining.map((value) => ({ path: [...path, after.indexOf(value)], after: value, forcesReplacement: forces(path) }));
    return [...removed, ...added];
  }

  const length = Math.max(before.length, after.length);
  return Array.from({ length }, (_, i) => diffValues(before[i], after[i], forces, [...path, i])).flat();
}

/** Docker-style `["KEY=VALUE", ...]` lists as records, when every element has that shape and keys are unique. */
function keyValueRecords(before: Value[], after: Value[]): [Record<string, Value>, Record<string, Value>] | undefined {
  const toRecord = (list: Value[]): Record<string, Value> | undefined => {
    const record: Record<string, Value> = {};
    for (const element of list) {
      // A redacted entry keeps its key visible: `DB_PASSWORD=(sensitive)`.
      const text = element instanceof Sensitive ? element.prefix : element;
      const match = typeof text === "string" ? /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(text) : null;
      if (!match || match[1] in record) return undefined;
      record[match[1]] = element instanceof Sensitive ? new Sensitive(element.tag, { literal: element.literal }) : match[2];
    }
    return record;
  };
  if (before.length + after.length === 0) return undefined;
  const b = toRecord(before);
  const a = toRecord(after);
  return b && a ? [b, a] : undefined;
}

/** A field every element of both lists has, with a scalar value unique within each list. */
function identifyingKey(before: Value[], after: Value[]): string | undefined {
  const all = [...before, ...after];
  // One block on each side (a `max_items = 1` block such as a healthcheck) is the same block changed.
  if (all.length === 0 || !all.every(isRecord) || (before.length === 1 && after.length === 1)) return undefined;
  const uniqueIn = (list: Value[], key: string) => {
    const values = (list as Record<string, Value>[]).map((e) => e[key]);
    return values.every((v) => typeof v === "string" || typeof v === "number") && new Set(values).size === values.length;
  };
  return ELEMENT_KEYS.find((key) => uniqueIn(before, key) && uniqueIn(after, key));
}

/**
 * A string holding a JSON object or array, decoded; undefined for anything
 * else. cdktf writes JSON-encoded fields with Terraform interpolations where
 * values come from variables (`"value":${jsonencode(var.db_host)}`); each such
 * interpolation is read as the string of its expression.
 */
export function decodeJson(text: string): Value | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return undefined;
  try {
    const decoded = JSON.parse(quoteInterpolations(trimmed)) as Value;
    return typeof decoded === "object" && decoded !== null ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** Turns every `${...}` outside a JSON string into a JSON string of itself. */
function quoteInterpolations(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "$" && text[i + 1] === "{") {
      let depth = 0;
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      out += JSON.stringify(text.slice(i, end + 1));
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

function isToken(value: Value | undefined): boolean {
  return value instanceof Sensitive || value instanceof Unknown;
}

function isScalar(value: Value): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value) || isToken(value);
}
