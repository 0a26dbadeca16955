import * as fs from "fs";
import * as path from "path";
import { Annotations, App, TerraformStack } from "cdktf";
import { RenderedStack, validateRendered } from "../validation/rendered-rules";
import { ValidationError, Violation, formatViolation, sortViolations } from "../validation/violation";

/**
 * A stack that checks its input before rendering and what it rendered before
 * anything is written: with any error it stops synthesis with every violation
 * at once, and removes output an earlier synth left for it.
 */
export abstract class CheckedStack extends TerraformStack {
  private violations: Violation[] = [];
  private renderedChecked = false;

  /** Every violation found so far, errors first. */
  public get report(): readonly Violation[] {
    return this.violations;
  }

  /** Whether stateful resources must carry `prevent_destroy` (checked on what was rendered). */
  protected abstract get deletionProtection(): boolean;

  /** Why they must, said in the error when one does not. */
  protected abstract get protectionReason(): string;

  /** Names of rules a team may relax, so the error can say so. @default - none */
  protected relaxableRules(): readonly string[] {
    return [];
  }

  /**
   * Checks that can only run once every stack of the App is built; they run
   * at synth, before this stack's output is written.
   * @default - none
   */
  protected checkAtSynth(): Violation[] {
    return [];
  }

  /**
   * Stops this stack's synthesis on any error, and removes output left by an
   * earlier synth. Once the input was admitted, it first runs the synth-time
   * checks and checks what was rendered (sensitive outputs, prevent_destroy on
   * stateful resources).
   */
  public runAllValidations(): void {
    if (!this.hasErrors() && !this.renderedChecked) {
      this.renderedChecked = true;
      this.record(this.checkAtSynth());
      if (!this.hasErrors()) {
        this.record(validateRendered(this.node.path, this.toTerraform() as RenderedStack,
          this.deletionProtection, this.protectionReason));
      }
    }
    if (this.hasErrors()) {
      fs.rmSync(path.join(App.of(this).outdir, "stacks", this.node.id), { recursive: true, force: true });
      throw new ValidationError(this.node.path, this.violations, this.relaxableRules());
    }
    super.runAllValidations();
  }

  /** Adds violations; warnings also become warning annotations, which `cdktf synth` prints. */
  protected record(found: readonly Violation[]): void {
    for (const warning of found.filter((v) => v.severity === "warning")) {
      Annotations.of(this).addWarning(formatViolation(warning));
    }
    this.violations = sortViolations([...this.violations, ...found]);
  }

  /** Whether any error was recorded. */
  protected hasErrors(): boolean {
    return this.violations.some((v) => v.severity === "error");
  }
}
