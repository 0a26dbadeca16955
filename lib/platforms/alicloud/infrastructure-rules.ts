import { PolicyContext } from "../../policies/policy";
import { Checker } from "../../validation/checker";
import { matching } from "../../validation/rules";
import { ResolvedAlicloud, ResolvedPersonalRegistry } from "./alicloud-defaults";
import { RegistryEdition } from "./alicloud-props";
import { Cidr, contains, overlaps, parseCidr } from "../../validation/cidr";
import { defaultLogProject } from "./names";
import { REGION, checkRegion, isZoneOf } from "./regions";
import { STATE_PREFIX, checkStateLocation } from "./state-rules";

/** A zone id such as `cn-hangzhou-h`. */
const ZONE = matching(/^[a-z]{2}(-[a-z0-9]+)+$/, "a zone id such as cn-hangzhou-h");

/** SAE namespace short ids (CreateNamespace API: NameSpaceShortId). */
const SAE_NAMESPACE = matching(/^[a-z0-9]{1,20}$/, "an SAE namespace short id: 1-20 lowercase letters and digits");

/** SLS project names. */
const LOG_PROJECT = matching(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  "an SLS project name: 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit");

/** Pay-by-spec CLB specifications. */
const LOAD_BALANCER_SPECS = [
  "slb.s1.small", "slb.s2.small", "slb.s2.medium", "slb.s3.small", "slb.s3.medium", "slb.s3.large", "slb.s4.large",
];

/** ACR EE instance names; the name is also the first label of the registry's host name. */
const REGISTRY_INSTANCE = matching(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/,
  "an ACR instance name: 3-30 lowercase letters, digits and '-', starting with a letter, not ending with '-'");

/** Registry host names (optionally with a port). */
const HOST = matching(/^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/,
  "a registry host name such as shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com");

/** Editions of ACR Enterprise Edition (instance_type). */
const REGISTRY_EDITIONS: readonly string[] = ["Basic", "Standard", "Advanced"] satisfies RegistryEdition[];

/** Prepaid periods ACR EE accepts, in months. */
const REGISTRY_PERIODS = [1, 2, 3, 6, 12, 24, 36, 48, 60];

/**
 * The environment-wide settings of the Alibaba Cloud platform: names, network,
 * registry and remote state. Reported against the stack's own path.
 */
export function checkInfrastructure(c: Checker, context: PolicyContext, config: ResolvedAlicloud): void {
  const path = context.path;
  config.extraRegions.forEach((r, i) => c.check(path, `extraRegions[${i}]`, r, REGION));
  checkRegion(c, path, "region", config.region, config.regions);
  c.check(path, "saeNamespace", config.saeNamespace, SAE_NAMESPACE);
  if (config.logProject !== undefined) c.check(path, "logProject", config.logProject, LOG_PROJECT);
  else {
    // An account id has 16 digits: the default is checked with one in its place.
    const stackId = path.split("/").pop()!;
    c.expect(LOG_PROJECT.test(defaultLogProject(stackId, "0".repeat(16))), path, "logProject", config.logProject,
      `an SLS project name (3-63 lowercase letters, digits and '-'), unique across all of Alibaba Cloud: the default ` +
      `"${defaultLogProject(stackId, "<account id>")}" does not fit this stack id`);
  }
  c.expect(LOAD_BALANCER_SPECS.includes(config.loadBalancerSpec), path, "loadBalancerSpec", config.loadBalancerSpec,
    `one of ${LOAD_BALANCER_SPECS.join(", ")}`);
  checkNetwork(c, context, config);
  checkRegistry(c, path, config);
  checkStateLocation(c, path, config.state, config.region, config.regions);
  c.check(path, "state.prefix", config.state.prefix, STATE_PREFIX);
}

