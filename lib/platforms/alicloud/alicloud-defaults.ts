import {
  AlicloudAccessLogs, AlicloudEnvironmentProps, AlicloudNetworkProps, AlicloudRegistry, AlicloudRegistryProps, AlicloudStoreProps,
  PersonalRegistryEndpoint, RegistryEdition,
} from "./alicloud-props";
import { defaultSaeNamespace, personalRegistryHost, registryVpcEndpoint } from "./names";
import { ALICLOUD_REGIONS } from "./regions";
import { ResolvedState, stateLocation } from "./state";

/**
 * An ACR Enterprise Edition registry with every default applied.
 * @internal
 */
export interface ResolvedEnterpriseRegistry extends AlicloudRegistryProps {
  readonly kind: "enterprise";
  readonly edition: RegistryEdition;
  readonly periodMonths: number;
  /** Undefined only when an existing instance was given without its endpoint (reported at synth). */
  readonly endpoint?: string;
  readonly manageRepositories: boolean;
  readonly linkVpc: boolean;
}

/**
 * An ACR Personal Edition registry with every default applied.
 * @internal
 */
export interface ResolvedPersonalRegistry {
  readonly kind: "personal";
  readonly region: string;
  readonly endpointType: PersonalRegistryEndpoint;
  /** Host images are addressed by. */
  readonly endpoint: string;
  readonly manageRepositories: boolean;
  /** Enterprise Edition fields given next to `personal` (reported at synth). */
  readonly strayFields: readonly string[];
}

/**
 * The registry settings with every default applied.
 * @internal
 */
export type ResolvedRegistry = ResolvedEnterpriseRegistry | ResolvedPersonalRegistry;

/**
 * The environment's platform settings with every default applied.
 * @internal
 */
export interface ResolvedAlicloud {
  readonly region: string;
  /** Every region id accepted: the known ones and the environment's extra ones. */
  readonly regions: readonly string[];
  /** The extra region ids as given. */
  readonly extraRegions: readonly string[];
  readonly network: AlicloudNetworkProps & { readonly cidrBlock: string };
  readonly registry: ResolvedRegistry;
  readonly state: ResolvedState;
  readonly saeNamespace: string;
  /** The SLS project as given; unset, the environment derives it from the account id at plan time (names.ts). */
  readonly logProject?: string;
  readonly loadBalancerSpec: string;
  readonly loadBalancerAccessLogs?: AlicloudAccessLogs;
  /** How each store is provided, by store name, as given. */
  readonly stores: Readonly<Record<string, AlicloudStoreProps>>;
  /** Whether the VPC's CIDR block was given, not defaulted: a store's whitelist is that block. */
  readonly vpcCidrGiven: boolean;
}

/**
 * Applies the documented defaults of `props` for the stack `stackId`.
 * @internal
 */
export function resolveAlicloud(stackId: string, props: AlicloudEnvironmentProps): ResolvedAlicloud {
  return {
    region: props.region,
    regions: [...ALICLOUD_REGIONS, ...(props.extraRegions ?? [])],
    extraRegions: props.extraRegions ?? [],
    network: { ...props.network, cidrBlock: props.network.cidrBlock ?? "10.0.0.0/16" },
    registry: resolveRegistry(props.registry, props.region),
    state: { ...stateLocation(props.state, props.region), prefix: props.state.prefix ?? stackId },
    saeNamespace: props.saeNamespace ?? defaultSaeNamespace(stackId),
    logProject: props.logProject,
    loadBalancerSpec: props.loadBalancerSpec ?? "slb.s1.small",
    loadBalancerAccessLogs: props.loadBalancerAccessLogs,
    stores: props.stores ?? {},
    vpcCidrGiven: props.network.cidrBlock !== undefined,
  };
}

function resolveRegistry(registry: AlicloudRegistry, region: string): ResolvedRegistry {
  if ("personal" in registry) {
    const personal = registry.personal ?? {};
    const endpointType = personal.endpoint ?? "vpc";
    const registryRegion = personal.region ?? region;
    return {
      kind: "personal",
      region: registryRegion,
      endpointType,
      endpoint: personalRegistryHost(registryRegion, endpointType),
      manageRepositories: personal.manageRepositories ?? false,
      strayFields: Object.keys(registry).filter((key) => key !== "personal"),
    };
  }
  const created = registry.instanceId === undefined;
  return {
    ...registry,
    kind: "enterprise",
    edition: registry.edition ?? "Basic",
    periodMonths: registry.periodMonths ?? 12,
    endpoint: registry.endpoint ??
      (created && registry.instanceName ? registryVpcEndpoint(registry.instanceName, region) : undefined),
    manageRepositories: registry.manageRepositories ?? created,
    linkVpc: registry.linkVpc ?? true,
  };
}
