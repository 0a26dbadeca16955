import { Checker } from "../../validation/checker";
import { matching } from "../../validation/rules";
import { REGION, checkRegion } from "./regions";
import { StateLocation, parseTablestoreEndpoint } from "./state";

/** OSS bucket names. */
const BUCKET = matching(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  "an OSS bucket name: 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit");

/** Tablestore endpoints. */
const TABLESTORE_ENDPOINT = matching(/^https?:\/\/[a-z0-9][-a-z0-9.]*[a-z0-9]$/,
  "a Tablestore endpoint URL such as https://tf-lock.cn-hangzhou.ots.aliyuncs.com");

/** Tablestore table names. */
const TABLESTORE_TABLE = matching(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
  "a Tablestore table name: letters, digits and '_', not starting with a digit");

/** Paths inside the state bucket. */
export const STATE_PREFIX = matching(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
  "a relative path of letters, digits, '_', '.', '-' separated by '/'");

/** Tablestore instance names (CreateInstance API), which are also the endpoint's first label. */
const TABLESTORE_INSTANCE = /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/;

/**
 * Where state is kept and locked: bucket, region, lock endpoint and table.
 * `stackRegion` is the region's default, already reported as `region`; `regions` are the region ids accepted.
 */
export function checkStateLocation(
  c: Checker, path: string, state: StateLocation, stackRegion: string, regions: readonly string[],
): void {
  c.check(path, "state.bucket", state.bucket, BUCKET);
  if (state.region !== stackRegion) checkRegion(c, path, "state.region", state.region, regions);
  c.check(path, "state.tablestoreEndpoint", state.tablestoreEndpoint, TABLESTORE_ENDPOINT);
  c.check(path, "state.tablestoreTable", state.tablestoreTable, TABLESTORE_TABLE);
}

/**
 * What creating the lock instance adds: the endpoint must be an instance's own
 * endpoint (`https://<instance>.<region>.ots.aliyuncs.com`, or its VPC or
 * classic-network form) in the state's region, so the instance created is the
 * one the environments' backend reaches.
 */
export function checkLockInstance(c: Checker, path: string, state: StateLocation): void {
  if (!TABLESTORE_ENDPOINT.test(state.tablestoreEndpoint)) return; // reported once, by checkStateLocation
  const endpoint = parseTablestoreEndpoint(state.tablestoreEndpoint);
  const named = c.expect(endpoint !== undefined && TABLESTORE_INSTANCE.test(endpoint.instance), path,
    "state.tablestoreEndpoint", state.tablestoreEndpoint,
    "an instance endpoint https://<instance>.<region>.ots.aliyuncs.com (or .vpc.tablestore.aliyuncs.com, " +
    ".ots-internal.aliyuncs.com) whose instance name is 3-16 lowercase letters, digits and '-', starting with a " +
    "letter and not ending with '-': the bootstrap creates that instance");
  // A region that is no region id is reported once, as region or state.region.
  if (named && REGION.test(state.region)) {
    c.expect(endpoint!.region === state.region, path, "state.tablestoreEndpoint", state.tablestoreEndpoint,
      `an endpoint in the state's region ${state.region}: the lock instance is created next to the bucket`);
  }
}
