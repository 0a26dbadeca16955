/**
 * The synthesis benchmark (`npm run bench`, scripts/bench/): its floor is the
 * library's own JSON rebuilt from cdktf's generic elements, byte for byte, so
 * the ratio it prints compares like with like; and the command runs.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformResource } from "cdktf";
import { benchCatalog, kindOf } from "../../scripts/bench/catalog";
import { buildFloor } from "../../scripts/bench/floor";
import { runLibrary } from "../../scripts/bench/library-app";
import { readOutput } from "../support/synth";

const ROOT = path.resolve(__dirname, "../..");

function stackTexts(outdir: string): Record<string, string> {
  const dir = path.join(outdir, "stacks");
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8")]));
}

describe("the synthesis benchmark", () => {
  const libraryOut = fs.mkdtempSync(path.join(os.tmpdir(), "bench-library-"));
  runLibrary(9, "all", libraryOut);
  const library = stackTexts(libraryOut);

  test("generates the issue's catalog: a third public with a domain, a third internal with a variable and a secret, a third tcp-probed", () => {
    expect([0, 1, 2, 3].map(kindOf)).toEqual(["public", "internal", "tcp", "public"]);
    const services = benchCatalog(9).catalog.services;
    expect(services.map((s) => s.replicas)).toEqual(Array(9).fill(2));
    const of = (kind: string) => services.filter((s) => s.name.startsWith(kind));
    expect(of("public").map((s) => s.ports[0].route?.domains.length)).toEqual([1, 1, 1]);
    expect(of("internal").map((s) => [Object.values(s.env).some((e) => e.source.kind === "variable"), Object.keys(s.secrets).length]))
      .toEqual([[true, 1], [true, 1], [true, 1]]);
    expect(of("tcp").map((s) => s.probe?.check.kind)).toEqual(["tcp", "tcp", "tcp"]);
    const { stacks } = readOutput(libraryOut);
    expect(Object.keys(stacks).sort()).toEqual(["prerelease", "production", "test"]);
    expect(Object.keys(stacks.test.resource.docker_container)).toHaveLength(9 * 2 + 2);
    expect(Object.keys(stacks.production.resource.alicloud_sae_application)).toHaveLength(9);
    expect(Object.values<any>(stacks.test.variable).filter((v) => v.sensitive)).toHaveLength(3);
  });

  test("cdktf's floor, from generic elements only, synthesizes the library's JSON byte for byte", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-floor-"));
    const app = new App({ outdir, stackTraces: false });
    buildFloor(app, Object.fromEntries(Object.entries(library).map(([name, text]) => [name, JSON.parse(text)])));
    const resources = app.node.findAll().filter((c) => TerraformResource.isTerraformResource(c));
    expect(resources.length).toBeGreaterThan(60);
    expect(new Set(resources.map((r) => r.constructor.name))).toEqual(new Set(["RawResource"]));
    app.synth();
    expect(stackTexts(outdir)).toEqual(library);
  });

  test("npm run bench runs at a small size, reports every scope with a fresh-process and a warm ratio", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-run-")), "bench.json");
    // The synthesis part only: the inner loop needs a Docker engine (test/e2e/inner-loop-bench.e2e.ts runs it).
    const result = spawnSync("npm", ["run", "bench", "--", "--sizes", "3", "--runs", "1", "--parts", "synth", "--json", out], {
      cwd: ROOT, encoding: "utf8", timeout: 110_000,
    });
    expect({ status: result.status, stderr: result.status === 0 ? "" : result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toContain("fresh process, one synthesis (headline)");
    expect(result.stdout).not.toContain("inner loop");
    const { summaries, innerLoop } = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(innerLoop).toBeUndefined();
    expect(summaries.map((s: any) => s.scope)).toEqual(["all", "test", "prerelease", "production"]);
    for (const s of summaries) {
      expect(s).toMatchObject({ services: 3, identical: true });
      expect(s.ratio.cpu).toBeGreaterThan(0);
      expect(s.fresh.ratio.cpu).toBeGreaterThan(0);
      // A fresh process pays for starting Node and loading cdktf: more than a warm run of the same size.
      expect(s.fresh.library.cpu).toBeGreaterThan(s.library.total.cpu);
      expect(s.fresh.peakRssMiB).toBeGreaterThan(0);
      expect(s.peakRssMiB).toBeGreaterThan(0);
    }
  }, 120_000);

  test("npm run bench names an unknown part", () => {
    const result = spawnSync("npm", ["run", "bench", "--", "--sizes", "3", "--parts", "synth,inner"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("--parts: unknown inner (synth, inner-loop)");
  }, 60_000);
});
