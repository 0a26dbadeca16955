/**
 * The templates in examples/compose, each in the container service's format,
 * and the TypeScript each imports to: the command writes exactly the committed
 * module, the module compiles, and its catalog synthesizes test (Docker),
 * prerelease and production (Alibaba Cloud) without a single value of the
 * file's environment in any output.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import {
  AlicloudEnvironment, AlicloudRegistry, DockerEnvironment, Release, ServiceCatalog, Stages, importCompose,
} from "../../lib";
import { allFiles, readOutput } from "../support/synth";
import { EXAMPLES, composeImport, environmentValues, example, typeCheck } from "./support";

const NAMES = ["aixue-recommender", "shop-web", "report-worker"];

interface Imported {
  readonly catalog: ServiceCatalog;
  readonly release: Release;
  readonly registry: AlicloudRegistry;
  readonly minZones?: number;
}

/** The three environments of an imported catalog, synthesized into a fresh directory. */
function synthesize(imported: Imported): ReturnType<typeof readOutput> {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "compose-example-")) });
  new DockerEnvironment(app, "test", { catalog: imported.catalog, release: imported.release });
  const cloud = (id: "prerelease" | "production", net: number) => new AlicloudEnvironment(app, id, {
    catalog: imported.catalog,
    release: imported.release,
    settings: { ...Stages[id], minZones: Math.max(Stages[id].minZones, imported.minZones ?? 0) },
    region: "cn-hangzhou",
    registry: imported.registry,
    network: {
      cidrBlock: `10.${net}.0.0/16`,
      zones: ["h", "i", "j"].map((z, i) => ({ zoneId: `cn-hangzhou-${z}`, cidrBlock: `10.${net}.${i + 1}.0/24` })),
    },
    state: { bucket: "aixue-terraform-state", tablestoreEndpoint: "https://aixue-lock.cn-hangzhou.ots.aliyuncs.com" },
    logProject: `aixue-${id}-logs`,
    // Production's alarms policy asks who hears about the services' alarms.
    alerting: id === "production" ? { contacts: ["aixue-oncall"] } : undefined,
  });
  cloud("prerelease", 10);
  cloud("production", 20);
  app.synth();
  return readOutput(app.outdir);
}

describe.each(NAMES)("examples/compose/%s", (name) => {
  const yml = example(name);
  const committed = fs.readFileSync(path.join(EXAMPLES, `${name}.ts`), "utf8");
  const values = environmentValues(yml);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "compose-out-")), `${name}.ts`);
  const run = composeImport([path.join(EXAMPLES, `${name}.yml`), "--out", out]);
  // Required through jest, which maps the package name to lib/ as an installed package would resolve it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module found by name at run time
  const module: Imported = require(path.join(EXAMPLES, name));
  const synthesized = synthesize(module);

  test("compose-import writes exactly the committed module", () => {
    expect(run.status).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(committed);
  });

  test("the module synthesizes all three environments", () => {
    expect(Object.keys(synthesized.stacks).sort()).toEqual(["prerelease", "production", "test"]);
    const apps = Object.keys(synthesized.stacks.production.resource.alicloud_sae_application).sort();
    expect(apps).toEqual(module.catalog.services.map((s) => `app-${s.name}`).sort());
  });

  test("the module builds what importCompose builds: the same three stacks", () => {
    const imported = importCompose(yml, { file: `${name}.yml` });
    const again = synthesize({ ...imported, registry: module.registry, minZones: imported.requirements.minZones });
    expect(again.stacks).toEqual(synthesized.stacks);
  });

  test("no environment value of the file is in the module, the synthesized files or the printed findings", () => {
    expect(values.length).toBeGreaterThan(2);
    const outputs = [committed, run.stdout, run.stderr, ...allFiles(synthesized.outdir).map((f) => f.text)];
    const leaked = values.filter((value) => outputs.some((text) => text.includes(value)));
    expect(leaked).toEqual([]);
  });
});

test("the committed modules compile with the strict compiler against the library", () => {
  expect(typeCheck(NAMES.map((n) => path.join(EXAMPLES, `${n}.ts`)))).toEqual({ status: 0, output: "" });
}, 120_000);

describe("names that keep working: aixue-recommender calls aixue-superxue-querybyid.local and features in every environment", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- through jest's mapping of the package name, as above
  const { stacks } = synthesize(require(path.join(EXAMPLES, "aixue-recommender")));

  test("test: the load balancer answers the route domain, the feature store's replicas answer its link alias", () => {
    const containers = stacks.test.resource.docker_container;
    expect(containers["load-balancer"].networks_advanced[0].aliases)
      .toEqual(["lb", "aixue-superxue-querybyid.local", "aixue-recommender.local"]);
    expect(containers["aixue-feature-store-1"].networks_advanced[0].aliases).toContain("features");
  });

  test.each(["prerelease", "production"])("%s: PrivateZone answers both names inside the VPC", (id) => {
    const stack = stacks[id];
    const zones = Object.entries<any>(stack.resource.alicloud_pvtz_zone).map(([zoneId, z]) => [z.zone_name, zoneId]);
    const records = Object.values<any>(stack.resource.alicloud_pvtz_zone_record);
    const target = (zoneName: string) => {
      const zoneId = zones.find(([n]) => n === zoneName)![1];
      return records.find((r) => r.zone_id === `\${alicloud_pvtz_zone.${zoneId}.id}`).value;
    };
    expect(target("aixue-superxue-querybyid.local")).toBe("${alicloud_slb_load_balancer.internal-load-balancer.address}");
    expect(target("features")).toBe("${alicloud_slb_load_balancer.aixue-feature-store-internal-load-balancer.address}");
    expect(Object.values<any>(stack.resource.alicloud_pvtz_zone_attachment).every((a) => a.vpc_ids[0] === "${alicloud_vpc.vpc.id}"))
      .toBe(true);
  });
});
