/**
 * What the deployer's policy may never grant without a team opting in by name:
 * every action (`*`, or any product), every action of a product (`oss:*`), or,
 * on a resource with a wildcard, a RAM action that lets a principal change its
 * own or another's permissions. The deployer holds the policy: with any of
 * these it could rewrite that policy into an administrator's, or hand its
 * power to someone else.
 */

/** A grant outside least privilege that a team accepts knowingly; plan-review shows it. */
export interface DeployerExemption {
  /** The RAM action exactly as the policy grants it, e.g. `ram:AttachPolicyToRole`. */
  readonly action: string;
  /** Why the deployer needs it: a sentence a reviewer can judge, shown by plan-review. */
  readonly reason: string;
}

/**
 * RAM actions (product codes `ram`, `ims` for RAM's newer identity API, and
 * `sts`) that change whose permissions are what: policy versions, attaching
 * and detaching policies, group membership, access keys and console logins,
 * a role's trust policy, handing a role to a service, and assuming roles.
 */
export const PERMISSION_CHANGING_ACTIONS: readonly string[] = [
  "ram:CreatePolicyVersion", "ram:SetDefaultPolicyVersion",
  "ram:AttachPolicyToUser", "ram:AttachPolicyToGroup", "ram:AttachPolicyToRole",
  "ram:DetachPolicyFromUser", "ram:DetachPolicyFromGroup", "ram:DetachPolicyFromRole",
  "ram:AddUserToGroup", "ram:RemoveUserFromGroup",
  "ram:CreateAccessKey", "ram:UpdateAccessKey", "ram:CreateLoginProfile", "ram:UpdateLoginProfile",
  "ram:UpdateRole", "ram:PassRole",
  "ims:CreateAccessKey", "ims:UpdateAccessKey", "ims:CreateLoginProfile", "ims:UpdateLoginProfile",
  "ims:AddUserToGroup", "ims:RemoveUserFromGroup",
  "sts:AssumeRole",
];

/** The exemptions of the deployers that deploy each environment (an environment's own RAM policies are judged by them). */
const exemptionsOf = new WeakMap<object, DeployerExemption[]>();

/** Records that a deployer with `exemptions` deploys `environments`. */
export function recordDeployerExemptions(environments: readonly object[], exemptions: readonly DeployerExemption[]): void {
  for (const environment of environments) exemptionsOf.set(environment, [...(exemptionsOf.get(environment) ?? []), ...exemptions]);
}

/** The exemptions of every deployer that deploys `environment`. */
export function deployerExemptionsOf(environment: object): readonly DeployerExemption[] {
  return exemptionsOf.get(environment) ?? [];
}

/** Why a granted action is outside least privilege. */
export interface WideGrant {
  /** The action as granted. */
  readonly action: string;
  /** What it grants, for the message. */
  readonly why: string;
}

/** A statement of a policy document as written: fields may be strings or lists. */
interface StatementLike {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
}

/**
 * Every grant of `document` (a RAM policy document, parsed) that is outside
 * least privilege, each action once, in the order granted. `Deny` statements
 * take nothing away here: only what is allowed is judged.
 */
export function wideGrants(document: unknown): WideGrant[] {
  const found = new Map<string, WideGrant>();
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  for (const statement of listOf(statements) as StatementLike[]) {
    if (statement === null || typeof statement !== "object" || statement.Effect === "Deny") continue;
    if (statement.NotAction !== undefined) {
      for (const action of listOf(statement.NotAction).map(String)) {
        found.set(`NotAction ${action}`, { action: `NotAction ${action}`, why: "every action but the ones named (NotAction)" });
      }
    }
    const broad = statement.NotResource !== undefined || listOf(statement.Resource).some((r) => String(r).includes("*"));
    for (const action of listOf(statement.Action).map(String)) {
      const why = whyWide(action, broad);
      if (why !== undefined && !found.has(action)) found.set(action, { action, why });
    }
  }
  return [...found.values()];
}

/** Why `action` (on a resource with a wildcard when `broad`) is outside least privilege, or undefined. */
export function whyWide(action: string, broad: boolean): string | undefined {
  const [product, api] = action.includes(":") ? [action.slice(0, action.indexOf(":")), action.slice(action.indexOf(":") + 1)] : [action, ""];
  if (action === "*" || product.includes("*")) return "every action of every product";
  if (api === "*") return `every action of ${product}`;
  if (!broad) return undefined;
  const pattern = new RegExp(`^${action.split("*").map(escapeRegExp).join(".*")}$`, "i");
  const matched = PERMISSION_CHANGING_ACTIONS.filter((a) => pattern.test(a));
  if (matched.length === 0) return undefined;
  return `a way to change its own or another principal's permissions (${matched.join(", ")}) on every resource`;
}

/** Whether `exemptions` name `action` (RAM actions are case-insensitive). */
export function isExempt(action: string, exemptions: readonly DeployerExemption[]): boolean {
  return exemptions.some((e) => typeof e?.action === "string" && e.action.toLowerCase() === action.toLowerCase());
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
