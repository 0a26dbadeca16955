/** Hostile Aspects and overrides, and how a row of them is judged: shared by the tests of the final configuration. */
import { App, IAspect, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError } from "../../lib";
import { readOutput, tempApp } from "../support/synth";
import { HostileRow, synthCapturing } from "./hostile";

/** An Aspect that overrides `attribute` with `value` on every resource of `type`. */
export function overriding(type: string, attribute: string, value: unknown): IAspect {
  return { visit: (node: IConstruct) => {
    if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === type) node.addOverride(attribute, value);
  } };
}

/** An Aspect that removes the child `id` of `stack`. */
export function removing(stack: TerraformStack, id: string): IAspect {
  return { visit: (node: IConstruct) => {
    if (node === stack) stack.node.tryRemoveChild(id);
  } };
}

/** A hostile row refused by one policy (or one platform rule): every error carries its name. */
export interface PolicyRow extends HostileRow {
  readonly rule: string;
}

/** Rules of a platform, not of the stage's policies. */
const PLATFORM_RULES = ["alicloud", "docker"];

/** Synthesizes the row's App: exactly its errors, from its policy, no secret shown, and no stack written. */
export function expectRefused(row: PolicyRow): void {
  const app = tempApp();
  row.build(app);
  const { error, stderr } = synthCapturing(app);
  expect(error).toBeInstanceOf(ValidationError);
  const report = error as ValidationError;
  const errors = report.violations.filter((v) => v.severity === "error");
  expect(errors.map((v) => [v.path, v.field, v.value, v.rule])).toEqual((row.errors ?? []).map(([p, f, v]) => [p, f, v, row.rule]));
  (row.errors ?? []).forEach(([, , , allowed], i) => expect(errors[i].allowed).toContain(allowed));
  // A platform's own rule is no policy: it cannot be relaxed.
  if (PLATFORM_RULES.includes(row.rule)) expect(report.message).not.toContain("is a policy of this stage");
  else expect(report.message).toContain(`[${row.rule}] is a policy of this stage`);
  if (row.hidden) expect(`${report.message}\n${stderr}`).not.toContain(row.hidden);
  expect(readOutput(app.outdir).stacks).toEqual({});
}

/** Synthesizes `app`, returning what it wrote and the warnings printed. */
export function written(app: App): { stacks: Record<string, any>; warnings: string[] } {
  const { error, stderr } = synthCapturing(app);
  expect(error).toBeUndefined();
  return { stacks: readOutput(app.outdir).stacks, warnings: stderr.split("\n").filter((l) => l.startsWith("WARNING ")) };
}
