import { StackChanges, countActions } from "./changes";
import { stackDetails } from "./markdown-details";
import { escapeCell, escapeHtml, fenced, inlineCode, row } from "./markdown-text";
import { renderMermaid } from "./mermaid";
import { PromotionRow, VersionMove } from "./promotions";
import { Review } from "./review";
import { SEVERITIES } from "./risk-table";
import { verdictLine } from "./summary";
import { Topology } from "./topology";

/** How the Markdown report is laid out. */
export interface MarkdownOptions {
  /**
   * Longest report, in characters; beyond it attribute details are left out (GitHub comments stop at 65536).
   * @default 60000
   */
  readonly maxLength?: number;
}

/** Lines of a failure's error output shown in the report. */
const FAILURE_LINES = 15;

/**
 * The review as Markdown for a pull-request comment. The first screen holds a
 * one-line verdict, what failed (if anything), the counts per environment in
 * promotion order, the risks grouped across environments, the promotion table
 * and the policies; each environment's details follow, collapsed.
 */
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
  const out: string[] = [`## Plan review: ${changes.label}`, "", `**${escapeCell(verdictLine(review))}**`, ""];
  out.push(...failuresSection(review), ...countsTable(review), ...risksSection(review));
  out.push(...promotionsSection(review.promotions, changes.stacks.map((s) => s.stack)), ...topologySection(review.topologies));
  out.push(...policiesSection(changes.stacks));
  out.push(changes.source === "plan"
    ? "_From Terraform plans (`terraform show -json`)._"
    : "_From synthesized configurations: replacements follow a documented list per resource type; a Terraform plan is authoritative._", "");
  if (!details) out.push("_Attribute details left out to fit the comment size limit._", "");
  for (const stack of changes.stacks) out.push(...stackDetails(stack, details));
  return out.join("\n");
}

function failuresSection(review: Review): string[] {
  if (review.failures.length === 0) return [];
  return [
    ...review.failures.flatMap((f) => [`**${escapeCell(f.what)}:**`, "", ...fenced("text", f.details.slice(0, FAILURE_LINES)), ""]),
    "Exit status 2: nothing below covers what failed. Fix it and push again; this comment is then replaced.", "",
  ];
}

function countsTable(review: Review): string[] {
  const stacks = review.changes.stacks;
  if (stacks.length === 0) return [];
  const risks = (s: StackChanges) => SEVERITIES
    .map((severity) => [severity, review.risks.filter((r) => r.stack === s.stack && r.severity === severity).length] as const)
    .filter(([, n]) => n > 0).map(([severity, n]) => `${n} ${severity}`).join(", ") || "—";
  return [
    "| Environment | Add | Change | Replace | Remove | Risks |", "|---|--:|--:|--:|--:|---|",
    ...stacks.map((s) => {
      const c = countActions(s);
      return row([escapeCell(s.stack), String(c.create), String(c.update), String(c.replace), String(c.delete + c.forget), risks(s)]);
    }),
    "",
  ];
}

function risksSection(review: Review): string[] {
  if (review.riskGroups.length === 0) return [];
  const where = (stacks: readonly { stack: string; severity: string }[]) =>
    stacks.length === 1 ? stacks[0].stack : stacks.map((s) => `${s.stack} (${s.severity})`).join(", ");
  return [
    "### Risks", "",
    "| Severity | Service | What happens | Where |", "|---|---|---|---|",
    ...review.riskGroups.map((g) => row([`**${g.severity}**`, g.service ? escapeCell(g.service) : "—", escapeCell(g.message), escapeCell(where(g.stacks))])),
    "",
  ];
}

function promotionsSection(rows: readonly PromotionRow[], stackOrder: readonly string[]): string[] {
  if (rows.length === 0) return [];
  const stacks = stackOrder.filter((s) => rows.some((r) => r.environments[s]));
  return [
    "### Promotions", "",
    row(["Service", ...stacks]), `|${["Service", ...stacks].map(() => "---|").join("")}`,
    ...rows.map((r) => row([escapeCell(r.service), ...stacks.map((s) => promotionCell(r.environments[s]))])),
    "",
  ];
}

