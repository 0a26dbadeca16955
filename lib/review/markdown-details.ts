import { AttributeChange, ResourceChange, StackChanges, VariableChange, hasChanges } from "./changes";
import { lineDiff } from "./line-diff";
import { permissionChange } from "./permission-risks";
import { cell, escapeCell, escapeHtml, fenced, inlineCode, row, unique } from "./markdown-text";
import { UPDATE_CAVEATS } from "./replacement-rules";
import { countParts } from "./summary";
import { PathStep, Sensitive, Value, describe, formatPath, isRecord } from "./values";

/** Strings longer than this, or with line breaks, are shown as a line diff below the table. */
const LONG_STRING = 100;

/**
 * One environment's changes, collapsed: a table of resources with why each
 * changes as it does, each resource's attribute-level changes (when `details`),
 * variables and settings.
 */
export function stackDetails(stack: StackChanges, details: boolean): string[] {
  if (!hasChanges(stack)) return [];
  const out = [`<details><summary><b>${escapeHtml(stack.stack)}</b>: ${escapeHtml(countParts(stack).join(", "))}</summary>`, ""];
  const changed = stack.resources.filter((r) => r.action !== "no-op");
  if (changed.length > 0) {
    out.push("| Action | Resource | Why |", "|---|---|---|", ...changed.map((r) => row([r.action, inlineCode(r.address), escapeCell(why(r, stack))])), "");
  }
  if (stack.unknownReplacementTypes.length > 0) {
    out.push(`_Not in the replacement list, shown as in-place updates: ${stack.unknownReplacementTypes.map(inlineCode).join(", ")}. A plan tells for sure._`, "");
  }
  if (details) {
    for (const r of changed) out.push(...resourceDetails(r));
  }
  if (stack.variables.length > 0) {
    out.push("| Variable | Change |", "|---|---|", ...stack.variables.map((v) => row([inlineCode(v.name), escapeCell(variableChange(v))])), "");
  }
  for (const setting of stack.settings) {
    out.push(`Setting ${inlineCode(setting.setting)} changes:`, "", ...attributeTable(setting.attributes, ""));
  }
  return [...out, "</details>", ""];
}

function why(r: ResourceChange, stack: StackChanges): string {
  const parts: string[] = [];
  if (r.movedFrom) parts.push(`moved from ${r.movedFrom}`);
  if (r.action === "replace") {
    const forcing = unique(r.attributes.filter((a) => a.forcesReplacement).map((a) => topLevel(a.path)));
    if (forcing.length > 0) parts.push(`${forcing.join(", ")} force${forcing.length === 1 ? "s" : ""} replacement`);
    parts.push(r.createBeforeDestroy ? "new one created before the old one is destroyed" : "destroyed before the new one is created");
    if (r.lifecycle?.after?.preventDestroy) parts.push("lifecycle.prevent_destroy is set: terraform apply will refuse this");
  } else if (r.action === "update") {
    parts.push(unique(r.attributes.map((a) => topLevel(a.path))).join(", "));
  } else if (r.action === "forget") {
    parts.push("removed from state, not destroyed");
  }
  if (r.reason) parts.push(r.reason.replace(/_/g, " "));
  // What a RAM change grants more or less, narrowing included: it is shown here even though only widening is a risk.
  const permissions = r.action === "update" || r.action === "replace" ? permissionChange(stack, r) : undefined;
  if (permissions?.widens.length) parts.push(`permissions widened: ${permissions.widens.join("; ")}`);
  if (permissions?.narrows.length) parts.push(`permissions narrowed: ${permissions.narrows.join("; ")}`);
  return parts.join("; ");
}

function resourceDetails(r: ResourceChange): string[] {
  if (r.action === "delete" || r.action === "forget") return [];
  const attributes: AttributeChange[] = r.action === "create"
    ? leaves(r.after).filter(({ value }) => value !== null).map(({ path, value }) => ({ path, after: value, forcesReplacement: false }))
    : [...r.attributes];
  if (attributes.length === 0) return [];
  // Caveats explain in-place updates; a replacement recreates the resource anyway.
  const caveats = r.action !== "update" ? [] : unique(attributes.map((a) => topLevel(a.path)))
    .filter((attribute) => UPDATE_CAVEATS[`${r.type}.${attribute}`])
    .map((attribute) => `_Note on ${inlineCode(attribute)}: ${escapeCell(UPDATE_CAVEATS[`${r.type}.${attribute}`])}._`);
  return [
    `<details><summary><code>${escapeHtml(r.address)}</code>: ${r.action}</summary>`, "",
    ...attributeTable(attributes, r.type),
    ...caveats.flatMap((c) => [c, ""]),
    "</details>", "",
  ];
}

function attributeTable(attributes: readonly AttributeChange[], type: string): string[] {
  const isLong = (v: Value | undefined) => typeof v === "string" && (v.length > LONG_STRING || v.includes("\n"));
  const rows = attributes.map((a) => {
    const long = isLong(a.before) || isLong(a.after);
    const mark = a.forcesReplacement && type ? " (forces replacement)" : "";
    const shown = (v: Value | undefined) => (long && v !== undefined ? "_(diff below)_" : cell(v));
    return row([inlineCode(formatPath(a.path)) + mark, shown(a.before), shown(a.after)]);
  });
  const diffs = attributes.filter((a) => isLong(a.before) || isLong(a.after)).flatMap((a) => {
    const lines = lineDiff(typeof a.before === "string" ? a.before : "", typeof a.after === "string" ? a.after : "");
    return [`${inlineCode(formatPath(a.path))}:`, "", ...fenced("diff", lines), ""];
  });
  return ["| Attribute | Before | After |", "|---|---|---|", ...rows, "", ...diffs];
}

function variableChange(v: VariableChange): string {
  const kind = v.after?.sensitive || v.before?.sensitive ? "secret variable" : "variable";
  if (!v.before) return `${kind} added`;
  if (!v.after) return `${kind} removed`;
  const fields = unique([...Object.keys(v.before.fields), ...Object.keys(v.after.fields)]).filter(
    (f) => describe(v.before!.fields[f]) !== describe(v.after!.fields[f]) || v.before!.fields[f] instanceof Sensitive,
  );
  const sensitivity = v.before.sensitive === v.after.sensitive ? [] : [`sensitive: ${v.before.sensitive} → ${v.after.sensitive}`];
  return [...sensitivity, ...fields.map((f) => `${f}: ${describe(v.before!.fields[f])} → ${describe(v.after!.fields[f])}`)].join("; ");
}

/** Every leaf of a value with its path, for showing what a new resource is created with. */
function leaves(value: Value | undefined, path: PathStep[] = []): { path: PathStep[]; value: Value }[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.length > 0) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (isRecord(value) && Object.keys(value).length > 0) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function topLevel(path: readonly PathStep[]): string {
  return formatPath(path.slice(0, 1));
}
