import { AttributeChange, ResourceChange, StackChanges, VariableChange, countActions, hasChanges } from "./changes";
import { lineDiff } from "./line-diff";
import { PromotionRow } from "./promotions";
import { UPDATE_CAVEATS } from "./replacement-rules";
import { Review } from "./review";
import { Risk } from "./risks";
import { summaryLine } from "./summary";
import { PathStep, Sensitive, Unknown, Value, describe, formatPath, isRecord } from "./values";

/** How the Markdown report is laid out. */
export interface MarkdownOptions {
  /**
   * Longest report, in characters; beyond it attribute details are left out (GitHub comments stop at 65536).
   * @default 60000
   */
  readonly maxLength?: number;
}

/** Strings longer than this, or with line breaks, are shown as a line diff below the table. */
const LONG_STRING = 100;
/** Longest value shown in a table cell. */
const CELL = 160;

/** The review as Markdown for a pull-request comment. */
export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const full = render(review, true);
  if (full.length <= maxLength) return full;
  const brief = render(review, false);
  if (brief.length <= maxLength) return brief;
  return `${brief.slice(0, maxLength - 200)}\n\n…(report cut at ${maxLength} characters; run plan-review locally for all of it)\n`;
}

function render(review: Review, details: boolean): string {
  const { changes } = review;
  const out: string[] = [`## Plan review: ${changes.label}`, ""];
  out.push(changes.source === "plan"
    ? "From Terraform plans (`terraform show -json`)."
    : "From synthesized configurations. Replacements are inferred from a documented list per resource type; a Terraform plan is authoritative.");
  out.push("", `\`${summaryLine(review)}\``, "");
  out.push(...risksSection(review.risks), ...promotionsSection(review.promotions, changes.stacks.map((s) => s.stack)));
  if (!details) out.push("_Attribute details left out to fit the comment size limit._", "");
  for (const stack of changes.stacks) out.push(...stackSection(stack, details));
  return out.join("\n");
}

function risksSection(risks: readonly Risk[]): string[] {
  if (risks.length === 0) return ["### Risks", "", "No risks flagged.", ""];
  return [
    "### Risks", "",
    "| Severity | Environment | What | Risk |", "|---|---|---|---|",
    ...risks.map((r) => row([`**${r.severity}**`, r.stack, inlineCode(r.subject), escapeCell(r.message)])),
    "",
  ];
}

function promotionsSection(rows: readonly PromotionRow[], stackOrder: readonly string[]): string[] {
  if (rows.length === 0) return [];
  const stacks = stackOrder.filter((s) => rows.some((r) => r.environments[s]));
  const cell = (row: PromotionRow, stack: string) => {
    const move = row.environments[stack];
    if (!move) return "—";
    if (move.before === move.after) return escapeCell(move.before!);
    return `**${escapeCell(move.before ?? "(new)")} → ${escapeCell(move.after ?? "(removed)")}**`;
  };
  return [
    "### Promotions", "",
    row(["Service", ...stacks]), row(["---", ...stacks.map(() => "---")]),
    ...rows.map((r) => row([escapeCell(r.service), ...stacks.map((s) => cell(r, s))])),
    "",
  ];
}

function stackSection(stack: StackChanges, details: boolean): string[] {
  const out = [`### ${stack.stack}`, ""];
  if (!hasChanges(stack)) return [...out, "No changes.", ""];
  const c = countActions(stack);
  out.push(`${c.create} to add, ${c.update} to change, ${c.replace} to replace, ${c.delete} to destroy${c.forget ? `, ${c.forget} to forget` : ""}.`, "");
  const changed = stack.resources.filter((r) => r.action !== "no-op");
  if (changed.length > 0) {
    out.push("| Action | Resource | Why |", "|---|---|---|", ...changed.map((r) => row([r.action, inlineCode(r.address), escapeCell(why(r))])), "");
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
  return out;
}

function why(r: ResourceChange): string {
  const parts: string[] = [];
  if (r.movedFrom) parts.push(`moved from ${r.movedFrom}`);
  if (r.action === "replace") {
    const forcing = unique(r.attributes.filter((a) => a.forcesReplacement).map((a) => topLevel(a.path)));
    if (forcing.length > 0) parts.push(`${forcing.join(", ")} force${forcing.length === 1 ? "s" : ""} replacement`);
    if (r.createBeforeDestroy) parts.push("new one created before the old one is destroyed");
    if (r.preventDestroy?.after) parts.push("lifecycle.prevent_destroy is set: terraform apply will refuse this");
  } else if (r.action === "update") {
    parts.push(unique(r.attributes.map((a) => topLevel(a.path))).join(", "));
  } else if (r.action === "forget") {
    parts.push("removed from state, not destroyed");
  }
  if (r.reason) parts.push(r.reason.replace(/_/g, " "));
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

function cell(value: Value | undefined): string {
  if (value === undefined) return "—";
  if (value instanceof Sensitive || value instanceof Unknown) return `_${escapeCell(String(value))}_`;
  const text = describe(value);
  return inlineCode(text.length > CELL ? `${text.slice(0, CELL)}…` : text);
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fenced(language: string, lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${language}`, ...lines, fence];
}

function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, "⏎");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat.replace(/\|/g, "\\|")}${pad}${fence}`;
}

function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function topLevel(path: readonly PathStep[]): string {
  return String(path[0]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
