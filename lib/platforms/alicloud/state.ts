import { AlicloudStateProps } from "./alicloud-props";

/** Where state is kept and locked, with every default applied: what the bootstrap creates. */
export type StateLocation = Required<Omit<AlicloudStateProps, "prefix">>;

/** An environment's state settings with every default applied. */
export type ResolvedState = StateLocation & { readonly prefix: string };

/** The lock table Terraform's OSS backend is pointed at when none is named. */
export const DEFAULT_LOCK_TABLE = "terraform_state_lock";

/** The primary key Terraform's OSS backend writes its locks under (a string column). */
export const LOCK_PRIMARY_KEY = "LockID";

/** Applies the documented defaults: the region of the stack that uses the state, and the default lock table. */
export function stateLocation(state: AlicloudStateProps, region: string): StateLocation {
  return {
    bucket: state.bucket,
    region: state.region ?? region,
    tablestoreEndpoint: state.tablestoreEndpoint,
    tablestoreTable: state.tablestoreTable ?? DEFAULT_LOCK_TABLE,
  };
}

/** How a Tablestore endpoint is reached; the instance's network ACL must admit it. */
export type TablestoreNetwork = "INTERNET" | "VPC" | "CLASSIC";

/** What a Tablestore instance endpoint names. */
export interface TablestoreEndpoint {
  /** The instance: the endpoint's first label. */
  readonly instance: string;
  /** The region the instance is in. */
  readonly region: string;
  /** The network the endpoint is on. */
  readonly network: TablestoreNetwork;
}

/** Endpoint suffixes Tablestore gives every instance, by network. */
const NETWORK_SUFFIX: Readonly<Record<string, TablestoreNetwork>> = {
  "ots.aliyuncs.com": "INTERNET",
  "vpc.tablestore.aliyuncs.com": "VPC",
  "ots-internal.aliyuncs.com": "CLASSIC",
};

/**
 * Reads the instance, region and network from a Tablestore endpoint such as
 * `https://shop-tf-lock.cn-hangzhou.ots.aliyuncs.com`, so the bootstrap creates
 * exactly the instance the environments' backend is pointed at. Undefined for
 * any other form (a custom domain names no instance).
 */
export function parseTablestoreEndpoint(endpoint: string): TablestoreEndpoint | undefined {
  const match = /^https?:\/\/([a-z][a-z0-9-]*)\.([a-z]{2}(?:-[a-z0-9]+)+)\.([a-z.-]+)$/.exec(endpoint);
  const network = match ? NETWORK_SUFFIX[match[3]] : undefined;
  return match && network ? { instance: match[1], region: match[2], network } : undefined;
}
