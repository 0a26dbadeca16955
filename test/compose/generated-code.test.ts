/**
 * What a file holds can only ever be data in the generated module: strings are
 * literals, identifiers come from checked names, and no environment value is
 * written. Proven by compiling the module and running it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ServiceCatalog } from "../../lib";
import { composeImport, typeCheck } from "./support";


/** Writes `yml` as `file` in a fresh directory, imports it with the command and returns the module's path and output. */
function generate(yml: string, file = "docker-compose.yml") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compose-code-"));
  fs.writeFileSync(path.join(dir, file), yml);
  const run = composeImport([file, "--out", "services.ts"], dir);
  expect(run.status).toBe(0);
  return { dir, module: path.join(dir, "services.ts"), text: fs.readFileSync(path.join(dir, "services.ts"), "utf8"), run };
}


const HOSTILE_PATH = '/x"});process.exit(7);//`${globalThis}`*/\\u0041';
const HOSTILE_LOG = "/var/log/*/`$(id)`/${HOME}/a\"b'.log";

describe("strings from the file stay strings", () => {
  const yml = [
    "# a label value may hold anything the label's form allows",
    "new:",
    "  image: registry.cn-hangzhou.aliyuncs.com/team/new:v1.0.0",
    "  expose: ['8080']",
    "  labels:",
    `    aliyun.probe.url: 'http://container:8080${HOSTILE_PATH}'`,
    `    aliyun.log_store_files: '${HOSTILE_LOG.replace(/'/g, "''")}'`,
    "catalog:",
    "  image: registry.cn-hangzhou.aliyuncs.com/team/catalog:v1.0.0",
    "  expose: ['9000']",
    "release:",
    "  image: registry.cn-hangzhou.aliyuncs.com/team/release:v1.0.0",
    "  links: [new, catalog]",
    "  environment:",
    "    - 'GREETING=\"); require(\"child_process\").execSync(\"touch /tmp/pwned\"); //'",
    "",
  ].join("\n");
  const { module, text } = generate(yml);

  test("the module compiles; services named like reserved words or the module's own names get other identifiers", () => {
    expect(typeCheck([module])).toEqual({ status: 0, output: "" });
    expect(text).toContain("const newService = new Service(catalog, \"new\", {");
    expect(text).toContain("const catalogService = new Service(catalog, \"catalog\", {");
    expect(text).toContain("dependsOn: [newService, catalogService]");
  }, 120_000);

  test("run, the module holds exactly the file's strings as data, and the environment value nowhere", () => {
    expect(text).not.toContain("execSync");
    // Required through jest, which maps the package name to lib/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module written by the test, found at run time
    const { catalog } = require(module) as { catalog: ServiceCatalog };
    const service = catalog.find("new")!;
    expect(service.probe!.check).toEqual({ kind: "http", port: 8080, path: HOSTILE_PATH });
    expect(service.logs.source).toEqual({ kind: "files", paths: [HOSTILE_LOG] });
    expect(catalog.find("release")!.env).toEqual({ GREETING: expect.anything() });
  });
});

test("the header names the compose file only when the name is plain", () => {
  expect(generate("app:\n  image: team/app:1.0.0\n", "aixue.yml").text.split("\n")[0])
    .toBe("// Imported by compose-import from aixue.yml. Review the findings it printed.");
  const odd = generate("app:\n  image: team/app:1.0.0\n", "odd\nprocess.exit(1);.yml");
  expect(odd.text.split("\n")[0]).toBe("// Imported by compose-import. Review the findings it printed.");
  expect(odd.text).not.toContain("process.exit");
});
