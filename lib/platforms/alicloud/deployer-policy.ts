import { TerraformDataSource, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { LOCK_TABLE_ACTIONS, STATE_BUCKET_ACTIONS, STATE_OBJECT_ACTIONS } from "./ram-actions";
import { StateLocation, parseTablestoreEndpoint } from "./state";

/** One statement of a RAM policy document. */
export interface RamStatement {
  /** The deployer's policy only allows. */
  readonly Effect: "Allow";
  /** RAM actions, e.g. `oss:PutObject`. */
  readonly Action: readonly string[];
  /** Resource ARNs the actions apply to, `*` where RAM scopes no narrower. */
  readonly Resource: readonly string[];
}

/** A RAM policy document (policy language version 1). */
export interface RamPolicyDocument {
  /** The policy language version. */
  readonly Version: "1";
  /** The statements, each allowing actions on resources. */
  readonly Statement: readonly RamStatement[];
}

/** The longest policy document RAM accepts, in characters. */
export const MAX_POLICY_DOCUMENT_LENGTH = 6144;

/** Every alicloud resource and data source type declared under `scope`, sorted, each once. */
export function alicloudTypesOf(scope: IConstruct): string[] {
  const types = scope.node.findAll().flatMap((c) =>
    TerraformResource.isTerraformResource(c) ? [c.terraformResourceType]
      : TerraformDataSource.isTerraformDataSource(c) ? [c.terraformResourceType] : []);
  return [...new Set(types.filter((t) => t.startsWith("alicloud_")))].sort();
}

/** The types of `types` that `actions` has no RAM actions for. */
export function unmappedTypes(types: readonly string[], actions: Readonly<Record<string, readonly string[]>>): string[] {
  return types.filter((t) => !Object.hasOwn(actions, t));
}

/**
 * The policy a deployer needs: the actions of every resource type its
 * environments synthesize (on all resources: most of these APIs take no
 * resource-level grants), the state objects under each environment's prefix,
 * listing the state bucket, and the rows of the lock table.
 */
export function deployerPolicyDocument(
  types: readonly string[],
  actions: Readonly<Record<string, readonly string[]>>,
  state: StateLocation,
  prefixes: readonly string[],
): RamPolicyDocument {
  const resourceActions = [...new Set(types.flatMap((t) => (Object.hasOwn(actions, t) ? actions[t] : [])))].sort();
  const instance = parseTablestoreEndpoint(state.tablestoreEndpoint)?.instance ?? "*";
  const statements: RamStatement[] = [
    { Effect: "Allow", Action: STATE_BUCKET_ACTIONS, Resource: [`acs:oss:*:*:${state.bucket}`] },
    {
      Effect: "Allow",
      Action: STATE_OBJECT_ACTIONS,
      Resource: [...new Set(prefixes)].sort().map((prefix) => `acs:oss:*:*:${state.bucket}/${prefix}/*`),
    },
    {
      Effect: "Allow",
      Action: LOCK_TABLE_ACTIONS,
      Resource: [`acs:ots:${state.region}:*:instance/${instance}/table/${state.tablestoreTable}`],
    },
  ];
  if (resourceActions.length > 0) statements.unshift({ Effect: "Allow", Action: resourceActions, Resource: ["*"] });
  return { Version: "1", Statement: statements };
}

/** A trust policy letting `principals` (RAM ARNs of accounts, users or roles) assume a role. */
export function trustPolicyDocument(principals: readonly string[]): object {
  return {
    Version: "1",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [...principals] } }],
  };
}
