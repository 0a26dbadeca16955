/**
 * docs/operations.md as a user reads it: its TypeScript samples type-check
 * against the library, and its alarm table names exactly the CloudMonitor
 * namespaces, metrics and statistics the example's production renders.
 */
import * as fs from "fs";
import * as path from "path";
import { sampleDirectory, typeProblems, writeDocSamples } from "./support/doc-samples";
import { synthExampleApp } from "./support/run-app";

const ROOT = path.resolve(__dirname, "..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/operations.md"), "utf8");

describe("docs/operations.md", () => {
  test("every TypeScript sample type-checks against the library", () => {
    const dir = sampleDirectory("operations-doc-");
    try {
      const files = writeDocSamples(DOC, dir);
      expect(files.length).toBeGreaterThanOrEqual(4);
      expect(typeProblems(files)).toEqual([]);
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
