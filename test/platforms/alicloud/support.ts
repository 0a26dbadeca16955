import { Testing } from "cdktf";
import {
  AlicloudEnvironment, AlicloudEnvironmentProps, Image, Release, Service, ServiceCatalog, ServiceProps, StageSettings,
  Stages,
} from "../../../lib";

/** Settings of a stage without its policies: these tests are about what the platform renders and refuses. */
export function stage(base: StageSettings, overrides: Partial<StageSettings> = {}): StageSettings {
  return { ...base, policies: [], ...overrides };
}

/** The smallest valid Alibaba Cloud environment: two created zones, an existing registry, remote state. */
export const BASE_PROPS = {
  region: "cn-hangzhou",
  network: {
    zones: [
      { zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" },
      { zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24" },
    ],
  },
  registry: { instanceId: "cri-test0001", endpoint: "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com" },
  state: { bucket: "shop-tf-state", tablestoreEndpoint: "https://shop-lock.cn-hangzhou.ots.aliyuncs.com" },
  settings: stage(Stages.prerelease),
} satisfies Omit<AlicloudEnvironmentProps, "catalog" | "release">;

/** Props of the test environment with `overrides` applied. */
export type Overrides = Partial<Omit<AlicloudEnvironmentProps, "catalog">>;

/** Builds a catalog with `build`, renders it as the stack `id` and returns the parsed JSON. */
export function render(build: (catalog: ServiceCatalog) => void, overrides: Overrides = {}, id = "prerelease") {
  const catalog = new ServiceCatalog();
  build(catalog);
  const release = overrides.release ?? Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.9"])));
  const stack = new AlicloudEnvironment(Testing.app(), id, { ...BASE_PROPS, ...overrides, catalog, release });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}

/** A catalog builder with one service `name` of `props` (image shop/<name>). */
export function one(props: Partial<ServiceProps> = {}, name = "app") {
  return (catalog: ServiceCatalog) => new Service(catalog, name, { image: Image.fromRegistry(`shop/${name}`), ...props });
}

/** The resources of `type` in a synthesized stack, by id. */
export function resources(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/**
 * Parses a JSON-encoded attribute that Terraform finishes at plan time: each
 * `${jsonencode(var.x)}` splice becomes the string "<var.x>", a resource
 * attribute's `${jsonencode(type.id.attribute)}` the string "<type.id.attribute>",
 * each `${jsonencode("text${data.y.z.id}")}` the string "text<data.y.z.id>", and
 * the config map id SAE reads as a number, `${alicloud_sae_config_map.id.id}`,
 * the number 0. Fails on any other Terraform template sequence, which would
 * change the value at plan time.
 */
export function parseTerraformJson(text: string): any {
  const spliced = text
    .replace(/\$\{jsonencode\(((var|alicloud_[a-z0-9_]+\.[a-z0-9-]+)\.[a-z0-9_]+)\)\}/g, (_, address) => JSON.stringify(`<${address}>`))
    .replace(/\$\{jsonencode\("([a-z0-9-]*)\$\{(data\.[\w.-]+)\}"\)\}/g, (_, literal, reference) => JSON.stringify(`${literal}<${reference}>`))
    .replace(/"configMapId":\$\{alicloud_sae_config_map\.[a-z0-9-]+\.id\}/g, '"configMapId":0');
  expect(spliced).not.toMatch(/\$\{|%\{/);
  return JSON.parse(spliced);
}

/**
 * Checks `envs` against SAE's format: a JSON array of `{name, value}` strings,
 * or `{name, valueFrom: {configMapRef: {configMapId, key}}}` for a value read from a config map.
 */
export function expectSaeEnvs(envs: unknown): void {
  expect(Array.isArray(envs)).toBe(true);
  for (const entry of envs as any[]) {
    expect(entry.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    if ("valueFrom" in entry) {
      expect(Object.keys(entry).sort()).toEqual(["name", "valueFrom"]);
      expect(Object.keys(entry.valueFrom)).toEqual(["configMapRef"]);
      expect(Object.keys(entry.valueFrom.configMapRef).sort()).toEqual(["configMapId", "key"]);
      expect(typeof entry.valueFrom.configMapRef.configMapId).toBe("number");
      expect(typeof entry.valueFrom.configMapRef.key).toBe("string");
    } else {
      expect(Object.keys(entry).sort()).toEqual(["name", "value"]);
      expect(typeof entry.value).toBe("string");
    }
  }
}

/** Checks `sls_configs` against SAE's SlsConfigs format (own project and logstore). */
export function expectSaeSlsConfigs(configs: unknown): void {
  expect(Array.isArray(configs)).toBe(true);
  const entries = configs as any[];
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(Object.keys(entry).every((k) => ["projectName", "logstoreName", "logDir", "logType", "logtailName"].includes(k))).toBe(true);
    expect(typeof entry.projectName).toBe("string");
    expect(typeof entry.logstoreName).toBe("string");
    expect(typeof entry.logDir).toBe("string");
    expect(entry.logtailName).toBe("");
    if ("logType" in entry) {
      expect(entry.logType).toBe("stdout");
      expect(entry.logDir).toBe("");
    } else {
      expect(entry.logDir).toMatch(/^\//);
    }
  }
  // SAE collects container stdout at most once per application.
  expect(entries.filter((e) => e.logType === "stdout").length).toBeLessThanOrEqual(1);
}
