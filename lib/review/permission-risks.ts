import { ResourceChange, StackChanges } from "./changes";
import { roleOf, typesOf } from "./resource-roles";
import type { Risk, RiskFactory } from "./risks";
import { Value, describe, isRecord, valueAt } from "./values";

/** One statement of a RAM policy document, as the review compares it. */
interface Statement {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** A NotAction or NotResource: everything except what it lists. */
  readonly negated: boolean;
  readonly condition: boolean;
  readonly principals: readonly string[];
}

/** What a change to permissions does: grants added, and grants taken away (shown, never flagged). */
export interface PermissionChange {
  /** What more is granted, in words; empty when nothing is. */
  readonly widens: readonly string[];
  /** What is no longer granted, in words. */
  readonly narrows: readonly string[];
}

/** Attributes holding a RAM policy document (what is granted) or a trust policy (who may assume a role), by type. */
const DOCUMENTS: Readonly<Record<string, { readonly attributes: readonly string[]; readonly trust: boolean }>> = {
  alicloud_ram_policy: { attributes: ["policy_document", "document"], trust: false },
  alicloud_ram_role: { attributes: ["assume_role_policy_document", "document"], trust: true },
};

/** Attachments grant a policy to someone, by type: which attribute names whom. */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  alicloud_ram_role_policy_attachment: "role_name",
  alicloud_ram_user_policy_attachment: "user_name",
  alicloud_ram_group_policy_attachment: "group_name",
};

/** How many actions a row names before it says "and N more". */
const LISTED = 6;

/**
 * RAM changes that let someone do more: a policy granting new actions or the
 * same on more resources (wildcards, `Resource: "*"`), a Deny or a Condition
 * removed, a policy attached to someone, a new role, user or access key, a
 * role trusting new principals. The deployer's permissions (a stack that
 * holds the state storage, or a policy or role named for the deployer) are
 * high wherever they are; others by stage. Narrowing is shown in the details,
 * never flagged.
 */
export function permissionRisks(stack: StackChanges, risk: RiskFactory): Risk[] {
  const types = typesOf(stack.resources);
  const bootstrap = stack.resources.some((r) => roleOf(r, types)?.role === "state");
  const risks: Risk[] = [];
  for (const r of stack.resources) {
    if (roleOf(r, types)?.role !== "permissions" || r.after === undefined || r.action === "no-op") continue;
    const widens = permissionChange(stack, r)?.widens ?? [];
    if (widens.length === 0) continue;
    const deployer = bootstrap || /deployer/i.test(`${r.address} ${namesOf(r.after).join(" ")}`);
    risks.push(risk(deployer ? "deployer-widened" : "permissions-widened", r.address, `${describeResource(r)} ${widens.join("; ")}`));
  }
  return risks;
}

/** What a change of a RAM resource grants more and less; undefined for a resource that grants nothing. */
export function permissionChange(stack: StackChanges, r: ResourceChange): PermissionChange | undefined {
  const document = DOCUMENTS[r.type];
  if (document) {
    const read = (side: Value | undefined) => {
      for (const attribute of document.attributes) {
        const text = valueAt(side, [attribute]);
        if (text !== undefined) return parseDocument(text);
      }
      return side === undefined ? [] : undefined;
    };
    const [before, after] = [read(r.before), read(r.after)];
    if (after === undefined) return { widens: ["is computed (known only after apply): check in a plan what it grants"], narrows: [] };
    if (before === undefined) return { widens: ["grants what a new document says; the old one could not be read"], narrows: [] };
    return document.trust ? trustChange(before, after, r.before === undefined) : grantChange(before, after);
  }
  const grantee = ATTACHMENTS[r.type];
  if (grantee) {
    const attached = (side: Value | undefined) => side === undefined ? undefined
      : `${nameOf(stack, valueAt(side, ["policy_name"]))} (${describe(valueAt(side, ["policy_type"]) ?? "Custom")}) to ${nameOf(stack, valueAt(side, [grantee]))}`;
    const [was, now] = [attached(r.before), attached(r.after)];
    return was === now ? { widens: [], narrows: [] } : { widens: [`attaches ${now}`], narrows: was ? [`detaches ${was}`] : [] };
  }
  if (r.action === "create") {
    const what: Record<string, string> = {
      alicloud_ram_user: "is a new RAM user",
      alicloud_ram_access_key: "is a new access key: a long-lived credential",
    };
    return what[r.type] ? { widens: [what[r.type]], narrows: [] } : undefined;
  }
  return undefined;
}

