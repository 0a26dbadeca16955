import * as fs from "fs";
import * as path from "path";
import { AnnotationMetadataEntryType, ISynthesisSession, StackAnnotation, TerraformStack } from "cdktf";
import { StackReport, ValidationError, Violation, describeViolation, relaxHint } from "../validation/violation";

/** cdktf's annotation levels, as its manifest records them. */
const LEVEL = { error: AnnotationMetadataEntryType.ERROR, warning: AnnotationMetadataEntryType.WARN } as const;

/**
 * Where a rejected App's manifest points its stacks: a file that is not
 * Terraform (no `.tf.json`, outside `stacks/`), holding only the report.
 */
const REPORT_FILE = "validation-report.json";

/**
 * Whether the cdktf CLI runs this App. It sets this variable so that a stack's
 * error annotations go into the manifest instead of stopping the App, and
 * prints every annotation itself, once, at its level (cdktf's own
 * StackSynthesizer reads the variable the same way). The App's stderr it
 * logs at error level, and repeats in full when the App fails: findings go to
 * the CLI as annotations instead.
 * @internal
 */
export function cliPrintsAnnotations(): boolean {
  return process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/**
 * Hands a rejected App to the cdktf CLI: the manifest lists every stack with
 * its findings as annotations (errors, warnings, and which errors a policy
 * relaxes) and points it at the report file, not at Terraform; no stack's
 * Terraform is written. The CLI prints each annotation once, refuses to go on
 * when any is an error (synth, diff and deploy alike), and exits non-zero.
 * @internal
 */
export function handRejectionToCli(session: ISynthesisSession, stacks: readonly TerraformStack[], error: ValidationError): void {
  fs.writeFileSync(path.join(session.outdir, REPORT_FILE),
    `${JSON.stringify({ "//": { metadata: {}, validationError: error.message }, terraform: {} }, null, 2)}\n`);
  const failed = error.stacks.filter((s) => s.violations.some((v) => v.severity === "error"));
  for (const stack of stacks) {
    const report = error.stacks.find((s) => s.stackPath === stack.node.path);
    const summary = report === failed[failed.length - 1] ? error.message.split("\n")[0] : undefined;
    session.manifest.stacks[stack.node.id] = {
      name: stack.node.id,
      constructPath: stack.node.path,
      workingDirectory: path.join("stacks", stack.node.id),
      synthesizedStackPath: REPORT_FILE,
      stackMetadataPath: REPORT_FILE,
      annotations: report === undefined ? [] : annotations(report, summary),
      dependencies: stack.dependencies.map((d) => d.node.path),
    };
  }
}

/** Removes what an earlier rejected synth left for the CLI. */
export function removeCliReport(outdir: string): void {
  fs.rmSync(path.join(outdir, REPORT_FILE), { force: true });
}

function annotations(report: StackReport, summary: string | undefined): StackAnnotation[] {
  const hint = relaxHint(report);
  const info = [hint, summary].filter((line): line is string => line !== undefined);
  return [
    ...report.violations.map((v: Violation) => ({ constructPath: report.stackPath, level: LEVEL[v.severity], message: describeViolation(v) })),
    ...info.map((message) => ({ constructPath: report.stackPath, level: AnnotationMetadataEntryType.INFO, message })),
  ];
}
