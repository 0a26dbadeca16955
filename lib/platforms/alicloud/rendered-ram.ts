import { Checker } from "../../validation/checker";
import { RenderedStack } from "../../validation/rendered-rules";
import { Violation } from "../../validation/violation";
import { DeployerExemption, isExempt, wideGrants } from "./least-privilege";

/** Who may assume a role: an account, a RAM user or a RAM role, never everyone. */
const PRINCIPAL = /^acs:ram::\d{1,20}:(root|user\/[A-Za-z0-9._@-]+|role\/[A-Za-z0-9._-]+)$/;

/** The attachment types that give a principal a policy, and the RAM action that attaches one. */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  alicloud_ram_role_policy_attachment: "ram:AttachPolicyToRole",
  alicloud_ram_user_policy_attachment: "ram:AttachPolicyToUser",
  alicloud_ram_group_policy_attachment: "ram:AttachPolicyToGroup",
};

/** How a stack's RAM resources are judged besides their documents. */
export interface RenderedRamOptions {
  /**
   * Whether every role must trust named RAM principals only (the deployer's role; an environment's
   * roles are assumed by cloud services).
   * @default true
   */
  readonly ramPrincipalsOnly?: boolean;
  /**
   * Whether an exemption of the attaching action (`ram:AttachPolicyToRole`, …) lets an attachment of
   * a policy this stack does not define through: the deploying team accepted, by name and with a
   * reason plan-review shows, that its deployer attaches policies (an environment's). The deployer's
   * own role never holds another policy.
   * @default false
   */
  readonly attachingExempted?: boolean;
  /**
   * Wide actions granted by the documents of other stacks the exemptions serve (the environments a
   * deployer deploys), lowercased; without them an exemption no document of this stack grants is
   * warned about as unused.
   * @default - unused exemptions are not this stack's to report
   */
  readonly grantedElsewhere?: readonly string[];
}

/** Each wide action (lowercased) the RAM policy documents of `stack` grant, as written. */
export function renderedWideGrants(stack: RenderedStack | undefined): string[] {
  return Object.values(stack?.resource?.alicloud_ram_policy ?? {}).flatMap((policy) => {
    try {
      const text = policy.policy_document ?? policy.document;
      return typeof text === "string" ? wideGrants(JSON.parse(text)).map((g) => g.action.toLowerCase()) : [];
    } catch {
      return [];
    }
  });
}

/**
 * The RAM resources of a stack as written, after every Aspect and override:
 * every policy document (and an output carrying one, which admins attach
 * elsewhere) grants nothing outside least privilege that `exemptions` do not
 * name; every role trusts only named RAM principals (with `ramPrincipalsOnly`);
 * every role, user or group attachment attaches a custom policy of this stack,
 * whose document was checked here.
 */
export function validateRenderedRam(
  path: string, stack: RenderedStack, exemptions: readonly DeployerExemption[], options: RenderedRamOptions = {},
): Violation[] {
  const c = new Checker("rendered");
  const granted: string[] = [];
  const checkDocument = (field: string, text: unknown) => {
    let document: unknown;
    try {
      document = typeof text === "string" ? JSON.parse(text) : undefined;
    } catch {
      document = undefined;
    }
    if (!c.expect(document !== undefined, path, field, typeof text === "string" ? "text that is not JSON" : text,
      "a RAM policy document as JSON text: only a document that can be read can be checked")) return;
    const grants = wideGrants(document);
    granted.push(...grants.map((g) => g.action.toLowerCase()));
    for (const grant of grants.filter((g) => !isExempt(g.action, exemptions))) {
      c.expect(false, path, field, grant.action, `a policy within least privilege: ${grant.action} grants ${grant.why}, ` +
        "and no entry of deployer.exemptions names it");
    }
  };
  const policies = Object.entries(stack.resource?.alicloud_ram_policy ?? {});
  const names = new Set<unknown>();
  for (const [id, policy] of policies) {
    checkDocument(`alicloud_ram_policy.${id}.policy_document`, policy.policy_document ?? policy.document);
    names.add(`\${alicloud_ram_policy.${id}.policy_name}`);
    names.add(`\${alicloud_ram_policy.${id}.name}`);
    names.add(policy.policy_name ?? policy.name);
  }
  for (const [id, output] of Object.entries(stack.output ?? {})) {
    if (id === "deployer_policy_document") checkDocument(`output.${id}.value`, output.value);
  }
  for (const [id, role] of options.ramPrincipalsOnly === false ? [] : Object.entries(stack.resource?.alicloud_ram_role ?? {})) {
    const field = `alicloud_ram_role.${id}.document`;
    let trust: unknown;
    try {
      trust = JSON.parse(String(role.document ?? role.assume_role_policy_document));
    } catch {
      trust = undefined;
    }
    const principals = listOf((trust as { Statement?: unknown } | undefined)?.Statement)
      .flatMap((s) => listOf((s as { Principal?: { RAM?: unknown } } | null)?.Principal?.RAM));
    const wrong = principals.find((p) => typeof p !== "string" || !PRINCIPAL.test(p));
    c.expect(trust !== undefined && principals.length > 0 && wrong === undefined, path, field, wrong ?? "no RAM principal",
      "a trust policy naming RAM principals (acs:ram::<account id>:root, :user/<name> or :role/<name>), never everyone");
  }
  for (const [type, attach] of Object.entries(ATTACHMENTS)) {
    const exempted = options.attachingExempted === true && isExempt(attach, exemptions);
    for (const [id, attachment] of Object.entries(stack.resource?.[type] ?? {})) {
      c.expect(exempted || (attachment.policy_type === "Custom" && names.has(attachment.policy_name)), path, `${type}.${id}.policy_name`,
        attachment.policy_name, "a custom policy of this stack, whose document is checked here: attaching any other (AdministratorAccess, …) " +
        `grants what no check has seen${options.attachingExempted ? ` (unless the deployer that deploys it exempts ${attach} by name)` : ""}`);
    }
  }
  if (options.grantedElsewhere === undefined) return c.violations;
  granted.push(...options.grantedElsewhere);
  // Judged on what is written: an override may be the very grant an exemption is for.
  const unused = new Checker("deployer", "warning");
  exemptions.forEach((exemption, i) => unused.expect(granted.includes(String(exemption.action).toLowerCase()),
    path, `deployer.exemptions[${i}].action`, exemption.action,
    "an action the deployer policy grants outside least privilege: no policy of the final configuration (of this stack or of " +
    "the environments it deploys) grants it, so remove the exemption"));
  return [...c.violations, ...unused.violations];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}