function checkNetwork(c: Checker, context: PolicyContext, config: ResolvedAlicloud): void {
  const path = context.path;
  const network = config.network;
  const zoneIds = network.zones.map((z) => z.zoneId);
  const minZones = context.settings.minZones;
  // Too few distinct zones because one is listed twice is reported once, as the repeated zone below.
  c.expect(zoneIds.length >= minZones, path, "network.zones", zoneIds,
    `at least ${minZones} distinct zones: stage "${context.settings.name}" requires minZones = ${minZones}`);
  // Zones are only checked against a region that exists (a bad region is reported once, above).
  const region = REGION.test(config.region) && config.regions.includes(config.region) ? config.region : undefined;
  const existing = network.vpcId !== undefined;
  if (existing) c.expect(/^vpc-[a-z0-9]+$/.test(network.vpcId), path, "network.vpcId", network.vpcId, "the id (vpc-…) of an existing VPC");
  const vpc = existing ? undefined : parseCidr(network.cidrBlock);
  if (!existing) {
    c.expect(vpc !== undefined && vpc.prefix >= 8 && vpc.prefix <= 28, path, "network.cidrBlock", network.cidrBlock,
      "an IPv4 CIDR block with a prefix from /8 to /28, e.g. 10.0.0.0/16");
  }
  const blocks: Cidr[] = [];
  network.zones.forEach((zone, i) => {
    const field = `network.zones[${i}]`;
    if (c.check(path, `${field}.zoneId`, zone.zoneId, ZONE) && region !== undefined) {
      c.expect(isZoneOf(zone.zoneId, region), path, `${field}.zoneId`, zone.zoneId,
        `a zone of the environment's region ${region}, such as ${region}${/\d$/.test(region) ? "a" : "-h"}`);
    }
    const first = zoneIds.indexOf(zone.zoneId);
    c.expect(first === i, path, `${field}.zoneId`, zone.zoneId,
      `a zone not already listed (zones[${first}]): each zone counts once towards the stage's minZones`);
    if (existing) {
      if (c.expect(zone.vswitchId !== undefined && /^vsw-[a-z0-9]+$/.test(zone.vswitchId), path, `${field}.vswitchId`,
        zone.vswitchId, "the id (vsw-…) of the existing vSwitch in this zone: the VPC is given by vpcId")) {
        const same = network.zones.findIndex((z) => z.vswitchId === zone.vswitchId);
        c.expect(same === i, path, `${field}.vswitchId`, zone.vswitchId,
          `a vSwitch not already listed (zones[${same}]): a vSwitch lies in one zone, so listing it twice spreads nothing`);
      }
      c.expect(zone.cidrBlock === undefined, path, `${field}.cidrBlock`, zone.cidrBlock,
        "not set: the vSwitch of an existing VPC already has its block");
      return;
    }
    c.expect(zone.vswitchId === undefined, path, `${field}.vswitchId`, zone.vswitchId,
      "not set: vSwitches are created when no vpcId is given");
    const block = zone.cidrBlock === undefined ? undefined : parseCidr(zone.cidrBlock);
    const inside = block !== undefined && block.prefix >= 16 && block.prefix <= 29 && (!vpc || contains(vpc, block));
    if (c.expect(inside, path, `${field}.cidrBlock`, zone.cidrBlock,
      `an IPv4 CIDR block from /16 to /29 inside the VPC's ${network.cidrBlock}`)) {
      c.expect(!blocks.some((other) => overlaps(other, block!)), path, `${field}.cidrBlock`, zone.cidrBlock,
        "a block that overlaps no other zone's vSwitch");
      blocks.push(block!);
    }
  });
}

function checkRegistry(c: Checker, path: string, config: ResolvedAlicloud): void {
  const registry = config.registry;
  if (registry.kind === "personal") {
    checkPersonalRegistry(c, path, registry, config);
    return;
  }
  let named = true;
  if (registry.instanceId !== undefined) {
    c.expect(/^cri-[a-z0-9]+$/.test(registry.instanceId), path, "registry.instanceId", registry.instanceId,
      "the id of an ACR Enterprise Edition instance, cri-…");
    c.expect(registry.instanceName === undefined, path, "registry.instanceName", registry.instanceName,
      "not set: an instance is only named when this stack creates it (no instanceId)");
  } else {
    named = c.check(path, "registry.instanceName", registry.instanceName as string, REGISTRY_INSTANCE);
    c.expect(REGISTRY_EDITIONS.includes(registry.edition), path, "registry.edition", registry.edition,
      `one of ${REGISTRY_EDITIONS.join(", ")}`);
    c.expect(REGISTRY_PERIODS.includes(registry.periodMonths), path, "registry.periodMonths", registry.periodMonths,
      `one of ${REGISTRY_PERIODS.join(", ")} months (ACR EE is prepaid)`);
  }
  // A created instance's endpoint derives from its name: a bad name is reported once, above.
  if (named) {
    c.expect(registry.endpoint !== undefined && HOST.test(registry.endpoint), path, "registry.endpoint",
      registry.endpoint, `${HOST.allowed}; required with an existing instanceId`);
  }
}

function checkPersonalRegistry(c: Checker, path: string, registry: ResolvedPersonalRegistry, config: ResolvedAlicloud): void {
  c.expect(registry.strayFields.length === 0, path, "registry", registry.strayFields,
    "either { personal: {...} } for ACR Personal Edition or the Enterprise Edition fields (instanceId, endpoint, …), not both");
  c.expect(["vpc", "internet"].includes(registry.endpointType), path, "registry.personal.endpoint", registry.endpointType,
    '"vpc" or "internet"');
  // The default is the environment's region, reported once as `region`.
  if (registry.region === config.region || !checkRegion(c, path, "registry.personal.region", registry.region, config.regions)) return;
  c.expect(registry.endpointType === "internet", path, "registry.personal.region", registry.region,
    `the environment's region ${config.region}: the VPC endpoint serves only its own region (or endpoint: "internet", which needs internet egress)`);
}
