/**
 * JSON-encoded attributes (SAE `envs` and `sls_configs`, CloudMonitor
 * `metric_dimensions`, RAM policy documents) are compared by the provider as
 * raw text, so each renders in one canonical form: keys sorted, no whitespace.
 */
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { canonicalJson } from "../../../lib/platforms/alicloud/json-text";
import { synthExampleApp } from "../../support/run-app";

/** The canonical text of a parsed value, written independently of the library: keys sorted at every level, no spaces. */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown => Array.isArray(v) ? v.map(sorted)
    : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
      : v;
  return JSON.stringify(sorted(value));
}

/**
 * `text` with each value Terraform quotes at plan time — `${jsonencode(<reference>)}`, or
 * `${jsonencode("<text>${<reference>}")}` — as the JSON string "<reference>" or "<text><reference>",
 * and the one it writes as a number, a config map's id (`"configMapId":${<reference>}`), as 0.
 */
const spliced = (text: string) => text
  .replace(/"configMapId":\$\{alicloud_sae_config_map\.[\w-]+\.id\}/g, '"configMapId":0')
  .replace(/\$\{jsonencode\(([\w.-]+)\)\}/g, (_, reference: string) => JSON.stringify(`<${reference}>`))
  .replace(/\$\{jsonencode\("([a-z0-9-]*)\$\{([\w.-]+)\}"\)\}/g, (_, literal: string, reference: string) => JSON.stringify(`${literal}<${reference}>`));

/** Every string attribute, at any depth, of every resource of a synthesized stack that holds a JSON array or object. */
function jsonAttributes(stack: any): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const walk = (value: unknown, where: string) => {
    if (typeof value === "string") {
      if (/^[[{]/.test(value)) found.push({ where, text: value });
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, `${where}.${key}`);
    }
  };
  for (const [type, resources] of Object.entries(stack.resource ?? {})) walk(resources, type);
  return found;
}

describe("canonicalJson", () => {
  test("sorts keys at every level, keeps list order, writes no whitespace and leaves undefined fields out", () => {
    expect(canonicalJson({ value: "v", name: "n", extra: undefined, nested: [{ z: 1, a: true }, null, "x y"] }))
      .toBe('{"name":"n","nested":[{"a":true,"z":1},null,"x y"],"value":"v"}');
  });

  test("splices a token in as jsonencode, so Terraform quotes it at plan time", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const host = new TerraformVariable(stack, "db_host", { type: "string" });
    const text = canonicalJson([{ value: host.stringValue, name: "DB_HOST" }]);
    expect(Token.isUnresolved(text)).toBe(true);
    new TerraformOutput(stack, "envs", { value: text });
    expect(JSON.parse(Testing.synth(stack)).output.envs.value).toBe('[{"name":"DB_HOST","value":${jsonencode(var.db_host)}}]');
  });

  test("refuses what JSON cannot hold", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow("not a JSON value: NaN");
  });
});

describe("the example App's JSON-encoded attributes", () => {
  const out = synthExampleApp({ TF_VAR_orders_db_password: "not-used-at-synth" });
  const attributes = Object.entries(out.stacks).flatMap(([name, stack]) =>
    jsonAttributes(stack).map(({ where, text }) => ({ where: `${name}: ${where}`, text })));

  test("are each in the canonical form", () => {
    const off = attributes.filter(({ text }) => spliced(text) !== canonical(JSON.parse(spliced(text))));
    expect(off).toEqual([]);
  });

  test("cover SAE envs and sls_configs, CloudMonitor dimensions and the deployer's RAM documents", () => {
    const kinds = new Set(attributes.map(({ where }) => where.replace(/^\w+: (\w+)\.[^.]+\./, "$1.")));
    expect([...kinds].sort()).toEqual(expect.arrayContaining([
      "alicloud_cms_alarm.metric_dimensions", "alicloud_ram_policy.policy_document", "alicloud_ram_role.document",
      "alicloud_sae_application.envs", "alicloud_sae_application.sls_configs",
    ]));
  });
});
