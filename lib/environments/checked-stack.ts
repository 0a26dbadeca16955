import { Annotations, Aspects, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { RenderedStack, validateRendered } from "../validation/rendered-rules";
import { Violation, describeViolation, sortViolations } from "../validation/violation";
import { AppGate } from "./app-gate";
import { Claim } from "./claims";
import { renderCopyingPlainValues } from "./plain-resolution";
import { prepareKeepingResolutions, renderWithPreparedResolutions } from "./prepared-rendering";
import { escapeElements } from "./template-escaping";

/**
 * A stack that checks its input before rendering and what it rendered before
 * anything is written. It joins its App's gate, which checks every such stack
 * of the App before any is written and stops synthesis with every stack's
 * violations at once; and every string it renders goes through the escaping
 * sink (template-escaping.ts). What it inherits from cdktf's `TerraformStack`
 * is documented by cdktf and left out of this reference.
 */
export abstract class CheckedStack extends TerraformStack {
  private violations: Violation[] = [];
  private renderedChecked = false;
  /** The rendering the App's gate checked, kept for the write that follows (see toTerraform). */
  private checkedRendering?: unknown;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    AppGate.of(this).register(this);
  }

  /** Every violation found so far (input checks, losses while rendering), errors first. */
  public get report(): readonly Violation[] {
    return this.violations;
  }

  /**
   * Names of rules a team may relax, so the error can say so.
   * @internal
   */
  public get policyNames(): readonly string[] {
    return [];
  }

  /**
   * What this stack owns outside the App, which no other stack of the App may own.
   * @internal
   */
  public claims(): readonly Claim[] {
    return [];
  }

  /**
   * Whether stateful resources must carry `prevent_destroy` (checked on what was rendered).
   * @internal
   */
  protected abstract get deletionProtection(): boolean;

  /**
   * Why they must, said in the error when one does not.
   * @internal
   */
  protected abstract get protectionReason(): string;

  /**
   * Checks that can only run once every stack of the App is built; the gate
   * runs them at synth, before any stack is written.
   * @internal
   */
  protected checkAtSynth(): Violation[] {
    return [];
  }

  /**
   * Every finding of this stack, for the App's gate. Once the input was
   * admitted, it first runs the synth-time checks and checks what was rendered
   * (sensitive outputs, prevent_destroy on stateful resources).
   * @internal
   */
  public findings(): readonly Violation[] {
    if (!this.hasErrors() && !this.renderedChecked) {
      this.renderedChecked = true;
      this.record(this.checkAtSynth());
      if (!this.hasErrors()) {
        // cdktf prepared every stack just before: nothing has changed since (aspects come later).
        const rendering = renderWithPreparedResolutions(this, (): unknown => this.toTerraform());
        this.record(validateRendered(this.node.path, rendering as RenderedStack, this.deletionProtection, this.protectionReason));
        this.checkedRendering = rendering;
      }
    }
    return this.violations;
  }

  /**
   * Prepares the stack for a synth as cdktf does, keeping what its elements
   * resolved to for the gate's rendering (prepared-rendering.ts), and has the
   * App checked as a whole before any stack is written.
   */
  public prepareStack(): void {
    escapeElements(this);
    prepareKeepingResolutions(this);
    AppGate.of(this).arm();
  }

  /**
   * The stack's Terraform JSON; every string a team wrote goes through the
   * escaping sink first. The App's gate renders each stack to check it and
   * cdktf renders it again right after to write it; rendering is the costliest
   * step of a large synth, so the write takes the checked rendering, unless an
   * aspect (cdktf applies them in between) may have changed the stack.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.toTerraform() signature, public API
  public toTerraform(): any {
    const checked = this.checkedRendering;
    this.checkedRendering = undefined;
    if (checked !== undefined && !this.node.findAll().some((c) => Aspects.of(c).all.length > 0)) return checked;
    escapeElements(this);
    return renderCopyingPlainValues(this, (): unknown => super.toTerraform());
  }

  /** The stack as HCL, through the same sink. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.toHclTerraform() values, public API
  public toHclTerraform(): any {
    escapeElements(this);
    return super.toHclTerraform();
  }

  /**
   * Adds violations; warnings also become warning annotations, which `cdktf synth` prints as warnings.
   * @internal
   */
  protected record(found: readonly Violation[]): void {
    for (const warning of found.filter((v) => v.severity === "warning")) {
      Annotations.of(this).addWarning(describeViolation(warning));
    }
    this.violations = sortViolations([...this.violations, ...found]);
  }

  /**
   * Whether any error was recorded.
   * @internal
   */
  protected hasErrors(): boolean {
    return this.violations.some((v) => v.severity === "error");
  }
}
