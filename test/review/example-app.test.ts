import * as fs from "fs";
import * as path from "path";
import { synthExampleApp } from "../support/run-app";
import { synthExample } from "./example-app";

// The review's pairs are built from the example App by test/review/example-app.ts;
// unchanged, that must be the App stacks/main.ts builds, or the pairs would test another App.

/** Every stack of an output directory, the local backend's path (absolute, per directory) left out. */
function stacks(outdir: string): Record<string, unknown> {
  const dir = path.join(outdir, "stacks");
  return Object.fromEntries(fs.readdirSync(dir).map((name) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8"));
    if (json.terraform?.backend?.local) json.terraform.backend.local.path = path.basename(json.terraform.backend.local.path);
    return [name, json];
  }));
}

test("the example-App builder, with no change, synthesizes what stacks/main.ts does", () => {
  expect(stacks(synthExample())).toEqual(stacks(synthExampleApp().outdir));
}, 60_000);
