import { Topology, TopologyChange, TopologyNode } from "./topology";

/** How each change is drawn: a mark in the text (it reads without colour, and where Mermaid does not render) and a style. */
const MARKS: Readonly<Record<TopologyChange, { readonly mark: string; readonly style?: string }>> = {
  added: { mark: "+ ", style: "fill:#e6ffed,stroke:#22863a,stroke-width:2px" },
  removed: { mark: "− ", style: "fill:#ffeef0,stroke:#cb2431,stroke-width:2px,stroke-dasharray:5 3" },
  changed: { mark: "~ ", style: "fill:#fff5b1,stroke:#b08800,stroke-width:2px" },
  unchanged: { mark: "" },
};

/** Edge styles by change (Mermaid's `linkStyle`). */
const LINKS: Readonly<Record<string, string>> = {
  added: "stroke:#22863a,stroke-width:2px",
  removed: "stroke:#cb2431,stroke-width:2px,stroke-dasharray:5 3",
};

/** Node shapes by kind: clients round, load balancers as stadiums, services as boxes, stores and logs as cylinders. */
const SHAPES: Readonly<Record<TopologyNode["kind"], readonly [string, string]>> = {
  clients: ["((", "))"],
  "load-balancer": ["([", "])"],
  service: ["[", "]"],
  store: ["[(", ")]"],
  logs: ["[(", ")]"],
};

/**
 * An environment's topology as a Mermaid flowchart: what the change adds
 * (`+`, green), removes (`−`, red, dashed) or changes (`~`, yellow), a
 * service's version and instances before → after. Only syntax that GitHub's
 * and GitLab's Mermaid both render: `flowchart`, quoted labels, `classDef`,
 * `class`, `linkStyle`.
 */
export function renderMermaid(topology: Topology): string[] {
  const ids = new Map(topology.nodes.map((n, i) => [n.key, `n${i}`]));
  const lines = ["flowchart LR"];
  for (const n of topology.nodes) {
    const [open, close] = SHAPES[n.kind];
    lines.push(`  ${ids.get(n.key)}${open}"${label(n)}"${close}`);
  }
  const styled: string[] = [];
  topology.edges.forEach((e, i) => {
    const text = e.label === undefined && e.change === "unchanged" ? "" : `${MARKS[e.change].mark}${e.label ?? (e.change === "added" ? "new" : "removed")}`;
    const arrow = e.kind === "route" ? "-->" : e.kind === "depends" ? "-.->" : "-.-";
    lines.push(`  ${ids.get(e.from)} ${arrow}${text ? `|"${escape(text)}"|` : ""} ${ids.get(e.to)}`);
    if (LINKS[e.change]) styled.push(`  linkStyle ${i} ${LINKS[e.change]}`);
  });
  for (const change of ["added", "removed", "changed"] as const) {
    const members = topology.nodes.filter((n) => n.change === change).map((n) => ids.get(n.key)!);
    if (members.length > 0) lines.push(`  classDef ${change} ${MARKS[change].style}`, `  class ${members.join(",")} ${change}`);
  }
  return [...lines, ...styled];
}

/** `~ web<br/>1.2.0 ×3 → 2`: the mark, the name, what it runs before → after. */
function label(n: TopologyNode): string {
  const { before, after } = n.detail;
  const detail = before === after || before === undefined || after === undefined ? after ?? before : moved(before, after);
  return escape(`${MARKS[n.change].mark}${n.name}`) + (detail ? `<br/>${escape(detail)}` : "");
}

/** `1.2.0 ×3` → `1.2.0 ×2` reads `1.2.0 ×3 → 2`; another version `1.2.0 → 1.3.0 ×3`. */
function moved(before: string, after: string): string {
  const [version, replicas] = before.split(" ×");
  const [newVersion, newReplicas] = after.split(" ×");
  if (version === newVersion) return `${version} ×${replicas} → ${newReplicas}`;
  return replicas === newReplicas ? `${version} → ${newVersion} ×${newReplicas}` : `${before} → ${after}`;
}

/** Text inside a quoted Mermaid label: quotes and angle brackets as entities, no line breaks. */
function escape(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/[\r\n]+/g, " ");
}
