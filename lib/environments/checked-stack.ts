import { Annotations, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { RenderedStack, validateRendered } from "../validation/rendered-rules";
import { Violation, describeViolation, sortViolations } from "../validation/violation";
import { AppGate } from "./app-gate";
import { Claim } from "./claims";
import { renderCopyingPlainValues } from "./plain-resolution";
import { prepareKeepingResolutions, renderWithPreparedResolutions } from "./prepared-rendering";
import { escapeElements, escapeOverride } from "./template-escaping";

/**
 * A stack that checks its input before rendering and what it rendered before
 * anything is written. It joins its App's gate, which applies every Aspect of
 * the App, then checks every such stack on its final configuration before any
 * is written and stops synthesis with every stack's violations at once; what
 * is written is the rendering that was checked. Every string it renders goes
 * through the escaping sink (template-escaping.ts), its own overrides too.
 * What it inherits from cdktf's `TerraformStack` is documented by cdktf and
 * left out of this reference.
 */
export abstract class CheckedStack extends TerraformStack {
  private violations: Violation[] = [];
  /** The rendering the App's gate checked, kept for the write that follows (see toTerraform). */
  private checkedRendering?: unknown;
  /** The rendering the App's gate checked last, for the checks that read it (claims). */
  private lastChecked?: RenderedStack;

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
   * Every finding of this stack, for the App's gate, which calls it once per
   * synth after every Aspect ran. Once the input was admitted, it runs the
   * synth-time checks and renders the stack's final configuration, checks it
   * (sensitive outputs and variables, prevent_destroy on stateful resources,
   * the platform's rules on rendered attributes) and keeps it for the write.
   * @internal
   */
  public findings(aspectsChanged = false): readonly Violation[] {
    this.checkedRendering = undefined;
    this.lastChecked = undefined;
    if (this.hasErrors()) return this.violations;
    const found = [...this.checkAtSynth()];
    if (!found.some((v) => v.severity === "error")) {
      const render = (): unknown => this.toTerraform();
      // Resolutions kept from preparing the stack hold only while nothing changed since: Aspects may have.
      const rendering = (aspectsChanged ? render() : renderWithPreparedResolutions(this, render)) as RenderedStack;
      found.push(...this.checkRendered(rendering));
      this.checkedRendering = rendering;
      this.lastChecked = rendering;
    }
    this.annotate(found);
    return sortViolations([...this.violations, ...found]);
  }

  /**
   * Checks the stack's final configuration, as it will be written.
   * @internal
   */
  protected checkRendered(rendering: RenderedStack): Violation[] {
    return validateRendered(this.node.path, rendering, this.deletionProtection, this.protectionReason, this.secretVariables);
  }

  /**
   * Names of the Terraform variables that carry secrets, which must stay sensitive.
   * @internal
   */
  protected get secretVariables(): readonly string[] {
    return [];
  }

  /**
   * The final configuration the App's gate checked in this synth, if it got that far.
   * @internal
   */
  protected get checkedConfiguration(): RenderedStack | undefined {
    return this.lastChecked;
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
   * escaping sink first. In a synth, the App's gate renders each stack once
   * every Aspect has run, checks that rendering and keeps it: the write takes
   * exactly what was checked (nothing can change it in between, and rendering
   * is the costliest step of a large synth).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.toTerraform() signature, public API
  public toTerraform(): any {
    const checked = this.checkedRendering;
    this.checkedRendering = undefined;
    if (checked !== undefined) return checked;
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
   * An override of the stack's configuration (cdktf's escape hatch), its text
   * escaped like every other string the stack renders. cdktf documents the method.
   * @internal
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.addOverride() signature, public API
  public addOverride(path: string, value: any): void {
    super.addOverride(path, escapeOverride(path, value));
  }

  /**
   * Adds violations; warnings also become warning annotations, which `cdktf synth` prints as warnings.
   * @internal
   */
  protected record(found: readonly Violation[]): void {
    this.annotate(found);
    this.violations = sortViolations([...this.violations, ...found]);
  }

  private annotate(found: readonly Violation[]): void {
    for (const warning of found.filter((v) => v.severity === "warning")) {
      Annotations.of(this).addWarning(describeViolation(warning));
    }
  }

  /**
   * Whether any error was recorded.
   * @internal
   */
  protected hasErrors(): boolean {
    return this.violations.some((v) => v.severity === "error");
  }
}
