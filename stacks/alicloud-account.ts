import { AlicloudRegistryProps, AlicloudStateProps } from "../lib";

/**
 * The shop's Alibaba Cloud account. OSS bucket, SLS project and Tablestore
 * instance names are unique across all of Alibaba Cloud, so the shop's carry
 * its account id (the SLS projects of the environments do by default).
 */
export const SHOP_ACCOUNT_ID = "1234567890123456";

/**
 * What prerelease and production share in the shop's Alibaba Cloud account.
 * The registry is one long-lived ACR Enterprise Edition instance (subscription)
 * whose repositories are managed outside the environments, so an image tested
 * in prerelease is the very image production pulls.
 */
export const shopAccount = {
  region: "cn-hangzhou",
  registry: {
    instanceId: "cri-shop0registry01",
    endpoint: "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
  } satisfies AlicloudRegistryProps,
  /**
   * One state bucket and lock table, created by the bootstrap stack from this
   * same object; each environment keeps its state under its own prefix.
   */
  state: {
    bucket: `shop-terraform-state-${SHOP_ACCOUNT_ID}`,
    // A Tablestore instance name has at most 16 characters: the account id's last eight digits.
    tablestoreEndpoint: `https://shoplock${SHOP_ACCOUNT_ID.slice(-8)}.cn-hangzhou.ots.aliyuncs.com`,
  } satisfies AlicloudStateProps,
};
