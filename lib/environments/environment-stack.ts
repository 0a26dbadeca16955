import { Construct, IConstruct } from "constructs";
import { Alerting } from "../model/alarms";
import { ServiceCatalog } from "../model/catalog";
import { Release } from "../model/release";
import { isList } from "../model/lists";
import { Service } from "../model/service";
import { validateCatalog } from "../validation/catalog-rules";
import { validateAlerting } from "../validation/operations-rules";
import { validateShapes } from "../validation/shape-rules";
import { validateStores } from "../validation/store-rules";
import { validateUserText } from "../validation/user-text";
import { CHECK_RECORD_KEY, CheckRecord } from "../validation/check-record";
import { Checker } from "../validation/checker";
import { PrivateNameRule, ReservedName, validatePrivateNames, validateRenderedPrivateNames } from "../validation/private-names";
import { RenderedStack } from "../validation/rendered-rules";
import { storeRecords } from "./store-records";
import { honourStackTraceSwitch } from "./creation-stacks";
import { validateSettings } from "./settings-rules";
import { Violation } from "../validation/violation";
import { PolicyContext, StageSettings, StorePlan } from "../policies/policy";
import { RenderedConfiguration } from "../policies/rendered";
import { CheckedStack } from "./checked-stack";
import { ReportLoss, lossWarning } from "./loss";

/** What every environment is built from; each platform's props add its stage settings and its own fields. */
export interface EnvironmentProps {
  /** The services to deploy. */
  readonly catalog: ServiceCatalog;
  /** Which version (and optionally how many replicas) of each service runs here; build it with `catalog.release`. */
  readonly release: Release;
  /**
   * Domains of the team's own under which services may be given private names (aliases, internal route
   * domains), besides single labels and names under `.local` or `.internal`. Never one of Alibaba Cloud's
   * service domains or the environment's endpoints (docs/policies.md, "Names a team may give privately").
   * @default []
   */
  readonly privateDomains?: readonly string[];
}

/**
 * A stack that renders a service catalog for one environment. It checks the
 * whole input first (model rules, platform rules, stage policies); with any
 * error it renders nothing. At synth, the App's gate checks every environment
 * of the App before any is written, and stops synthesis with every stack's
 * violations at once. What it inherits from cdktf's `TerraformStack` is
 * documented by cdktf and left out of this reference.
 */
export abstract class EnvironmentStack extends CheckedStack {
  /** The services deployed here. */
  public readonly catalog: ServiceCatalog;
  /** Versions and replicas in this environment. */
  public readonly release: Release;
  /** This stage's settings. */
  public readonly settings: StageSettings;
  /** Domains under which services may be given private names here. */
  public readonly privateDomains: readonly string[];
  /** How the stores are provided here, once the input was admitted. */
  private storePlans: readonly StorePlan[] = [];
  /** What the policies judged, once the input was admitted: their rendered checks judge the same environment. */
  private policyContext?: PolicyContext;
  /** Policies whose check of the input warned already: the same warning is not repeated on what was written. */
  private warnedPolicies = new Set<string>();

  /**
   * @param settings - the stage's settings; JavaScript callers may leave them out, which
   * the input checks report instead of guessing a stage
   */
  protected constructor(scope: Construct, id: string, props: EnvironmentProps, settings: StageSettings) {
    super(scope, id);
    honourStackTraceSwitch(this);
    this.reportConstructIdClashes();
    this.catalog = props.catalog;
    this.release = props.release;
    this.settings = settings;
    this.privateDomains = props.privateDomains ?? [];
    if (this.catalog instanceof ServiceCatalog) this.catalog.freeze(this.node.path);
  }

  /**
   * Renderers derive construct ids from names a team gave (`<service>-image`,
   * `public-<service>`); the platform rules refuse the clashes they know of,
   * with the field that made them. Any other clash becomes a finding too,
   * instead of cdktf's bare "There is already a Construct": the second part
   * is added under another id, and the error stops synthesis.
   */
  private reportConstructIdClashes(): void {
    // constructs' Node.addChild, private in its types: every construct created in this stack registers through it.
    const node = this.node as unknown as { addChild(child: IConstruct, name: string): void };
    const add = node.addChild.bind(node);
    const ids = new Set(this.node.children.map((c) => c.node.id));
    node.addChild = (child, name) => {
      let taken = ids.has(name);
      if (!taken) {
        try {
          add(child, name);
          ids.add(name);
          return;
        } catch {
          // constructs keeps children in a plain object: `constructor` is "already there".
          taken = true;
        }
      }
      const c = new Checker("model");
      c.expect(false, `${this.node.path}/${name}`, "construct id", name, "names that give each part of the environment its " +
        "own construct id: another part already has this one (rename the service, image or log store it was made from)");
      this.record(c.violations);
      let n = 2;
      while (ids.has(`${name}~${n}`)) n++;
      ids.add(`${name}~${n}`);
      add(child, `${name}~${n}`);
    };
  }

