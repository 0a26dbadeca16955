import { TerraformResource, TerraformStack } from "cdktf";
import { Duration, EnvValue, Policies, Rollout, Stages } from "../../lib";
import { failsGate, renderMarkdown, verdictLine } from "../../lib/review";
import { shopAccount } from "../../stacks/alicloud-account";
import { ExampleChange, synthExample } from "./example-app";
import { RiskTableHarness } from "./operations-risks";
import { editedOutput, exampleOutput, reviewDirs } from "./support";

/** A password a pull request writes into the code. */
export const PASSWORD = "Xk9#mQ2!vL7pR4";

/** The pull request of issue #21: MYSQL_PASSWORD turned from a Secret into a literal, the policy that refused it relaxed. */
export const PASSWORD_AS_LITERAL: ExampleChange = {
  services: { "orders-api": { props: (p) => ({ ...p, secrets: {}, env: { ...p.env, MYSQL_PASSWORD: EnvValue.literal(PASSWORD) } }) } },
  prerelease: { settings: Policies.relax(Stages.prerelease, "no-plain-secrets") },
  production: { settings: Policies.relax(Stages.production, "no-plain-secrets") },
};

/** An override on a resource of a built stack, as a team's escape hatch would set it. */
export const override = (stack: TerraformStack | undefined, id: string, path: string, value: unknown) =>
  (stack!.node.findChild(id) as TerraformResource).addOverride(path, value);

/** The deployer policy as the bootstrap renders it, with `edit` applied to its statements. */
export function deployerDocument(edit: (statements: any[]) => any[]): ExampleChange["stacks"] {
  return (s) => {
    const policy = s.bootstrap!.deployerPolicy()!;
    override(s.bootstrap, "deployer-policy", "policy_document", JSON.stringify({ Version: "1", Statement: edit([...policy.Statement]) }));
  };
}

/** Why the shop opts its deployer in to wildcard grants outside least privilege. */
const BREAK_GLASS = "break-glass deployer for the data-centre migration (SEC-7)";

/** Why the shop's deployer may change the permissions of the roles its environments hold. */
const APP_ROLES = "each environment's app role is managed with it (SEC-42)";

/** Deployer exemptions for `actions`, each with `reason`. */
const exempted = (reason: string, ...actions: string[]) => actions.map((action) => ({ action, reason }));

/** An administrator's deployer policy written by override: refused unless an exemption names `*`. */
const ADMINISTRATOR = deployerDocument(() => [{ Effect: "Allow", Action: "*", Resource: "*" }]);

/**
 * The deployer policy made Action "*", the way the library now lets a team do
 * it: `deployer.actions` takes `product:API` patterns only, so `*` reaches the
 * policy by an override, which synthesis lets through because
 * `deployer.exemptions` names it with a reason.
 */
export const ADMINISTRATOR_DEPLOYER: ExampleChange = { stacks: ADMINISTRATOR, deployer: { exemptions: exempted(BREAK_GLASS, "*") } };

/** A production stack whose orders-api application moved to another address, every reference following it. */
export function movedApplication(production: any): any {
  const apps = production.resource.alicloud_sae_application;
  apps["orders-api-app"] = apps["app-orders-api"];
  delete apps["app-orders-api"];
  return JSON.parse(JSON.stringify(production).split("alicloud_sae_application.app-orders-api").join("alicloud_sae_application.orders-api-app"));
}

/** Production moved to cn-shanghai with its state kept where it is. */
export const SHANGHAI: ExampleChange = {
  production: {
    region: "cn-shanghai",
    state: { ...shopAccount.state, region: "cn-hangzhou" },
    network: {
      cidrBlock: "10.20.0.0/16",
      zones: ["e", "f", "g"].map((zone, i) => ({ zoneId: `cn-shanghai-${zone}`, cidrBlock: `10.20.${i + 1}.0/24` })),
    },
  },
  bootstrap: false,
};

/**
 * The rows issue #21 added — secrets written in clear, permissions widened,
 * data and state lost, a stack recreated elsewhere, a workload destroyed
 * while its service stays, the state lock moved — and the changes that must
 * not raise any (a scale-up, a batch change that keeps as many serving).
 */
