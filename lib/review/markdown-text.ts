import { Sensitive, Unknown, Value, describe } from "./values";

/** Longest value shown in a table cell. */
const CELL = 160;

/** A value in a table cell: tokens in italics, everything else as code, cut at a readable length. */
export function cell(value: Value | undefined): string {
  if (value === undefined) return "—";
  if (value instanceof Sensitive || value instanceof Unknown) return `_${escapeCell(String(value))}_`;
  const text = describe(value);
  return inlineCode(text.length > CELL ? `${text.slice(0, CELL)}…` : text);
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fenced(language: string, lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${language}`, ...lines, fence];
}

/** Inline code that survives backticks, pipes and line breaks inside. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, "⏎");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat.replace(/\|/g, "\\|")}${pad}${fence}`;
}

/**
 * Text that stays inside one table cell, cannot open HTML, and keeps its
 * asterisks: RAM wildcards (`ram:*`, `oss:*`) would otherwise pair up as
 * emphasis and vanish from the row that names them.
 */
export function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\*/g, "\\*");
}

/** Text inside an HTML element. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One Markdown table row. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** Items without repeats, first occurrence first. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
