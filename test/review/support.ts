import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Review, renderMarkdown, reviewOutputs, summaryLine } from "../../lib/review";
import { CliIo } from "../../lib/review/cli";
import { ExampleChange, synthExample } from "./example-app";

let example: string | undefined;
const temporary: string[] = [];

// Edited copies are made per test; they go when the test file is done.
afterAll(() => temporary.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The example App (stacks/) synthesized once per test file. */
export function exampleOutput(): string {
  example ??= synthExample();
  return example;
}

/** A copy of a cdktf output directory with `edit` applied to the parsed cdk.tf.json of each stack. */
export function editedOutput(outdir: string, edit: (stacks: Record<string, any>) => void): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "review-head-"));
  temporary.push(copy);
  fs.cpSync(outdir, copy, { recursive: true });
  const stacks: Record<string, any> = {};
  for (const name of fs.readdirSync(path.join(copy, "stacks"))) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(copy, "stacks", name, "cdk.tf.json"), "utf8"));
  }
  edit(stacks);
  for (const [name, json] of Object.entries(stacks)) {
    fs.writeFileSync(path.join(copy, "stacks", name, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  return copy;
}

/** What a review of two output directories produced. */
export interface Reviewed {
  readonly review: Review;
  readonly markdown: string;
  readonly summary: string;
}

/** Reviews `head` against `base` (both cdktf output directories) as the command would. */
export function reviewDirs(base: string, head: string, production = ["production"]): Reviewed {
  const review = reviewOutputs(base, head, { production });
  return { review, markdown: renderMarkdown(review), summary: summaryLine(review) };
}

/** Reviews the example App changed by `change` against the example App, both synthesized for real. */
export function reviewChange(change: ExampleChange): Reviewed {
  return reviewDirs(exampleOutput(), synthExample(change));
}

/** Reviews a change made to the example App's output JSON by `edit` (for what no model change can produce). */
export function reviewEdit(edit: (stacks: Record<string, any>) => void, production?: string[]): Reviewed {
  return reviewDirs(exampleOutput(), editedOutput(exampleOutput(), edit), production);
}

/** The risks of a review as `severity kind stack subject` lines, for exact comparison. */
export function riskLines(review: Review): string[] {
  return review.risks.map((r) => `${r.severity} ${r.kind} ${r.stack} ${r.subject}`);
}

/** A CliIo that records what the command writes. */
export function recordingIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd,
    stdout: (text: string) => { io.out += text; },
    stderr: (text: string) => { io.err += text; },
  };
  return io;
}

/** The resource `name` of `type` in a parsed stack, failing loudly when the example no longer has it. */
export function resourceOf(stack: any, type: string, name: string): any {
  const resource = stack.resource?.[type]?.[name];
  if (!resource) throw new Error(`the example stack has no ${type}.${name}; update the review test`);
  return resource;
}

/**
 * A `terraform show -json` plan of one stack between two synthesized outputs,
 * as Terraform would write it for configurations this simple: each resource's
 * configured values (references and variables resolved to placeholders, a
 * `jsonencode` to a JSON string), created, deleted, updated or unchanged.
 */
export function planOf(base: string, head: string, stack: string): object {
  const read = (dir: string): any => JSON.parse(fs.readFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), "utf8"));
  const [before, after] = [read(base), read(head)];
  // Terraform marks every attribute that reads a sensitive variable as sensitive, as a whole.
  const secretVariables = Object.entries({ ...before.variable, ...after.variable }).filter(([, v]: [string, any]) => v.sensitive).map(([name]) => name);
  // Inside a JSON-encoded field (SAE envs) a reference is JSON: jsonencode(…) a string, a bare one (a config map's id) a number.
  const resolve = (text: string) => text
    .replace(/\$\{jsonencode\(var\.([a-z0-9_]+)\)\}/g, '"value-of-$1"').replace(/\$\{var\.([a-z0-9_]+)\}/g, "value-of-$1")
    .replace(/\$\{jsonencode\([^}]*\)\}/g, '"resolved"').replace(/:\$\{[^}]*\}/g, ":1").replace(/\$\{[^}]*\}/g, "resolved");
  const planned = (values: any): [any, any] => {
    if (values === undefined) return [null, false];
    const { "//": _metadata, lifecycle: _lifecycle, depends_on: _dependsOn, ...rest } = values;
    const sensitive = Object.fromEntries(Object.entries(rest)
      .filter(([, v]) => secretVariables.some((name) => JSON.stringify(v).includes(`var.${name}`))).map(([k]) => [k, true]));
    return [JSON.parse(JSON.stringify(rest), (_key, value) => (typeof value === "string" ? resolve(value) : value)), sensitive];
  };
  const changes = [...new Set([...Object.keys(before.resource ?? {}), ...Object.keys(after.resource ?? {})])].flatMap((type) => {
    const names = [...new Set([...Object.keys(before.resource?.[type] ?? {}), ...Object.keys(after.resource?.[type] ?? {})])];
    return names.map((name) => {
      const [was, wasSensitive] = planned(before.resource?.[type]?.[name]);
      const [now, nowSensitive] = planned(after.resource?.[type]?.[name]);
      const actions = was === null ? ["create"] : now === null ? ["delete"] : JSON.stringify(was) === JSON.stringify(now) ? ["no-op"] : ["update"];
      const change = { actions, before: was, after: now, after_unknown: {}, before_sensitive: wasSensitive, after_sensitive: nowSensitive };
      return { address: `${type}.${name}`, mode: "managed", type, name, change };
    });
  });
  return { format_version: "1.2", terraform_version: "1.9.8", resource_changes: changes };
}
