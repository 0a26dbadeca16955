import { TerraformResource } from "cdktf";
import { RAM_ACTIONS_BY_TYPE, ValidationError } from "../../../lib";
import { unmappedTypes } from "../../../lib/platforms/alicloud/deployer-policy";
import { ALICLOUD_TYPES_TO_GENERATE } from "../../../scripts/generate-bindings";
import { loadAlicloudSchema } from "../../schema/provider-schema";
import { synthApp, tempApp } from "../../support/synth";
import { synthExampleApp } from "../../support/run-app";
import { expectOneError } from "../../validation/rejected";
import { bootstrap, environment, only } from "./bootstrap-support";

/** Every alicloud resource and data source type a synthesized stack declares. */
function alicloudTypesIn(json: any): string[] {
  return [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})].filter((t) => t.startsWith("alicloud_"));
}

/** The deployer policy document a synthesized bootstrap carries. */
const policyOf = (json: any) => JSON.parse(only(json, "alicloud_ram_policy").policy_document);

/** Adds a resource of `type`, which the library does not render, to `environment` by hand. */
function addByHand(scope: ReturnType<typeof environment>, type: string): void {
  new TerraformResource(scope, "by-hand", { terraformResourceType: type });
}

describe("the RAM actions mapping", () => {
  const out = synthExampleApp({ TF_VAR_orders_db_password: "not-used-at-synth" });
  const typesOf = (names: string[]) => [...new Set(names.flatMap((name) => alicloudTypesIn(out.stacks[name])))].sort();

  test("covers every alicloud type the example App's stacks synthesize, all of them", () => {
    const types = typesOf(Object.keys(out.stacks));
    expect(types.length).toBeGreaterThanOrEqual(20);
    expect(unmappedTypes(types, RAM_ACTIONS_BY_TYPE)).toEqual([]);
  });

  test("an unmapped type in a synthesized stack fails that check", () => {
    const production = { ...out.stacks.production, resource: { ...out.stacks.production.resource, alicloud_nas_file_system: { x: {} } } };
    expect(unmappedTypes(alicloudTypesIn(production), RAM_ACTIONS_BY_TYPE)).toEqual(["alicloud_nas_file_system"]);
  });

  test("covers every type the bindings are generated for, and maps only types the provider has", () => {
    const generated = [...ALICLOUD_TYPES_TO_GENERATE.resources, ...ALICLOUD_TYPES_TO_GENERATE.dataSources];
    expect(unmappedTypes(generated, RAM_ACTIONS_BY_TYPE)).toEqual([]);
    const schema = loadAlicloudSchema();
    const known = new Set([...Object.keys(schema.resource_schemas), ...Object.keys(schema.data_source_schemas)]);
    expect(Object.keys(RAM_ACTIONS_BY_TYPE).filter((t) => !known.has(t))).toEqual([]);
  });

  test("every action has RAM's form: a product code, ':', an API name (with '*' only as a wildcard)", () => {
    const malformed = Object.entries(RAM_ACTIONS_BY_TYPE)
      .flatMap(([type, actions]) => actions.filter((a) => !/^[a-z]+:[A-Z*][A-Za-z*]*$/.test(a)).map((a) => `${type}: ${a}`));
    expect(malformed).toEqual([]);
  });

  test("the example's deployer policy grants the actions of prerelease's and production's types, none of the bootstrap's own", () => {
    const [resources, ...state] = policyOf(out.stacks.bootstrap).Statement;
    const expected = [...new Set(typesOf(["prerelease", "production"]).flatMap((t) => RAM_ACTIONS_BY_TYPE[t]))].sort();
    expect(resources).toEqual({ Effect: "Allow", Action: expected, Resource: ["*"] });
    const bootstrapOnly = typesOf(["bootstrap"]).flatMap((t) => RAM_ACTIONS_BY_TYPE[t]).filter((a) => !expected.includes(a));
    expect(bootstrapOnly).toEqual(expect.arrayContaining(["oss:PutBucket", "ots:CreateTable", "ram:CreatePolicy"]));
    expect(resources.Action.filter((a: string) => bootstrapOnly.includes(a))).toEqual([]);
    expect(state.every((s: any) => !s.Resource.includes("*"))).toBe(true);
  });

  test("state access is scoped to the state bucket, each environment's prefix and the lock table", () => {
    const [, ...state] = policyOf(out.stacks.bootstrap).Statement;
    expect(state).toEqual([
      { Effect: "Allow", Action: ["oss:ListObjects"], Resource: ["acs:oss:*:*:shop-terraform-state-1234567890123456"] },
      {
        Effect: "Allow",
        Action: ["oss:GetObject", "oss:PutObject", "oss:PutObjectAcl", "oss:DeleteObject"],
        Resource: ["acs:oss:*:*:shop-terraform-state-1234567890123456/prerelease/*", "acs:oss:*:*:shop-terraform-state-1234567890123456/production/*"],
      },
      {
        Effect: "Allow",
        Action: ["ots:DescribeTable", "ots:GetRow", "ots:PutRow", "ots:DeleteRow"],
        Resource: ["acs:ots:cn-hangzhou:*:instance/shoplock90123456/table/terraform_state_lock"],
      },
    ]);
  });

  test("the role trusts the shop's account and holds the policy; the document is also an output", () => {
    const boot = out.stacks.bootstrap;
    const role = only(boot, "alicloud_ram_role");
    expect(JSON.parse(role.document)).toEqual({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: ["acs:ram::1234567890123456:root"] } }],
    });
    expect(only(boot, "alicloud_ram_role_policy_attachment")).toMatchObject({
      role_name: "${alicloud_ram_role.deployer-role.name}",
      policy_name: "${alicloud_ram_policy.deployer-policy.policy_name}",
      policy_type: "Custom",
    });
    expect(only(boot, "alicloud_ram_policy").rotate_strategy).toBe("DeleteOldestNonDefaultVersionWhenLimitExceeded");
    expect(JSON.parse(boot.output.deployer_policy_document.value)).toEqual(policyOf(boot));
  });
});

