import { Lazy, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../../.gen/providers/alicloud/provider";
import { OssBucket } from "../../../.gen/providers/alicloud/oss-bucket";
import { OssBucketAcl } from "../../../.gen/providers/alicloud/oss-bucket-acl";
import { OssBucketPublicAccessBlock } from "../../../.gen/providers/alicloud/oss-bucket-public-access-block";
import { OssBucketServerSideEncryption } from "../../../.gen/providers/alicloud/oss-bucket-server-side-encryption";
import { OssBucketVersioningA } from "../../../.gen/providers/alicloud/oss-bucket-versioning";
import { OtsInstance } from "../../../.gen/providers/alicloud/ots-instance";
import { OtsTable } from "../../../.gen/providers/alicloud/ots-table";
import { RamPolicy } from "../../../.gen/providers/alicloud/ram-policy";
import { RamRole } from "../../../.gen/providers/alicloud/ram-role";
import { RamRolePolicyAttachment } from "../../../.gen/providers/alicloud/ram-role-policy-attachment";
import { CheckedStack } from "../../environments/checked-stack";
import { Checker } from "../../validation/checker";
import { Violation } from "../../validation/violation";
import {
  MAX_POLICY_DOCUMENT_LENGTH, RamPolicyDocument, alicloudTypesOf, deployerPolicyDocument, trustPolicyDocument, unmappedTypes,
} from "./deployer-policy";
import { canonicalJson } from "./json-text";
import { RAM_ACTIONS_BY_TYPE, withTeamActions } from "./ram-actions";
import { isExempt, recordDeployerExemptions, wideGrants } from "./least-privilege";
import { isList } from "../../model/lists";
import { validateRenderedRam } from "./rendered-ram";
import { NAMED_TYPES, renderedClaims } from "./rendered-claims";
import { Claim } from "../../environments/claims";
import { RenderedStack } from "../../validation/rendered-rules";
import { CHECK_RECORD_KEY, CheckRecord } from "../../validation/check-record";
import { LOCK_PRIMARY_KEY, StateLocation, parseTablestoreEndpoint, stateLocation } from "./state";
import { DeployerProps, StateBootstrapProps } from "./state-bootstrap-props";
import { stateBootstrapRules } from "./state-bootstrap-rules";

/**
 * What the Alibaba Cloud environments' OSS backend needs before their first
 * deploy, created once per account and region with local state: the state
 * bucket (versioned, encrypted, private, public access blocked), the Tablestore
 * instance and lock table, all protected from destroy; and, when asked, the
 * deployer's RAM policy (and role) derived from what the environments synthesize.
 */
export class StateBootstrap extends CheckedStack {
  /** Bucket, region, lock endpoint and table, with defaults applied. */
  public readonly state: StateLocation;
  private readonly deployer?: DeployerProps;
  private readonly policyName: string;

  constructor(scope: Construct, id: string, props: StateBootstrapProps) {
    super(scope, id);
    this.state = stateLocation(props.state, props.region);
    this.deployer = props.deployer;
    // An environment's own RAM policies are judged against the exemptions of the deployers that deploy it.
    const exemptions = isList(props.deployer?.exemptions) ? props.deployer.exemptions : [];
    if (isList(props.deployer?.environments)) recordDeployerExemptions(props.deployer.environments.filter((e) => typeof e === "object" && e !== null), exemptions);
    this.policyName = props.deployer?.policyName ?? `${id}-deployer`;
    this.record(stateBootstrapRules(this.node.path, props.region, this.state, this.deployer, this.policyName));
    if (this.hasErrors()) return;

    const state = this.state;
    const tags = { stack: id, "managed-by": "cdktf-service-platform" };
    const protect = { preventDestroy: true };
    new AlicloudProvider(this, "alicloud", { region: state.region });

    const bucket = new OssBucket(this, "state-bucket", {
      bucket: state.bucket,
      storageClass: "Standard",
      tags,
      // Versioning and encryption are managed by their own resources below, as the provider advises.
      lifecycle: { ...protect, ignoreChanges: ["versioning", "server_side_encryption_rule"] },
    });
    new OssBucketVersioningA(this, "state-bucket-versioning", { bucket: bucket.bucket, status: "Enabled" });
    new OssBucketServerSideEncryption(this, "state-bucket-encryption", { bucket: bucket.bucket, sseAlgorithm: "AES256" });
    new OssBucketAcl(this, "state-bucket-acl", { bucket: bucket.bucket, acl: "private" });
    new OssBucketPublicAccessBlock(this, "state-bucket-public-access-block", { bucket: bucket.bucket, blockPublicAccess: true });

    const endpoint = parseTablestoreEndpoint(state.tablestoreEndpoint)!;
    const instance = new OtsInstance(this, "lock-instance", {
      name: endpoint.instance,
      description: "Terraform state locks",
      // Only the network the environments' backend reaches it through.
      networkTypeAcl: [endpoint.network],
      tags,
      lifecycle: protect,
    });
    new OtsTable(this, "lock-table", {
      instanceName: instance.name,
      tableName: state.tablestoreTable,
      primaryKey: [{ name: LOCK_PRIMARY_KEY, type: "String" }],
      timeToLive: -1,
      maxVersion: 1,
      lifecycle: protect,
    });

    new TerraformOutput(this, "state_bucket", { value: bucket.bucket });
    new TerraformOutput(this, "tablestore_endpoint", { value: state.tablestoreEndpoint });
    new TerraformOutput(this, "tablestore_table", { value: state.tablestoreTable });
    if (this.deployer) this.renderDeployer(this.deployer, tags);
  }

  /**
   * The deployer's RAM policy document: the actions of every alicloud type the
   * environments synthesize, their state objects and the lock table's rows.
   * Read once every stack of the App is built (at synth).
   */
  public deployerPolicy(): RamPolicyDocument | undefined {
    const deployer = this.deployer;
    if (!deployer) return undefined;
    return deployerPolicyDocument(this.deployerTypes(), this.actionsByType(), this.state,
      deployer.environments.map((environment) => environment.config.state.prefix));
  }

  /** The library's actions per type, with the team's added (never replaced). */
  private actionsByType(): Record<string, readonly string[]> {
    return withTeamActions(RAM_ACTIONS_BY_TYPE, this.deployer?.actions ?? {});
  }

  /**
   * What it creates by name in the account: the state bucket, the lock
   * instance and the deployer's policy and role, from its input and from its
   * final configuration.
   * @internal
   */
  public claims(): Claim[] {
    const path = this.node.path;
    const claim = (type: keyof typeof NAMED_TYPES, key: string, field: string, value: unknown): Claim =>
      ({ resource: NAMED_TYPES[type].resource, key, owner: path, path, field, value, remedy: NAMED_TYPES[type].remedy });
    const state = this.state;
    const instance = parseTablestoreEndpoint(state.tablestoreEndpoint)?.instance;
    const claims = [claim("alicloud_oss_bucket", `"${state.bucket}"`, "state.bucket", state.bucket)];
    if (instance !== undefined) {
      claims.push(claim("alicloud_ots_instance", `"${instance}" in ${state.region}`, "state.tablestoreEndpoint", state.tablestoreEndpoint));
    }
    const deployer = this.deployer;
    if (deployer) {
      claims.push(claim("alicloud_ram_policy", `"${this.policyName}"`,
        deployer.policyName === undefined ? "id (the default deployer.policyName)" : "deployer.policyName", this.policyName));
      if (deployer.role) claims.push(claim("alicloud_ram_role", `"${deployer.role.name}"`, "deployer.role.name", deployer.role.name));
    }
    return [...claims, ...renderedClaims(path, this.checkedConfiguration)];
  }

  /**
   * Always: the state outlives every environment.
   * @internal
   */
  protected get deletionProtection(): boolean {
    return true;
  }

  /** @internal */
  protected get protectionReason(): string {
    return "the environments' state is kept here";
  }

  /**
   * The environments' types are only complete once the App is built, so they are checked at synth.
   * @internal
   */
  protected checkAtSynth(): Violation[] {
    const deployer = this.deployer;
    if (!deployer) return [];
    const c = new Checker("deployer");
    const path = this.node.path;
    // An environment refused its input rendered nothing, so a policy derived from it would miss its resources.
    deployer.environments.forEach((environment, i) =>
      c.expect(!environment.report.some((v) => v.severity === "error"), path, `deployer.environments[${i}]`,
        environment.node.path, "an environment without errors: the deployer policy is derived from what it renders"));
    if (c.violations.length > 0) return c.violations;
    const actions = this.actionsByType();
    for (const type of unmappedTypes(this.deployerTypes(), actions)) {
      const users = deployer.environments.filter((e) => alicloudTypesOf(e).includes(type)).map((e) => e.node.path);
      c.expect(false, path, "deployer.actions", type,
        `RAM actions for ${type}, which ${users.join(" and ")} synthesize${users.length === 1 ? "s" : ""} and the ` +
        "library does not map: name them in deployer.actions so the deployer policy covers every resource it deploys");
    }
    if (c.violations.length === 0) {
      const length = JSON.stringify(this.deployerPolicy()).length;
      c.expect(length <= MAX_POLICY_DOCUMENT_LENGTH, path, "deployer.environments", `a ${length}-character policy`,
        `a policy document of at most ${MAX_POLICY_DOCUMENT_LENGTH} characters (RAM's limit): ` +
        "split the environments over two bootstrap deployers");
    }
    if (c.violations.length > 0) return c.violations;
    return this.leastPrivilegeFindings(deployer);
  }

  /**
   * Each grant of the derived policy outside least privilege that no
   * exemption names, reported where it came from: the team's actions, or the
   * library's for a type an environment synthesizes. (An exemption naming
   * nothing is judged on the final configuration: an override may be what it is for.)
   */
  private leastPrivilegeFindings(deployer: DeployerProps): Violation[] {
    const c = new Checker("deployer");
    const path = this.node.path;
    const exemptions = deployer.exemptions ?? [];
    const grants = wideGrants(this.deployerPolicy());
    const remedy = (action: string) => `add { action: ${JSON.stringify(action)}, reason: "…" } to deployer.exemptions to grant it ` +
      "knowingly (plan-review shows each exemption and its reason)";
    for (const grant of grants.filter((g) => !isExempt(g.action, exemptions))) {
      const own = Object.entries(deployer.actions ?? {}).flatMap(([type, actions]) =>
        actions.flatMap((action, i) => (action === grant.action ? [`deployer.actions.${type}[${i}]`] : [])));
      if (own.length > 0) {
        own.forEach((field) => c.expect(false, path, field, grant.action,
          `an action within least privilege: ${grant.action} grants ${grant.why}; name the APIs it needs, or ${remedy(grant.action)}`));
        continue;
      }
      const types = this.deployerTypes().filter((t) => (RAM_ACTIONS_BY_TYPE[t] ?? []).includes(grant.action));
      deployer.environments.forEach((environment, i) => {
        const used = types.filter((t) => alicloudTypesOf(environment).includes(t));
        if (used.length === 0) return;
        c.expect(false, path, `deployer.environments[${i}]`, environment.node.path,
          `an environment whose resource types need no grant outside least privilege: it synthesizes ${used.join(", ")}, ` +
          `for which the deployer would get ${grant.action}, ${grant.why}; keep such resources out of the environment, or ${remedy(grant.action)}`);
      });
    }
    return c.violations;
  }

  /**
   * The checks of every stack, and the RAM parts as written: every policy
   * document within least privilege (or exempted), the role trusting only RAM
   * principals, and the role holding only policies of this stack.
   * @internal
   */
  protected checkRendered(rendering: RenderedStack): Violation[] {
    // The environments were checked first (each is built before the bootstrap that deploys it): their grants use exemptions too.
    const grantedElsewhere = (this.deployer?.environments ?? []).flatMap((environment) => environment.ramGrants ?? []);
    return [...super.checkRendered(rendering), ...validateRenderedRam(this.node.path, rendering, this.deployer?.exemptions ?? [], { grantedElsewhere })];
  }

  /**
   * The stack's Terraform JSON; with exemptions, a record of them in its
   * `"//"` comment block, where plan-review reads them.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.toTerraform() signature, public API
  public toTerraform(): any {
    const json = super.toTerraform() as { readonly "//"?: Record<string, unknown> };
    const exemptions = this.deployer?.exemptions ?? [];
    if (exemptions.length === 0) return json;
    const stages = (this.deployer?.environments ?? []).map((e) => String(e.settings?.name));
    const checked: CheckRecord = {
      // The bootstrap deploys nothing itself: it is as sensitive as the strictest stage its deployer deploys.
      stage: stages.includes("production") ? "production" : stages[0] ?? "bootstrap",
      services: [],
      policies: [],
      adjustments: [],
      exemptions: exemptions.map((e) => ({ action: e.action, reason: e.reason })),
    };
    return { ...json, "//": { ...json["//"], [CHECK_RECORD_KEY]: checked } };
  }

  private deployerTypes(): string[] {
    return [...new Set(this.deployer!.environments.flatMap((environment) => alicloudTypesOf(environment)))].sort();
  }

  private renderDeployer(deployer: DeployerProps, tags: Record<string, string>): void {
    const document = Lazy.stringValue({ produce: () => canonicalJson(this.deployerPolicy()) });
    const policy = new RamPolicy(this, "deployer-policy", {
      policyName: this.policyName,
      description: `Deploys ${deployer.environments.map((e) => e.node.path).join(", ")} (generated by cdktf-service-platform)`,
      policyDocument: document,
      // RAM keeps five versions of a policy; every change of the environments adds one.
      rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
      tags,
    });
    new TerraformOutput(this, "deployer_policy_name", { value: policy.policyName });
    // The same document, for attaching it elsewhere (another account's admin, a user group).
    new TerraformOutput(this, "deployer_policy_document", { value: document });
    if (!deployer.role) return;
    const role = new RamRole(this, "deployer-role", {
      name: deployer.role.name,
      description: `Assumed to deploy ${deployer.environments.map((e) => e.node.path).join(", ")}`,
      document: canonicalJson(trustPolicyDocument(deployer.role.trustedPrincipals)),
      maxSessionDuration: deployer.role.maxSessionDuration ?? 3600,
    });
    new RamRolePolicyAttachment(this, "deployer-role-policy", {
      roleName: role.name,
      policyName: policy.policyName,
      policyType: "Custom",
    });
    new TerraformOutput(this, "deployer_role_arn", { value: role.arn });
  }
}