/** `1.2.0 ×3`, `**1.2.0 → 1.3.0** ×3`, `1.2.0 ×**3 → 2**`; changes in bold. */
function promotionCell(move: VersionMove | undefined): string {
  if (!move) return "—";
  const version = move.before === move.after
    ? escapeCell(move.before ?? "?")
    : `**${escapeCell(move.before ?? "(new)")} → ${escapeCell(move.after ?? "(removed)")}**`;
  const { replicasBefore: was, replicasAfter: now } = move;
  if (now === undefined || move.after === undefined) return version;
  return `${version} ×${was === undefined || was === now || move.before === undefined ? now : `**${was} → ${now}**`}`;
}

/**
 * Each environment's picture, as a Mermaid diagram GitHub and GitLab draw in
 * a comment; open where the change touches it, collapsed where it does not.
 */
function topologySection(topologies: readonly Topology[]): string[] {
  if (topologies.length === 0) return [];
  return ["### Topology", "", ...topologies.flatMap((t) => {
    const count = (kind: string, one: string, many: string) => {
      const n = t.nodes.filter((x) => x.kind === kind && x.change !== "removed").length;
      return n === 0 ? [] : [`${n} ${n === 1 ? one : many}`];
    };
    const touched = [...t.nodes.filter((n) => n.change !== "unchanged").map((n) => `${MARK[n.change]}${n.name}`),
      ...(t.edges.some((e) => e.change !== "unchanged") ? ["routes or dependencies"] : [])];
    const summary = [
      ...count("service", "service", "services"), ...count("load-balancer", "load balancer", "load balancers"),
      ...count("store", "store", "stores"), ...count("logs", "log project", "log projects"),
    ].join(", ");
    return [
      `<details${touched.length > 0 ? " open" : ""}><summary>Topology of <b>${escapeHtml(t.stack)}</b>: ${escapeHtml(summary)}` +
        `${touched.length > 0 ? ` — changes ${escapeHtml(touched.join(", "))}` : ""}</summary>`,
      "", ...fenced("mermaid", renderMermaid(t)), "", "</details>", "",
    ];
  })];
}

const MARK: Readonly<Record<string, string>> = { added: "+", removed: "−", changed: "~" };

/** Each environment's topology as a heading and the same Mermaid diagram the report shows (`plan-review --graph`). */
export function renderTopologies(review: Review): string {
  return review.topologies.map((t) => [`### ${t.stack}`, "", ...fenced("mermaid", renderMermaid(t)), ""].join("\n")).join("\n");
}

function policiesSection(stacks: readonly StackChanges[]): string[] {
  const checked = stacks.filter((s) => s.checked?.after || (s.warnings?.length ?? 0) > 0);
  if (checked.length === 0) return [];
  const adjusted = (s: StackChanges) => (s.checked?.after?.adjustments ?? [])
    .map((a) => `${inlineCode(a.policy)} ${a.change}`).join(", ") || "—";
  const policies = (s: StackChanges) => {
    const all = s.checked?.after?.policies;
    if (!all) return "?";
    const warning = all.filter((p) => p.enforcement === "warning").length;
    return all.length === 0 ? "none" : `${all.length}${warning > 0 ? ` (${warning} warning-only)` : ""}`;
  };
  const warnings = checked.flatMap((s) => (s.warnings ?? []).map((w) => `- ${escapeCell(s.stack)}: ${escapeCell(w)}`));
  return [
    "### Policies", "",
    "| Environment | Stage | Policies | Relaxed or downgraded | Warnings |", "|---|---|---|---|--:|",
    ...checked.map((s) => row([
      escapeCell(s.stack), escapeCell(s.checked?.after?.stage ?? "?"), policies(s), adjusted(s), String(s.warnings?.length ?? 0),
    ])),
    "",
    ...(warnings.length > 0 ? ["Synthesis warnings:", "", ...warnings, ""] : []),
  ];
}