  /** The version `service` runs here, from the release (for a service of the catalog, once the input was admitted). */
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
   * Warnings become warning annotations, which `cdktf synth` prints; the App's
   * gate prints them on a plain `app.synth()`. `alarms` says who the alarms
   * notify on a platform that renders them; without it, the platform renders none.
   * `planStores` says how the platform provides each store the services use;
   * the policies judge that plan.
   */
  protected admit(
    platformRules: (context: PolicyContext) => Violation[], platformProps: object, alarms?: { readonly alerting?: Alerting },
    planStores: () => StorePlan[] = () => [],
  ): boolean {
    const alerting = alarms?.alerting;
    const base: PolicyContext = {
      path: this.node.path,
      catalog: this.catalog,
      release: this.release,
      settings: this.settings,
      alerting,
      rendersAlarms: alarms !== undefined,
    };
    const settings = validateSettings(base.path, this.settings, this.catalog instanceof ServiceCatalog && this.catalog.stores.length > 0);
    // Every other rule reads services, the release and settings: they run only on input of the right types.
    const shapes = validateShapes(base.path, this.catalog, this.release);
    const typed = shapes.length === 0 ? [
      ...validateCatalog(base.path, this.catalog, this.release),
      ...validateStores(base.path, this.catalog, String(this.settings?.name)),
    ] : [];
    // Platform rules and policies read the settings, so they only run on settings that make sense.
    if (settings.length === 0 && shapes.length === 0) this.storePlans = planStores();
    const context: PolicyContext = { ...base, stores: this.storePlans };
    const judged = settings.length > 0 || shapes.length > 0 ? [] : this.settings.policies.flatMap((policy) => policy.check(context));
    const dependent = settings.length > 0 || shapes.length > 0 ? [] : [...platformRules(context), ...judged];
    this.policyContext = settings.length > 0 || shapes.length > 0 ? undefined : context;
    this.warnedPolicies = new Set(judged.filter((v) => v.severity === "warning").map((v) => v.rule));
    const text = shapes.length === 0
      ? validateUserText(context.path, this.catalog, this.release, this.settings,
        { alerting, privateDomains: this.privateDomains, ...platformProps }) : [];
    const domains = new Checker("model");
    const names = domains.expect(isList(this.privateDomains), context.path, "privateDomains", this.privateDomains,
      'a list of domain names, e.g. ["corp.example"]') && shapes.length === 0
      ? validatePrivateNames(context.path, this.catalog, this.privateNames) : domains.violations;
    this.record([...settings, ...shapes, ...typed, ...validateAlerting(context.path, alerting), ...text, ...names, ...dependent]);
    return !this.hasErrors();
  }

  /**
   * The endpoints this environment is given (registry, state, …), which no private name may cover.
   * @internal
   */
  protected endpoints(): ReservedName[] {
    return [];
  }

  /**
   * What decides which names may be private here.
   * @internal
   */
  protected get privateNames(): PrivateNameRule {
    return { declared: this.privateDomains, endpoints: this.endpoints() };
  }

  /**
   * The checks of every stack, and the names the environment answers for as written.
   * @internal
   */
  protected checkRendered(rendering: RenderedStack): Violation[] {
    return [...super.checkRendered(rendering), ...validateRenderedPrivateNames(this.node.path, rendering.resource, this.privateNames),
      ...this.checkRenderedPolicies(rendering)];
  }

  /**
   * The stage's policies on the final configuration, read by the platform: what an Aspect or
   * override wrote is judged as the input was. A policy that warned about the input already is
   * not repeated as a warning on what was written from it.
   */
  private checkRenderedPolicies(rendering: RenderedStack): Violation[] {
    const context = this.policyContext;
    const policies = context ? this.settings.policies.filter((p) => typeof p.checkRendered === "function") : [];
    if (!context || policies.length === 0) return [];
    const configuration = this.renderedConfiguration(rendering);
    return policies.flatMap((policy) => policy.checkRendered!(configuration, context))
      .filter((v) => v.severity === "error" || !this.warnedPolicies.has(v.rule));
  }

  /**
   * What the policies judge in the final configuration, read from this platform's resources.
   * @internal
   */
  protected abstract renderedConfiguration(rendering: RenderedStack): RenderedConfiguration;

  /**
   * Records a warning for a setting of `service` this platform renders other than asked.
   * @internal
   */
  protected lossReporter(service: Service): ReportLoss {
    return (loss) => this.record([lossWarning(`${this.node.path}/${service.name}`, loss)]);
  }

  /**
   * The stack's Terraform JSON, with a record of how it was checked (stage,
   * services, policies and how they were adjusted) in its `"//"` comment block,
   * where plan-review reads it.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.toTerraform() signature, public API
  public toTerraform(): any {
    const json = super.toTerraform() as { readonly "//"?: Record<string, unknown> };
    // Wrong-typed input is reported by the checks; the record only keeps what it can read.
    const policies = isList(this.settings?.policies) ? this.settings.policies : [];
    const checked: CheckRecord = {
      stage: String(this.settings?.name),
      services: this.catalog instanceof ServiceCatalog ? this.catalog.services.map((s) => s.name) : [],
      policies: policies.map((p) => ({ name: p.name, enforcement: p.warnsOnly ? "warning" : "error" })),
      adjustments: isList(this.settings?.adjustments) ? this.settings.adjustments : [],
      ...(this.catalog instanceof ServiceCatalog ? storeRecords(this.catalog, this.storePlans, String(this.settings?.name)) : {}),
    };
    return { ...json, "//": { ...json["//"], [CHECK_RECORD_KEY]: checked } };
  }

  /**
   * Names of this stage's policies.
   * @internal
   */
  public get policyNames(): readonly string[] {
    return isList(this.settings?.policies) ? this.settings.policies.map((p) => p.name) : [];
  }

  /**
   * The stage's deletion protection.
   * @internal
   */
  protected get deletionProtection(): boolean {
    return this.settings.deletionProtection;
  }

  /** @internal */
  protected get protectionReason(): string {
    return "settings.deletionProtection is on";
  }

  /**
   * The variables the services' secrets are read from.
   * @internal
   */
  protected get secretVariables(): readonly string[] {
    return this.catalog.services.flatMap((s) => Object.values(s.secrets).map((secret) => secret.variableName));
  }
}