describe("the deployer's checks at synth", () => {
  test("a type the library does not map stops the bootstrap's synthesis, naming the type and the environment", () => {
    const app = tempApp();
    const prerelease = environment(app);
    addByHand(prerelease, "alicloud_nas_file_system");
    bootstrap(app, { deployer: { environments: [prerelease] } });
    expectOneError(app, "bootstrap", ["bootstrap", "deployer.actions", '"alicloud_nas_file_system"',
      "RAM actions for alicloud_nas_file_system, which prerelease synthesizes and the library does not map"]);
  });

  test("a type the library does not map is granted the actions named for it in deployer.actions", () => {
    const app = tempApp();
    const prerelease = environment(app);
    addByHand(prerelease, "alicloud_nas_file_system");
    bootstrap(app, {
      deployer: { environments: [prerelease], actions: { alicloud_nas_file_system: ["nas:CreateFileSystem", "nas:DescribeFileSystems"] } },
    });
    const actions = policyOf(synthApp(app).stacks.bootstrap).Statement[0].Action;
    expect(actions).toEqual(expect.arrayContaining(["nas:CreateFileSystem", "nas:DescribeFileSystems", "sae:*Application*"]));
  });

  test("an environment whose input was refused stops the bootstrap too, whichever synthesizes first", () => {
    const app = tempApp();
    const staging = environment(app, "staging", { saeNamespace: "Not_An_Id" });
    const stack = bootstrap(app, { deployer: { environments: [staging] } });
    // What the App's gate asks of the bootstrap, asked first, as it would be for a bootstrap added before its environments.
    expect(stack.findings().map((v) => [v.path, v.field, v.value, v.allowed])).toEqual([["bootstrap", "deployer.environments[0]",
      '"staging"', "an environment without errors: the deployer policy is derived from what it renders"]]);
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => [v.path, v.field])).toEqual(expect.arrayContaining([
      ["bootstrap", "deployer.environments[0]"], ["staging", "saeNamespace"]]));
  });

  test("a policy beyond RAM's 6144 characters stops synthesis instead of failing at apply", () => {
    const app = tempApp();
    const prerelease = environment(app);
    addByHand(prerelease, "alicloud_nas_file_system");
    const many = Array.from({ length: 300 }, (_, i) => `nas:DescribeSomethingRatherLong${i}`);
    const stack = bootstrap(app, { deployer: { environments: [prerelease], actions: { alicloud_nas_file_system: many } } });
    const length = JSON.stringify(stack.deployerPolicy()).length;
    expect(length).toBeGreaterThan(6144);
    const error = expectOneError(app, "bootstrap", ["bootstrap", "deployer.environments", `"a ${length}-character policy"`,
      "a policy document of at most 6144 characters"]);
    expect(error.message).toContain("split the environments over two bootstrap deployers");
  });
});
