import { OtsTable } from "../../../.gen/providers/alicloud/ots-table";
import { AlicloudEnvironment, StateBootstrapProps } from "../../../lib";
import { tempApp } from "../../support/synth";
import { Expected, expectOneError } from "../../validation/rejected";
import { STATE, bootstrap, environment } from "./bootstrap-support";

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Bootstrap props replacing the valid ones, given prerelease (valid) and staging (keeping its state elsewhere). */
  readonly props: (prerelease: AlicloudEnvironment, staging: AlicloudEnvironment) => Partial<StateBootstrapProps>;
  /** Construct path, field, value and a piece of the allowed text the error must name. */
  readonly expected: Expected;
}

const state = (overrides: Partial<typeof STATE> & { tablestoreTable?: string; region?: string }) => ({ state: { ...STATE, ...overrides } });
const role = (overrides: object) => (prerelease: AlicloudEnvironment) => ({
  deployer: {
    environments: [prerelease], role: { name: "deployer", trustedPrincipals: ["acs:ram::1234567890123456:root"], ...overrides },
  },
});

const cases: Case[] = [
  { name: "a bucket name OSS refuses", props: () => state({ bucket: "Shop_State" }),
    expected: ["bootstrap", "state.bucket", '"Shop_State"', "an OSS bucket name: 3-63 lowercase letters"] },
  { name: "a region that is no region id", props: () => ({ region: "Hangzhou" }),
    expected: ["bootstrap", "region", '"Hangzhou"', "a region id such as cn-hangzhou"] },
  { name: "an endpoint that is no URL", props: () => state({ tablestoreEndpoint: "shop-lock.cn-hangzhou.ots.aliyuncs.com" }),
    expected: ["bootstrap", "state.tablestoreEndpoint", '"shop-lock.cn-hangzhou.ots.aliyuncs.com"', "a Tablestore endpoint URL"] },
  { name: "a custom domain, which names no instance to create", props: () => state({ tablestoreEndpoint: "https://locks.example.com" }),
    expected: ["bootstrap", "state.tablestoreEndpoint", '"https://locks.example.com"', "the bootstrap creates that instance"] },
  { name: "an instance name longer than Tablestore allows",
    props: () => state({ tablestoreEndpoint: "https://shop-terraform-locks.cn-hangzhou.ots.aliyuncs.com" }),
    expected: ["bootstrap", "state.tablestoreEndpoint", '"https://shop-terraform-locks.cn-hangzhou.ots.aliyuncs.com"',
      "whose instance name is 3-16 lowercase letters"] },
  { name: "an endpoint in another region than the bucket",
    props: () => state({ tablestoreEndpoint: "https://shop-lock.cn-shanghai.ots.aliyuncs.com" }),
    expected: ["bootstrap", "state.tablestoreEndpoint", '"https://shop-lock.cn-shanghai.ots.aliyuncs.com"',
      "an endpoint in the state's region cn-hangzhou"] },
  { name: "a table name Tablestore refuses", props: () => state({ tablestoreTable: "9-locks" }),
    expected: ["bootstrap", "state.tablestoreTable", '"9-locks"', "a Tablestore table name"] },
  { name: "an environment keeping its state in another bucket",
    props: (prerelease, staging) => ({ deployer: { environments: [prerelease, staging] } }),
    expected: ["bootstrap", "deployer.environments[1].state.bucket", '"other-state"',
      '"shop-tf-state", as in this stack\'s state: staging must keep its state where this stack creates it'] },
  { name: "a deployer for no environment", props: () => ({ deployer: { environments: [] } }),
    expected: ["bootstrap", "deployer.environments", "0", "at least one environment"] },
  { name: "a policy name RAM refuses", props: (prerelease) => ({ deployer: { environments: [prerelease], policyName: "shop deployer" } }),
    expected: ["bootstrap", "deployer.policyName", '"shop deployer"', "a RAM policy name"] },
  { name: "a role name RAM refuses", props: role({ name: "shop/deployer" }),
    expected: ["bootstrap", "deployer.role.name", '"shop/deployer"', "a RAM role name"] },
  { name: "a principal that is no RAM ARN", props: role({ trustedPrincipals: ["1234567890123456"] }),
    expected: ["bootstrap", "deployer.role.trustedPrincipals[0]", '"1234567890123456"', "acs:ram::<account id>:root"] },
  { name: "a role nobody may assume", props: role({ trustedPrincipals: [] }),
    expected: ["bootstrap", "deployer.role.trustedPrincipals", "[]", "at least one principal"] },
  { name: "a session longer than RAM allows", props: role({ maxSessionDuration: 86400 }),
    expected: ["bootstrap", "deployer.role.maxSessionDuration", "86400", "a whole number from 3600 to 43200"] },
  { name: "an extra action that is no RAM action",
    props: (prerelease) => ({
      deployer: { environments: [prerelease], actions: { alicloud_nas_file_system: ["CreateFileSystem"] } },
    }),
    expected: ["bootstrap", "deployer.actions.alicloud_nas_file_system[0]", '"CreateFileSystem"', "a RAM action such as"] },
];

describe("bad bootstrap input stops synthesis with one clear error and writes nothing for the bootstrap", () => {
  test.each(cases)("$name", ({ props, expected }) => {
    const app = tempApp();
    const prerelease = environment(app);
    const staging = environment(app, "staging", { state: { ...STATE, bucket: "other-state" } });
    bootstrap(app, props(prerelease, staging));
    const error = expectOneError(app, "bootstrap", expected);
    expect(error.message).toMatch(/^1 error\(s\) in bootstrap stop synthesis; nothing was written for any stack of this App\./);
  });

  test("a stateful resource stripped of prevent_destroy is refused like in a protected environment", () => {
    const app = tempApp();
    const stack = bootstrap(app);
    stack.node.findAll().filter((c): c is OtsTable => c instanceof OtsTable)
      .forEach((table) => table.addOverride("lifecycle.prevent_destroy", false));
    expectOneError(app, "bootstrap", ["bootstrap", "alicloud_ots_table.lock-table.lifecycle.prevent_destroy", "false",
      "true: the environments' state is kept here and this resource holds state"]);
  });
});
