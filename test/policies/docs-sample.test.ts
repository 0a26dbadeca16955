/**
 * The code samples of docs/policies.md, as a user would write them against the
 * package: every sample type-checks, and the relax sample synthesizes a
 * production stack that its stage's policies would otherwise refuse. (The
 * page's sample that catches a ValidationError is type-checked here too.)
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sampleDirectory, typeProblems, writeDocSamples } from "../support/doc-samples";

const ROOT = path.resolve(__dirname, "../..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/policies.md"), "utf8");
const RELAX = 'Policies.relax(Stages.production, "min-replicas")';

/** Runs a sample as the cdktf CLI runs this repository's app (cdktf.json), into `outdir`. */
function run(file: string, outdir: string) {
  return spawnSync(process.execPath, [path.join(ROOT, "scripts/run-ts.js"), file], {
    cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8",
  });
}

describe("docs/policies.md", () => {
  const dir = sampleDirectory("doc-samples-");
  const files = writeDocSamples(DOC, dir);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const sample = (part: string) => files.find((f) => fs.readFileSync(f, "utf8").includes(part))!;

  test("has a sample catching a ValidationError, a relax sample and a custom policy sample", () => {
    expect(files).toHaveLength(3);
    expect(sample("e instanceof ValidationError")).toBeDefined();
    expect(sample(RELAX)).toBeDefined();
    expect(sample("const noDebugServices: Policy")).toBeDefined();
  });

  test("every sample type-checks", () => {
    expect(typeProblems(files)).toEqual([]);
  });

  test("the relax sample synthesizes a single-instance service in production", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "doc-relax-"));
    const result = run(sample(RELAX), outdir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/production/cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.resource.docker_container)).toContain("nightly-report-1");
    expect(Object.keys(stack.resource.docker_container)).not.toContain("nightly-report-2");
  });

  test("without the relax, production refuses the same stack", () => {
    const strict = path.join(dir, "strict.ts");
    fs.writeFileSync(strict, fs.readFileSync(sample(RELAX), "utf8").replace(RELAX, "Stages.production"));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "doc-strict-"));
    const result = run(strict, outdir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ERROR production/nightly-report: replicas = 1; at least 2 instances");
    expect(fs.existsSync(path.join(outdir, "stacks/production"))).toBe(false);
  });
});
