/**
 * RAM a team adds to an environment stays least privilege: every policy
 * document and attachment in the environment's final configuration is judged
 * as the deployer's is — no `*`, no service-wide wildcard, no self-escalating
 * RAM action on `*`, no attachment of a policy no check has seen
 * (AdministratorAccess, …) — unless the deployer that deploys the environment
 * exempts the action by name. Each row is a real synth; nothing of a refused
 * App is written.
 */
import { App, Aspects, TerraformResource } from "cdktf";
import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import { RamRole } from "../../.gen/providers/alicloud/ram-role";
import { RamRolePolicyAttachment } from "../../.gen/providers/alicloud/ram-role-policy-attachment";
import { AlicloudEnvironment } from "../../lib";
import { readOutput, tempApp } from "../support/synth";
import { HostileRow, alicloud, bootstrap, expectRow, synthCapturing, web } from "./hostile";

/** A policy document allowing `actions` on `resource`. */
function allow(actions: string[], resource = "*"): string {
  return JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: actions, Resource: [resource] }] });
}

/** Prerelease with an application role SAE assumes, holding the custom policy `document`. */
function withAppRole(app: App, document: string, attach = true): AlicloudEnvironment {
  const env = alicloud(app, "prerelease", web());
  const policy = new RamPolicy(env, "app-policy", { policyName: "shop-app", policyDocument: document });
  const role = new RamRole(env, "app-role", { name: "shop-app", document: JSON.stringify({
    Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["sae.aliyuncs.com"] } }] }) });
  if (attach) new RamRolePolicyAttachment(env, "app-role-policy", { roleName: role.name, policyName: policy.policyName, policyType: "Custom" });
  return env;
}

/** Prerelease with a RAM policy of its own holding `document` (which the deployer manages with policy versions). */
function withPolicy(app: App, document: string): AlicloudEnvironment {
  const env = alicloud(app, "prerelease", web());
  new RamPolicy(env, "app-policy", { policyName: "shop-app", policyDocument: document });
  return env;
}

/** The deployer's exemptions an environment with RAM policies of its own needs, besides `more`. */
const POLICY_VERSIONS = [
  { action: "ram:CreatePolicyVersion", reason: "the app's own policy is managed with the environment (SEC-42)" },
  { action: "ram:SetDefaultPolicyVersion", reason: "the app's own policy is managed with the environment (SEC-42)" },
];

const least = "a policy within least privilege";
const seen = "a custom policy of this stack, whose document is checked here";

