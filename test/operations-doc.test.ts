/**
 * docs/operations.md as a user reads it: its TypeScript samples type-check
 * against the library, and its alarm table names exactly the CloudMonitor
 * namespaces, metrics and statistics the example's production renders.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { synthExampleApp } from "./support/run-app";

const ROOT = path.resolve(__dirname, "..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/operations.md"), "utf8");

describe("docs/operations.md", () => {
  test("every TypeScript sample type-checks against the library", () => {
    fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, ".cache", "operations-doc-"));
    try {
      const lib = path.relative(dir, path.join(ROOT, "lib")).split(path.sep).join("/");
      const files = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => {
        const file = path.join(dir, `sample-${i}.ts`);
        fs.writeFileSync(file, m[1].replace(/from "cdktf-service-platform"/g, `from "${lib}"`));
        return file;
      });
      expect(files.length).toBeGreaterThanOrEqual(4);
      const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
      const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
      const program = ts.createProgram(files, { ...options, noEmit: true });
      const problems = ts.getPreEmitDiagnostics(program)
        .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test("the alarm table names every namespace, metric and statistic production renders, and no other", () => {
    const production = synthExampleApp({ TF_VAR_orders_db_password: "not-used-at-synth" }).stacks.production;
    const rendered = new Set(Object.values<any>(production.resource.alicloud_cms_alarm)
      .map((a) => `\`${a.project}\` \`${a.metric}\` (${a.escalations_critical.statistics})`));
    const table = DOC.split("\n").filter((line) => line.startsWith("| `<env>-<service>-"));
    const documented = new Set(table.map((line) => /\| (`acs_[a-z_]+` `[A-Za-z0-9]+` \([A-Za-z]+\))/.exec(line)?.[1]));
    expect([...documented].sort()).toEqual([...rendered].sort());
  });
});
