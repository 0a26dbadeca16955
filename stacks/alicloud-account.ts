import { AlicloudRegistryProps, AlicloudStateProps } from "../lib";

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
    bucket: "shop-terraform-state",
    tablestoreEndpoint: "https://shop-tf-lock.cn-hangzhou.ots.aliyuncs.com",
  } satisfies AlicloudStateProps,
};
