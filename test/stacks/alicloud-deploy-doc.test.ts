/**
 * docs/alicloud.md's deploy commands cannot run here (the alicloud
 * provider cannot be installed on these machines), so this test holds them to
 * what the example App synthesizes: the stacks, their order, every variable
 * each stack declares, and credentials from environment variables only.
 */
import * as fs from "fs";
import * as path from "path";
import { synthExampleApp } from "../support/run-app";

const PAGE = fs.readFileSync(path.join(__dirname, "../../docs/alicloud.md"), "utf8");

/** The shell commands of docs/alicloud.md's section on the order of the deploys, without comments. */
function alicloudCommands(): string[] {
  const section = PAGE.split(/^## /m).find((s) => s.startsWith("The order, and the credentials each step needs"));
  expect(section).toBeDefined();
  const block = /```sh\n([\s\S]*?)```/.exec(section!)?.[1] ?? "";
  return block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

/** A command line as environment assignments and the command after them. */
function parse(line: string): { env: Record<string, string>; command: string } {
  const words = line.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split("=");
    env[name] = value.join("=");
  }
  return { env, command: words.join(" ") };
}

describe("docs/alicloud.md's deploy order", () => {
  const out = synthExampleApp({ TF_VAR_orders_db_password: "not-used-at-synth" });
  const commands = alicloudCommands().map(parse);

  test("deploys bootstrap, then prerelease, then production, each a stack of the example App", () => {
    expect(commands.map((c) => c.command)).toEqual([
      "npx cdktf deploy bootstrap", "npx cdktf deploy prerelease", "npx cdktf deploy production",
    ]);
    for (const { command } of commands) expect(Object.keys(out.stacks)).toContain(command.split(" ").pop());
  });

  test("each command sets every variable its stack declares, and no other", () => {
    for (const { env, command } of commands) {
      const stack = command.split(" ").pop()!;
      const given = Object.keys(env).filter((name) => name.startsWith("TF_VAR_")).map((name) => name.slice("TF_VAR_".length));
      expect({ stack, variables: given.sort() }).toEqual({ stack, variables: Object.keys(out.stacks[stack].variable ?? {}).sort() });
    }
  });

  test("credentials come from environment variables the provider and the OSS backend read, in the stack's region", () => {
    const known = ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_REGION", "ALICLOUD_ASSUME_ROLE_ARN"];
    for (const { env, command } of commands) {
      const stack = command.split(" ").pop()!;
      expect(Object.keys(env).filter((name) => !name.startsWith("TF_VAR_") && !known.includes(name))).toEqual([]);
      expect({ stack, region: env.ALICLOUD_REGION }).toEqual({ stack, region: out.stacks[stack].provider.alicloud[0].region });
      expect(command).not.toMatch(/var-file|tfvars|profile|credentials/);
    }
  });

  test("prerelease and production assume the deployer role the bootstrap creates; the bootstrap does not", () => {
    const role = Object.values<any>(out.stacks.bootstrap.resource.alicloud_ram_role)[0];
    const account = JSON.parse(role.document).Statement[0].Principal.RAM[0].split(":")[3];
    const [bootstrap, ...environments] = commands;
    expect(bootstrap.env).not.toHaveProperty("ALICLOUD_ASSUME_ROLE_ARN");
    for (const { env } of environments) expect(env.ALICLOUD_ASSUME_ROLE_ARN).toBe(`acs:ram::${account}:role/${role.name}`);
  });
});
