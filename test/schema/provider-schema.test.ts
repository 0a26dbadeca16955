import * as fs from "fs";
import { ALICLOUD_SCHEMA_FILE } from "../../scripts/generate-bindings";
import { loadAlicloudSchema, schemaProblems } from "./provider-schema";

describe("the schema checker catches what the provider would reject", () => {
  test("without ALICLOUD_PROVIDER_SCHEMA or bindings it reads the repository's schema, as the generator does; a named file must exist", () => {
    const saved = process.env.ALICLOUD_PROVIDER_SCHEMA;
    delete process.env.ALICLOUD_PROVIDER_SCHEMA;
    try {
      const repository = JSON.parse(fs.readFileSync(ALICLOUD_SCHEMA_FILE, "utf8")).provider_schemas["registry.terraform.io/aliyun/alicloud"];
      expect(loadAlicloudSchema("/nonexistent/.bindings-stamp.json")).toEqual(repository);
      process.env.ALICLOUD_PROVIDER_SCHEMA = "/nonexistent/alicloud.json";
      expect(() => loadAlicloudSchema()).toThrow("ALICLOUD_PROVIDER_SCHEMA points to /nonexistent/alicloud.json, which does not exist");
    } finally {
      if (saved === undefined) delete process.env.ALICLOUD_PROVIDER_SCHEMA;
      else process.env.ALICLOUD_PROVIDER_SCHEMA = saved;
    }
  });

  test("unknown, computed-only, deprecated and mistyped attributes; missing required ones", () => {
    const app = loadAlicloudSchema().resource_schemas.alicloud_sae_application.block;
    expect(schemaProblems("app", app, {
      app_name: "a",
      replicas: "two",
      no_such_field: 1,
      liveness: "{}",
      depends_on: ["x"],
    })).toEqual([
      'app.replicas: "two" is not a "number"',
      "app.no_such_field: not in the schema",
      "app.liveness: deprecated",
      "app.package_type: required, not set",
    ]);
    const store = loadAlicloudSchema().resource_schemas.alicloud_log_store.block;
    expect(schemaProblems("store", store, { create_time: 1 })).toEqual(["store.create_time: computed-only, cannot be set"]);
  });

  test("block nesting: too many, too few, single blocks and nested attributes", () => {
    const schema = loadAlicloudSchema();
    const app = schema.resource_schemas.alicloud_sae_application.block;
    const base = { app_name: "a", package_type: "Image", replicas: 1 };
    expect(schemaProblems("app", app, { ...base, liveness_v2: [{}, {}] })).toEqual(["app.liveness_v2: 2 block(s), at most 1 allowed"]);
    expect(schemaProblems("app", app, { ...base, liveness_v2: { http_get: { path: "/", colour: "red" } } }))
      .toEqual(["app.liveness_v2[0].http_get[0].colour: not in the schema"]);
    const ingress = schema.resource_schemas.alicloud_sae_ingress.block;
    expect(schemaProblems("ingress", ingress, { listener_port: 80, namespace_id: "n", slb_id: "s" }))
      .toEqual(["ingress.rules: at least 1 block(s) required"]);
    expect(schemaProblems("ingress", ingress, { listener_port: 80, namespace_id: "n", slb_id: "s", rules: [{ domain: "d" }] }))
      .toEqual(expect.arrayContaining(["ingress.rules[0].app_id: required, not set", "ingress.rules[0].path: required, not set"]));
    const vpc = schema.resource_schemas.alicloud_vpc.block;
    expect(schemaProblems("vpc", vpc, { timeouts: [{ create: "5m" }] })).toEqual(["vpc.timeouts: a single block (object) expected"]);
  });
});
