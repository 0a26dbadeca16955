/**
 * The API reference: TypeDoc with the repository's typedoc.json documents both
 * entry points without internals, renders defaults as code and links provider
 * docs; and the same options refuse an undocumented export or a broken link,
 * which is what makes `npm run docs` (run by CI) fail on them.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..");
const TYPEDOC = path.join(REPO, "node_modules", ".bin", "typedoc");

/** Runs TypeDoc from the repository with the options file `options` and `args` on top. */
function typedoc(options: string, args: string[] = []) {
  const result = spawnSync(TYPEDOC, ["--options", options, ...args], {
    cwd: REPO, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes, which start with ESC
  return { status: result.status, output: `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, "") };
}

describe("the API reference", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csp-docs-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("documents both entry points, without internals, defaults as code and provider attributes as links", () => {
    const out = path.join(tmp, "api");
    const result = typedoc("typedoc.json", ["--out", out]);
    expect(result).toEqual({ status: 0, output: expect.not.stringContaining("[warning]") });
    const root = path.join(out, "cdktf-service-platform");
    const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
    expect(fs.readFileSync(path.join(out, "README.md"), "utf8")).toContain("(cdktf-service-platform/review/README.md)");

    const pages = fs.readdirSync(root, { recursive: true }).map(String).join("\n");
    for (const internal of ["renderNginxConfig", "planListeners", "SAE_INSTANCE_SPECS", "ResolvedAlicloud", "sortViolations"]) {
      expect(pages).not.toContain(internal);
    }
    expect(read("classes/ServiceCatalog.md")).not.toMatch(/register\b/);
    expect(read("classes/DockerEnvironment.md")).not.toContain("listeners");

    const serviceProps = read("interfaces/ServiceProps.md");
    expect(serviceProps).toContain("#### Default\n\n```ts\n2\n```");
    expect(serviceProps).toContain("```ts\nRollout.batches()\n```");
    expect(serviceProps).toContain(
      "[alicloud\\_sae\\_application.replicas](https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/sae_application#replicas)");
    expect(read("interfaces/AlicloudEnvironmentProps.md")).toContain("```ts\n\"slb.s1.small\"\n```");

    // A page lists what the library adds: what a class inherits from cdktf (or Error) is cdktf's to document,
    // protected members are for the library's own subclasses, and no helper type is exported.
    const headings = (file: string) => [...read(file).matchAll(/^### (\w+)/gm)].map((m) => m[1]);
    expect(headings("classes/AlicloudEnvironment.md")).toEqual(expect.arrayContaining(
      ["alerting", "catalog", "release", "settings", "report", "discoveryName", "replicasOf", "toTerraform", "versionOf"]));
    for (const page of ["classes/AlicloudEnvironment.md", "classes/DockerEnvironment.md", "classes/StateBootstrap.md", "classes/CheckedStack.md"]) {
      expect({ page, leaked: headings(page).filter((h) => ["addOverride", "allProviders", "dependsOn", "ensureBackendExists", "node",
        "synthesizer", "getLogicalId", "isStack", "of", "admit", "record", "lossReporter", "checkAtSynth"].includes(h)) }).toEqual({ page, leaked: [] });
    }
    expect(headings("classes/ValidationError.md")).toEqual(["Constructor", "stacks", "violations"]);
    expect(pages).not.toMatch(/type-aliases\/Test\.md/);
    // Options a platform would ignore are not its options.
    expect(headings("interfaces/DockerEnvironmentProps.md")).not.toContain("alerting");
    expect(headings("interfaces/AlicloudEnvironmentProps.md")).toContain("alerting");
  }, 120_000);

  test("refuses an undocumented export and a link that does not resolve", () => {
    const fixture = path.join(tmp, "fixture");
    fs.mkdirSync(fixture);
    fs.writeFileSync(path.join(fixture, "index.ts"), [
      "/** Documented, with a link to {@link Nowhere}. */",
      "export class Documented {}",
      "export const undocumented = 1;",
      "",
    ].join("\n"));
    fs.writeFileSync(path.join(fixture, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true }, include: ["index.ts"] }));
    // The repository's options (validation, warnings as errors) on the fixture; TypeDoc reads tsconfig from an options file only.
    fs.writeFileSync(path.join(fixture, "typedoc.json"), JSON.stringify({
      extends: [path.join(REPO, "typedoc.json")], tsconfig: "./tsconfig.json", entryPoints: ["./index.ts"], out: "./out",
    }));
    const result = typedoc(path.join(fixture, "typedoc.json"));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("undocumented (Variable), defined in");
    expect(result.output).toContain("does not have any documentation");
    expect(result.output).toContain('Failed to resolve link to "Nowhere"');
  }, 120_000);
});