const rows: HostileRow[] = [
  { name: "an environment's policy that grants every action",
    build: (app) => withAppRole(app, allow(["*"])),
    errors: [["prerelease", "alicloud_ram_policy.app-policy.policy_document", '"*"', least]] },
  { name: "an environment's policy that grants every OSS action",
    build: (app) => withAppRole(app, allow(["oss:*"], "acs:oss:*:*:shop-assets/*")),
    errors: [["prerelease", "alicloud_ram_policy.app-policy.policy_document", '"oss:*"', "every action of oss"]] },
  { name: "an environment's policy that lets the role attach policies to itself",
    build: (app) => withAppRole(app, allow(["ram:AttachPolicyToRole"])),
    errors: [["prerelease", "alicloud_ram_policy.app-policy.policy_document", '"ram:AttachPolicyToRole"', "change its own or another principal's permissions"]] },
  { name: "an environment's role given AdministratorAccess",
    build: (app) => {
      const env = withAppRole(app, allow(["oss:GetObject"], "acs:oss:*:*:shop-assets/*"), false);
      new RamRolePolicyAttachment(env, "admin", { roleName: "shop-app", policyName: "AdministratorAccess", policyType: "System" });
    },
    errors: [["prerelease", "alicloud_ram_role_policy_attachment.admin.policy_name", '"AdministratorAccess"', seen]] },
  { name: "an override that attaches a system policy to a user",
    build: (app) => withAppRole(app, allow(["oss:GetObject"], "acs:oss:*:*:shop-assets/*")).addOverride(
      "resource.alicloud_ram_user_policy_attachment.ops", { user_name: "ops", policy_name: "AliyunRAMFullAccess", policy_type: "System" }),
    errors: [["prerelease", "alicloud_ram_user_policy_attachment.ops.policy_name", '"AliyunRAMFullAccess"', seen]] },
  { name: "an override that attaches AdministratorAccess to a group",
    build: (app) => alicloud(app, "prerelease").addOverride(
      "resource.alicloud_ram_group_policy_attachment.admins", { group_name: "ops", policy_name: "AdministratorAccess", policy_type: "System" }),
    errors: [["prerelease", "alicloud_ram_group_policy_attachment.admins.policy_name", '"AdministratorAccess"', seen]] },
  { name: "an Aspect that widens the environment's policy to every RAM action",
    build: (app) => Aspects.of(withAppRole(app, allow(["oss:GetObject"], "acs:oss:*:*:shop-assets/*"))).add({ visit: (node) => {
      if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === "alicloud_ram_policy") {
        node.addOverride("policy_document", allow(["ram:*"]));
      }
    } }),
    errors: [["prerelease", "alicloud_ram_policy.app-policy.policy_document", '"ram:*"', "every action of ram"]] },
  { name: "AdministratorAccess on an environment's role, the deployer exempting ram:AttachPolicyToRole by name (accepted, and shown by review)",
    build: (app) => {
      const env = withAppRole(app, allow(["oss:GetObject"], "acs:oss:*:*:shop-assets/*"), false);
      new RamRolePolicyAttachment(env, "admin", { roleName: "shop-app", policyName: "AdministratorAccess", policyType: "System" });
      const reason = "the app role is managed with the environment (SEC-91)";
      bootstrap(app, [env], { exemptions: [...POLICY_VERSIONS,
        ...["ram:UpdateRole", "ram:AttachPolicyToRole", "ram:DetachPolicyFromRole"].map((action) => ({ action, reason }))] });
    } },
  { name: "the same with the deployer exempting attachments to users only",
    build: (app) => {
      const env = withAppRole(app, allow(["oss:GetObject"], "acs:oss:*:*:shop-assets/*"), false);
      new RamRolePolicyAttachment(env, "admin", { roleName: "shop-app", policyName: "AdministratorAccess", policyType: "System" });
      const reason = "the app role is managed with the environment (SEC-91)";
      bootstrap(app, [env], { exemptions: [...POLICY_VERSIONS,
        ...["ram:UpdateRole", "ram:AttachPolicyToUser"].map((action) => ({ action, reason }))] });
    },
    errors: [
      ["bootstrap", "deployer.environments[0]", '"prerelease"', "for which the deployer would get ram:AttachPolicyToRole"],
      ["bootstrap", "deployer.environments[0]", '"prerelease"', "for which the deployer would get ram:DetachPolicyFromRole"],
      ["prerelease", "alicloud_ram_role_policy_attachment.admin.policy_name", '"AdministratorAccess"', "unless the deployer that deploys it exempts ram:AttachPolicyToRole by name"],
    ] },
  { name: "a narrow policy on a role SAE assumes (harmless)",
    build: (app) => withAppRole(app, allow(["oss:GetObject"], "acs:oss:*:*:shop-assets/*")) },
  { name: "a service-wide grant the deployer exempts by name with a reason (harmless)",
    build: (app) => bootstrap(app, [withPolicy(app, allow(["oss:*"], "acs:oss:*:*:shop-assets/*"))], { exemptions: [
      ...POLICY_VERSIONS, { action: "oss:*", reason: "the app manages its own asset bucket (SEC-77)" }] }) },
  { name: "the same grant, with the deployer's exemptions for another action only",
    build: (app) => bootstrap(app, [withPolicy(app, allow(["oss:*"], "acs:oss:*:*:shop-assets/*"))], { exemptions: POLICY_VERSIONS }),
    errors: [["prerelease", "alicloud_ram_policy.app-policy.policy_document", '"oss:*"', "no entry of deployer.exemptions names it"]] },
];

describe("RAM an environment adds", () => {
  test.each(rows)("$name", (row) => {
    const app = tempApp();
    expectRow(app, row);
    if (row.errors) expect(readOutput(app.outdir).stacks).toEqual({});
  });

  test("an exemption only an environment's policy uses is not called unused", () => {
    const app = tempApp();
    bootstrap(app, [withPolicy(app, allow(["oss:*"], "acs:oss:*:*:shop-assets/*"))], { exemptions: [
      ...POLICY_VERSIONS, { action: "oss:*", reason: "the app manages its own asset bucket (SEC-77)" }] });
    const { error, stderr } = synthCapturing(app);
    expect(error).toBeUndefined();
    expect(stderr).not.toContain("deployer.exemptions");
    expect(Object.keys(readOutput(app.outdir).stacks).sort()).toEqual(["bootstrap", "prerelease"]);
  });
});