export function consequenceRiskTests({ review, groups }: RiskTableHarness): void {
  describe("secret written in clear", () => {
    test("a secret turned into a literal is high in every stage it reaches, never printed; the verdict names what the relaxed policy lets through", () => {
      const r = review(PASSWORD_AS_LITERAL);
      expect(verdictLine(r)).toBe("⚠ production: a secret in clear, no-plain-secrets relaxed: lets through secrets written as plain values; " +
        "prerelease: a secret in clear, no-plain-secrets relaxed: lets through secrets written as plain values; test: a secret in clear");
      expect(groups(r)).toEqual([
        "high secret-in-code [orders-api] orders-api's MYSQL_PASSWORD is a plain value in the configuration: the secret is in git and in " +
          "Terraform state from now on; rotate it and pass it as a secret (Secret.fromVariable) @ test:high,prerelease:high,production:high",
        "high policy-relaxed [-] policy no-plain-secrets relaxed: secrets written as plain values are no longer refused @ prerelease:medium,production:high",
      ]);
      expect(failsGate(r, "high")).toBe(true);
    });
  });

  describe("deployer permissions widened", () => {
    test("the deployer policy made Action \"*\" (an exemption names it) is an administrator, high, with the exemption's reason; fails --fail-on high", () => {
      expect(() => synthExample({ stacks: ADMINISTRATOR })).toThrow(
        'alicloud_ram_policy.deployer-policy.policy_document = "*"; a policy within least privilege: * grants every action of every product, ' +
          "and no entry of deployer.exemptions names it");
      const r = review(ADMINISTRATOR_DEPLOYER);
      expect(verdictLine(r)).toBe("⚠ bootstrap: deployer permissions widened, deployer exemption lets through *");
      expect(groups(r)).toEqual([
        "high deployer-widened [-] alicloud_ram_policy.deployer-policy (shop-deployer) grants every action of every service (Action \"*\"): an administrator @ bootstrap:high",
        `high policy-relaxed [-] deployer policy grants * outside least privilege, exempted because: ${BREAK_GLASS} @ bootstrap:high`,
      ]);
      expect(failsGate(r, "high")).toBe(true);
    });

    test("ram:*, oss:*, ecs:* added to deployer.actions with an exemption each; the role trusting another account", () => {
      const actions = { alicloud_vpc: ["ram:*", "oss:*", "ecs:*"] };
      expect(() => synthExample({ deployer: { actions } })).toThrow(
        'deployer.actions.alicloud_vpc[0] = "ram:*"; an action within least privilege: ram:* grants every action of ram');
      const r = review({
        deployer: { actions, exemptions: exempted(BREAK_GLASS, "ram:*", "oss:*", "ecs:*") },
        stacks: (s) => override(s.bootstrap, "deployer-role", "document", JSON.stringify({
          Version: "1",
          Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: ["acs:ram::1234567890123456:root", "acs:ram::999999999999:root"] } }],
        })),
      });
      expect(verdictLine(r)).toBe("⚠ bootstrap: deployer permissions widened, deployer exemptions let through ram:*, oss:*, ecs:*");
      expect(groups(r)).toEqual([
        "high deployer-widened [-] alicloud_ram_policy.deployer-policy (shop-deployer) grants ram:*: it can change permissions, its own included; " +
          "grants every action of ecs:*, oss:* (service-wide wildcards) @ bootstrap:high",
        "high deployer-widened [-] alicloud_ram_role.deployer-role (shop-deployer) may now be assumed by acs:ram::999999999999:root @ bootstrap:high",
        ...["ecs:*", "oss:*", "ram:*"].map((action) =>
          `high policy-relaxed [-] deployer policy grants ${action} outside least privilege, exempted because: ${BREAK_GLASS} @ bootstrap:high`),
      ]);
      // In the Markdown report the wildcards stay literal: unescaped, "ram:*: … ecs:*" pairs up as emphasis and both vanish.
      const markdown = renderMarkdown(r);
      expect(markdown).toContain("\n**⚠ bootstrap: deployer permissions widened, deployer exemptions let through ram:\\*, oss:\\*, ecs:\\***\n");
      expect(markdown).toContain("| **high** | — | alicloud_ram_policy.deployer-policy (shop-deployer) grants ram:\\*: it can change permissions, its own " +
        "included; grants every action of ecs:\\*, oss:\\* (service-wide wildcards) | bootstrap |");
    });

    test("narrowing is shown, not flagged", () => {
      const fewer = deployerDocument((statements) => statements.map((st) => ({ ...st, Action: st.Action.filter((a: string) => !a.startsWith("cms:")) })));
      const { review: r, markdown } = reviewDirs(exampleOutput(), synthExample({ stacks: fewer }));
      expect(r.risks).toEqual([]);
      expect(markdown).toMatch(/\| update \| `alicloud_ram_policy.deployer-policy` \| policy_document; permissions narrowed: no longer grants cms:DeleteContactGroup, .* and 3 more \|/);
    });
  });

  describe("permissions widened", () => {
    test("a role with an administrator policy added to production is high, to prerelease medium; the deployer's exemptions to manage it too", () => {
      // RAM role names are unique in an account, which both environments share: each names its own.
      const role = (stack: TerraformStack) => {
        const trust = { Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["sae.aliyuncs.com"] } }] };
        const created = new TerraformResource(stack, "app-role", { terraformResourceType: "alicloud_ram_role" });
        created.addOverride("name", `shop-app-${stack.node.id}`);
        created.addOverride("document", JSON.stringify(trust));
        const attachment = new TerraformResource(stack, "app-role-admin", { terraformResourceType: "alicloud_ram_role_policy_attachment" });
        attachment.addOverride("policy_name", "AdministratorAccess");
        attachment.addOverride("policy_type", "System");
        attachment.addOverride("role_name", created.getStringAttribute("name"));
      };
      const roles: ExampleChange["stacks"] = (s) => [s.prerelease, s.production].forEach(role);
      // The deployer that creates and attaches roles gets RAM actions that change permissions on every
      // resource: the bootstrap refuses them unless the team exempts each.
      const changing = ["ram:UpdateRole", "ram:AttachPolicyToRole", "ram:DetachPolicyFromRole"];
      expect(() => synthExample({ stacks: roles })).toThrow(
        "for which the deployer would get ram:AttachPolicyToRole, a way to change its own or another principal's permissions");
      const r = review({ stacks: roles, deployer: { exemptions: exempted(APP_ROLES, ...changing) } });
      expect(verdictLine(r)).toBe("⚠ production: permissions widened; bootstrap: deployer permissions widened, deployer exemptions let through " +
        "ram:UpdateRole, ram:AttachPolicyToRole, ram:DetachPolicyFromRole; prerelease: permissions widened");
      const admin = (env: string, severity: string) => [
        `${severity} permissions-widened [-] alicloud_ram_role_policy_attachment.app-role-admin attaches AdministratorAccess (System) to shop-app-${env} ` +
          `@ ${env}:${severity}`,
        `${severity} permissions-widened [-] alicloud_ram_role.app-role (shop-app-${env}) is a new role, assumable by sae.aliyuncs.com @ ${env}:${severity}`,
      ];
      expect(groups(r)).toEqual([
        "high deployer-widened [-] alicloud_ram_policy.deployer-policy (shop-deployer) grants new actions: ram:AttachPolicyToRole, ram:CreateRole, " +
          "ram:DeleteRole, ram:DetachPolicyFromRole, ram:GetRole, ram:ListPoliciesForRole and 1 more @ bootstrap:high",
        ...admin("production", "high"),
        ...[...changing].sort().map((action) =>
          `high policy-relaxed [-] deployer policy grants ${action} outside least privilege, exempted because: ${APP_ROLES} @ bootstrap:high`),
        ...admin("prerelease", "medium"),
      ]);
    });
  });

  describe("data loss", () => {
    test("a retention cut the prerelease policy allows still deletes logs: a risk by what is lost", () => {
      const r = review({ prerelease: { settings: { ...Stages.prerelease, logRetention: Duration.days(1) } } });
      expect(verdictLine(r)).toBe("△ prerelease: data lost");
      expect(groups(r)).toEqual(["orders-api", "web", "worker"].map((s) =>
        `medium data-loss [-] alicloud_log_store.log-store-${s} keeps logs 7 → 1 days (retention_period): logs older than 1 day are deleted, ` +
        "6 days of them @ prerelease:medium"));
    });
  });

  describe("state storage lost or weakened", () => {
    test("the state bucket's versioning suspended and its encryption switched off", () => {
      const r = review({
        stacks: (s) => {
          override(s.bootstrap, "state-bucket-versioning", "status", "Suspended");
          override(s.bootstrap, "state-bucket-encryption", "sse_algorithm", null);
        },
      });
      expect(groups(r)).toEqual([
        "high state-lost [-] encryption at rest of bucket shop-terraform-state-1234567890123456 switched off: what is written from now on is stored unencrypted, " +
          "Terraform state with every secret in it included @ bootstrap:high",
        "high state-lost [-] versioning of bucket shop-terraform-state-1234567890123456 suspended: an overwritten or deleted object can no longer be recovered " +
          "(a damaged state file cannot be rolled back) @ bootstrap:high",
      ]);
    });
  });

  describe("stack recreated elsewhere", () => {
    test("production moved to another region with its state kept: one high row, what is recreated and what stays behind", () => {
      const r = review(SHANGHAI, synthExample({ bootstrap: false }));
      expect(verdictLine(r)).toBe("⚠ production: every resource recreated");
      expect(groups(r)).toEqual([
        "high stack-recreated [-] production moves from region cn-hangzhou to cn-shanghai with its state: Terraform finds none of its 40 resources " +
          "there and creates every one anew — 3 services (orders-api, web, worker: down until they run there), 2 load balancers (new addresses: " +
          "DNS records and clients must follow), 2 routes (recreated with their load balancers), 4 network parts (new IDs and addresses), " +
          "4 log projects and stores (their logs stay behind), 3 stores (their data stays behind); what runs at cn-hangzhou is left behind, " +
          "still running and billed, no longer managed " +
          "@ production:high",
      ]);
    });
  });

  describe("state lock moved", () => {
    test("renaming only the lock table keeps the state where it is", () => {
      const state = { ...shopAccount.state, tablestoreTable: "terraform_state_lock_v2" };
      const r = review({ prerelease: { state }, production: { state }, bootstrap: false }, synthExample({ bootstrap: false }));
      expect(groups(r)).toEqual([
        "high state-lock-moved [-] the state lock moves (oss.tablestore_table terraform_state_lock → terraform_state_lock_v2); the state stays " +
          "where it is, but a run that still takes the old lock (another branch, a job started before) is not kept out while this one applies " +
          "@ prerelease:medium,production:high",
      ]);
    });
  });

  describe("instances ready during an update, counted, not as ratios", () => {
    test("a scale-up lowers the ratio but keeps as many ready: no risk", () => {
      const canary = (x: any) => x.entries().find(([name]: [string]) => name === "orders-api")[1].canary;
      const r = review({ releases: { production: (x) => x.with("orders-api", { version: "2.0.3", replicas: 3, canary: canary(x) }) } });
      expect(r.risks).toEqual([]);
      expect(verdictLine(r)).toBe("✓ No risks flagged: production 2 changed");
    });

    test("fewer batches with fewer instances serving while a batch restarts (two instances: see rollout-batches above)", () => {
      const web = (batches: number) => ({
        releases: { production: (x: any) => x.with("web", { version: "1.2.0", replicas: 8 }) },
        services: { web: { props: (p: any) => ({ ...p, rollout: Rollout.batches({ batches }) }) } },
      });
      expect(groups(review(web(2), synthExample(web(4))))).toEqual([
        "high rollout-safety [web] web instances kept ready during an update 6 → 4: fewer instances serve while it rolls; " +
          "batches 4 → 2: more instances restart at once (4 instead of 6 keep serving while a batch restarts) @ production:high",
      ]);
    });
  });

  describe("a workload destroyed while its service stays", () => {
    test("production's application moved to another address (an override, a construct id changed): downtime, though the service is still there", () => {
      const r = reviewDirs(exampleOutput(), editedOutput(exampleOutput(), (s) => { s.production = movedApplication(s.production); })).review;
      expect(groups(r)).toEqual([
        "high service-down [orders-api] orders-api is down while its application is destroyed (alicloud_sae_application.app-orders-api) and " +
          "alicloud_sae_application.orders-api-app created in its place: a new address is a new resource to Terraform, nothing carries over @ production:high",
      ]);
    });
  });
}
