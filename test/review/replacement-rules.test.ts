import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { REPLACEMENT_RULES, UPDATE_CAVEATS } from "../../lib/review/replacement-rules";
import { readSynthOutput } from "../../lib/review/synth-output";
import { loadAlicloudSchema } from "../schema/provider-schema";
import { exampleOutput } from "./support";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The attributes of a resource type as the provider schema has them, read from
 * the generated bindings (@cdktf/provider-docker, .gen/providers/alicloud):
 * `synthesizeAttributes()` lists every top-level attribute. Undefined when no
 * binding exists for the type.
 */
function schemaAttributes(type: string): string[] | undefined {
  const [provider, ...rest] = type.split("_");
  const dir = provider === "docker"
    ? path.join(ROOT, "node_modules/@cdktf/provider-docker/lib", rest.join("-"))
    : path.join(ROOT, ".gen/providers", provider, rest.join("-"));
  if (!fs.existsSync(dir)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a binding module found by its resource type at run time
  const binding = Object.values<any>(require(dir)).find((v) => v?.tfResourceType === type);
  const resource = new binding(new TerraformStack(new App(), "schema"), type, {});
  return Object.keys(resource.synthesizeAttributes());
}

describe("the documented replacement list", () => {
  const withBindings = Object.keys(REPLACEMENT_RULES).filter((type) => schemaAttributes(type));

  test("covers the Docker types and the Alibaba Cloud types that have bindings", () => {
    expect(withBindings).toEqual(expect.arrayContaining(["docker_container", "docker_image", "alicloud_sae_application", "alicloud_vswitch", "alicloud_log_store"]));
  });

  test.each(Object.keys(REPLACEMENT_RULES).filter((t) => t.startsWith("alicloud_") && !schemaAttributes(t)))("%s has no binding: every attribute listed exists in the provider schema file", (type) => {
    const schema = loadAlicloudSchema().resource_schemas[type]?.block;
    expect(schema).toBeDefined();
    const rule = REPLACEMENT_RULES[type];
    const listed = "forceNew" in rule ? rule.forceNew : rule.allExcept;
    expect(listed.filter((a) => !(a in (schema.attributes ?? {})) && !(a in (schema.block_types ?? {})))).toEqual([]);
  });

  test.each(Object.keys(REPLACEMENT_RULES).filter((t) => schemaAttributes(t)))("every attribute listed for %s exists in its provider schema", (type) => {
    const rule = REPLACEMENT_RULES[type];
    const listed = "forceNew" in rule ? rule.forceNew : rule.allExcept;
    const attributes = schemaAttributes(type)!;
    expect(listed.filter((a) => !attributes.includes(a))).toEqual([]);
  });

  test("caveats name real attributes of listed types", () => {
    for (const key of Object.keys(UPDATE_CAVEATS)) {
      const [type, attribute] = key.split(".");
      expect(schemaAttributes(type)).toContain(attribute);
    }
  });

  test("every resource type the example App emits is listed", () => {
    const emitted = [...readSynthOutput(exampleOutput()).stacks.values()].flatMap((stack) => [...stack.resources.values()].map((r) => r.type));
    expect([...new Set(emitted)].filter((type) => !(type in REPLACEMENT_RULES))).toEqual([]);
  });
});
