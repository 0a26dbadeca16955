import leven from "leven";
import { Checker } from "../../validation/checker";
import { matching } from "../../validation/rules";

/** A region id such as `cn-hangzhou` or `ap-southeast-1`. */
export const REGION = matching(/^[a-z]{2}(-[a-z0-9]+)+$/, "a region id such as cn-hangzhou or ap-southeast-1");

/**
 * Alibaba Cloud's public regions (region ids as the API and the provider take
 * them), without closed ones such as ap-southeast-2 (Sydney) and ap-south-1
 * (Mumbai). A region opened later is accepted through the environment's
 * `extraRegions`.
 */
export const ALICLOUD_REGIONS: readonly string[] = [
  // Chinese mainland and Hong Kong
  "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou", "cn-shanghai",
  "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-wuhan-lr",
  "cn-zhengzhou-jva", "cn-hongkong",
  // Finance cloud
  "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1",
  // Asia Pacific, Europe, Americas, Middle East
  "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
  "ap-southeast-7", "us-east-1", "us-west-1", "na-south-1", "eu-central-1", "eu-west-1", "me-east-1", "me-central-1",
];

/**
 * Whether `zone` is a zone id of `region`: the region id followed by a zone
 * letter, after a '-' when the region id ends with a letter (`cn-hangzhou-h`)
 * and directly after a trailing digit (`ap-southeast-1a`).
 */
export function isZoneOf(zone: string, region: string): boolean {
  const suffix = zone.startsWith(region) ? zone.slice(region.length) : "";
  return (/\d$/.test(region) ? /^[a-z]$/ : /^-[a-z]$/).test(suffix);
}

/** The known region closest to a mistyped `region`, if one is close enough to be the one meant. */
export function closestRegion(region: string, known: readonly string[]): string | undefined {
  const ranked = known.map((k) => ({ k, d: leven(region, k) })).sort((a, b) => a.d - b.d);
  return ranked.length > 0 && ranked[0].d <= 3 ? ranked[0].k : undefined;
}

/**
 * A region id of the right form that Alibaba Cloud has (or `regions` adds); a
 * near miss names the closest. Returns whether the region is accepted.
 */
export function checkRegion(c: Checker, path: string, field: string, region: string, regions: readonly string[] = ALICLOUD_REGIONS): boolean {
  if (!c.check(path, field, region, REGION)) return false;
  const near = closestRegion(region, regions);
  return c.expect(regions.includes(region), path, field, region,
    `an Alibaba Cloud region${near ? `: did you mean ${near}?` : ""} (ALICLOUD_REGIONS lists the known ones; ` +
    "add a region opened since to extraRegions)");
}
