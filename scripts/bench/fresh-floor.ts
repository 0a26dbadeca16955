/**
 * One fresh process that does what cdktf itself needs for the same output: loads cdktf, reads the
 * stacks a library run wrote under `from`, rebuilds them from cdktf's generic elements (floor.ts)
 * and synthesizes them into `outdir`, once.
 *
 *   node scripts/run-ts.js scripts/bench/fresh-floor.ts <from> <outdir>
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { StackJson, buildFloor } from "./floor";
import { reportProcess } from "./fresh-report";

const [from, outdir] = process.argv.slice(2);
const dir = path.join(from, "stacks");
const stacks = Object.fromEntries(fs.readdirSync(dir).sort().map((name) =>
  [name, JSON.parse(fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8")) as StackJson]));
const app = new App({ outdir, stackTraces: false });
buildFloor(app, stacks);
app.synth();
reportProcess();
