import * as fs from "fs";
import * as path from "path";
import { Annotations, App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ServiceCatalog } from "../model/catalog";
import { Release } from "../model/release";
import { Service } from "../model/service";
import { validateCatalog } from "../validation/catalog-rules";
import { RenderedStack, validateRendered } from "../validation/rendered-rules";
import { validateUserText } from "../validation/user-text";
import { validateSettings } from "./settings-rules";
import { escapeElements } from "./template-escaping";
import { ValidationError, Violation, formatViolation, sortViolations } from "../validation/violation";
import { PolicyContext, StageSettings } from "../policies/policy";

/** What every environment is built from. */
export interface EnvironmentProps {
  /** The services to deploy. */
  readonly catalog: ServiceCatalog;
  /** Which version (and optionally how many replicas) of each service runs here. */
  readonly release: Release;
  /** How this stage differs from the others. @default - the platform's usual stage */
  readonly settings?: StageSettings;
}

/**
 * A stack that renders a service catalog for one environment. It checks the
 * whole input first (model rules, platform rules, stage policies); with any
 * error it renders nothing and stops synthesis with every violation at once.
 */
export abstract class EnvironmentStack extends TerraformStack {
  /** The services deployed here. */
  public readonly catalog: ServiceCatalog;
  /** Versions and replicas in this environment. */
  public readonly release: Release;
  /** This stage's settings. */
  public readonly settings: StageSettings;
  private violations: Violation[] = [];
  private renderedChecked = false;

  protected constructor(scope: Construct, id: string, props: EnvironmentProps, defaultSettings: StageSettings) {
    super(scope, id);
    this.catalog = props.catalog;
    this.release = props.release;
    this.settings = props.settings ?? defaultSettings;
  }

  /** Every violation found by `admit`, errors first. */
  public get report(): readonly Violation[] {
    return this.violations;
  }

  /** The version `service` runs here (only call once `admit` returned true). */
  public versionOf(service: Service): string {
    return this.release.versionOf(service.name)!;
  }

  /** The number of instances of `service` here: the release's, else the service's own. */
  public replicasOf(service: Service): number {
    return this.release.entryOf(service.name)?.replicas ?? service.replicas;
  }

  /**
   * Runs the settings and model rules, `platformRules` and the stage's
   * policies, and checks every string of the input and of `platformProps`
   * (the platform's own props, defaults applied) for text cdktf would take for
   * its tokens. Returns true when there is no error and rendering may go ahead.
   * Warnings become warning annotations, which `cdktf synth` prints.
   */
  protected admit(platformRules: (context: PolicyContext) => Violation[], platformProps: object): boolean {
    const context: PolicyContext = {
      path: this.node.path,
      catalog: this.catalog,
      release: this.release,
      settings: this.settings,
    };
    const settings = validateSettings(context.path, this.settings);
    // Platform rules and policies read the settings, so they only run on settings that make sense.
    const dependent = settings.length > 0 ? [] : [
      ...platformRules(context),
      ...this.settings.policies.flatMap((policy) => policy.check(context)),
    ];
    this.record([
      ...settings,
      ...validateCatalog(context.path, this.catalog, this.release),
      ...validateUserText(context.path, this.catalog, this.release, this.settings, platformProps),
      ...dependent,
    ]);
    return !this.hasErrors();
  }

  /**
   * Stops this stack's synthesis on any error, and removes output left by an
   * earlier synth. Once the input was admitted, it first checks what the
   * platform rendered (sensitive outputs, prevent_destroy on stateful resources).
   */
  public runAllValidations(): void {
    if (!this.hasErrors() && !this.renderedChecked) {
      this.renderedChecked = true;
      this.record(validateRendered(this.node.path, this.toTerraform() as RenderedStack, this.settings.deletionProtection));
    }
    if (this.hasErrors()) {
      fs.rmSync(path.join(App.of(this).outdir, "stacks", this.node.id), { recursive: true, force: true });
      const policies = Array.isArray(this.settings.policies) ? this.settings.policies.map((p) => p.name) : [];
      throw new ValidationError(this.node.path, this.violations, policies);
    }
    super.runAllValidations();
  }

  /** The stack's Terraform JSON; every string a team wrote goes through the escaping sink first (template-escaping.ts). */
  public toTerraform(): any {
    escapeElements(this);
    return super.toTerraform();
  }

  /** The stack as HCL, through the same sink. */
  public toHclTerraform(): any {
    escapeElements(this);
    return super.toHclTerraform();
  }

  private record(found: readonly Violation[]): void {
    for (const warning of found.filter((v) => v.severity === "warning")) {
      Annotations.of(this).addWarning(formatViolation(warning));
    }
    this.violations = sortViolations([...this.violations, ...found]);
  }

  private hasErrors(): boolean {
    return this.violations.some((v) => v.severity === "error");
  }
}