/** Grants (action on resource) the new document allows that the old did not, and the reverse. */
function grantChange(before: readonly Statement[], after: readonly Statement[]): PermissionChange {
  const allows = (statements: readonly Statement[]) => statements.filter((s) => s.effect === "Allow");
  const widens: string[] = [];
  const newActions: string[] = [];
  const widerResources: string[] = [];
  for (const s of allows(after)) {
    if (s.negated) widens.push(`allows everything except ${s.actions.concat(s.resources).join(", ")} (NotAction/NotResource)`);
    for (const action of s.actions) {
      const same = allows(before).filter((b) => b.actions.some((p) => covers(p, action)) && (s.condition || !b.condition));
      if (same.length === 0) newActions.push(action);
      else if (s.resources.some((res) => !same.some((b) => b.resources.some((p) => covers(p, res))))) widerResources.push(action);
    }
  }
  const wildcards = unique(newActions.filter((a) => a.includes("*")));
  if (wildcards.includes("*")) widens.push(`grants every action of every service (Action "*"): an administrator`);
  const ram = wildcards.filter((a) => /^ram:\*?$|^ram:\*/i.test(a));
  if (ram.length > 0) widens.push(`grants ${ram.join(", ")}: it can change permissions, its own included`);
  const services = wildcards.filter((a) => a !== "*" && !ram.includes(a) && /^[a-z0-9-]+:\*$/i.test(a));
  if (services.length > 0) widens.push(`grants every action of ${services.join(", ")} (service-wide wildcards)`);
  const rest = unique(newActions.filter((a) => a !== "*" && !ram.includes(a) && !services.includes(a)));
  if (rest.length > 0) widens.push(`grants new actions: ${list(rest)}`);
  const anywhere = unique(widerResources);
  if (anywhere.length > 0) widens.push(`grants ${list(anywhere)} on more resources${after.some((s) => s.resources.includes("*")) ? ' (Resource "*")' : ""}`);
  for (const d of before.filter((s) => s.effect === "Deny")) {
    if (!after.some((a) => a.effect === "Deny" && d.actions.every((x) => a.actions.includes(x)))) widens.push(`no longer denies ${list(d.actions)}`);
  }
  const narrowed = unique(allows(before).flatMap((s) => s.actions).filter((a) => !allows(after).some((s) => s.actions.some((p) => covers(p, a)))));
  return { widens, narrows: narrowed.length > 0 ? [`no longer grants ${list(narrowed)}`] : [] };
}

/** Principals that may assume the role now and could not before, conditions dropped. */
function trustChange(before: readonly Statement[], after: readonly Statement[], created: boolean): PermissionChange {
  const trusted = (statements: readonly Statement[]) => unique(statements.filter((s) => s.effect === "Allow").flatMap((s) => s.principals));
  const [was, now] = [trusted(before), trusted(after)];
  const added = now.filter((p) => !was.includes(p));
  const widens: string[] = [];
  if (added.length > 0) {
    const anyone = added.includes("*") ? ": anyone" : "";
    widens.push(`${created ? "is a new role, assumable by" : "may now be assumed by"} ${added.join(", ")}${anyone}`);
  }
  if (before.some((s) => s.condition) && !after.some((s) => s.condition)) widens.push("no longer limits who assumes it by a condition");
  const removed = was.filter((p) => !now.includes(p));
  return { widens, narrows: removed.length > 0 ? [`may no longer be assumed by ${removed.join(", ")}`] : [] };
}

/** A policy document (JSON text, or already decoded) as statements; undefined when it cannot be read (computed). */
function parseDocument(value: Value): Statement[] | undefined {
  let document: unknown = value;
  if (typeof value === "string") {
    if (value.includes("${")) return undefined;
    try {
      document = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(document)) return undefined;
  const statements = document.Statement ?? document.statement;
  return (Array.isArray(statements) ? statements : [statements]).filter(isRecord).map((s) => {
    const principal = s.Principal;
    return {
      effect: s.Effect === "Deny" ? "Deny" : "Allow",
      actions: strings(s.Action ?? s.NotAction),
      resources: s.Resource === undefined && s.NotResource === undefined ? ["*"] : strings(s.Resource ?? s.NotResource),
      negated: s.NotAction !== undefined || s.NotResource !== undefined,
      condition: s.Condition !== undefined,
      principals: principal === "*" ? ["*"] : isRecord(principal) ? Object.values(principal).flatMap(strings) : [],
    };
  });
}

/** Whether a RAM pattern (`ecs:*`, `sae:*Application*`) covers an action or pattern; case-insensitive as RAM is. */
function covers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return regex.test(action);
}

/** A name an attachment gives: a reference to a resource of the stack (`${alicloud_ram_role.app.name}`) reads as what that resource sets. */
function nameOf(stack: StackChanges, name: Value | undefined): string {
  const reference = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(describe(name));
  if (!reference) return describe(name);
  const target = stack.resources.find((r) => r.address === reference[1]);
  const named = valueAt(target?.after ?? target?.before, [reference[2]]);
  return typeof named === "string" ? named : reference[1];
}

function describeResource(r: ResourceChange): string {
  const name = ATTACHMENTS[r.type] ? undefined : namesOf(r.after)[0];
  return name ? `${r.address} (${name})` : r.address;
}

function namesOf(values: Value | undefined): string[] {
  return ["policy_name", "role_name", "name", "user_name"].map((k) => valueAt(values, [k])).filter((v): v is string => typeof v === "string" && !v.includes("${"));
}

function strings(value: Value | undefined): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function list(items: readonly string[]): string {
  return items.length <= LISTED ? items.join(", ") : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
