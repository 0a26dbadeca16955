import { AlicloudEnvironmentProps, AlicloudNetworkProps, AlicloudRegistryProps, RegistryEdition } from "./alicloud-props";
import { defaultSaeNamespace, registryVpcEndpoint } from "./names";
import { ALICLOUD_REGIONS } from "./regions";
import { ResolvedState, stateLocation } from "./state";

/**
 * The registry settings with every default applied.
 * @internal
 */
export interface ResolvedRegistry extends AlicloudRegistryProps {
  readonly edition: RegistryEdition;
  readonly periodMonths: number;
  /** Undefined only when an existing instance was given without its endpoint (reported at synth). */
  readonly endpoint?: string;
  readonly manageRepositories: boolean;
  readonly linkVpc: boolean;
}

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
  readonly logProject: string;
  readonly loadBalancerSpec: string;
}

/**
 * Applies the documented defaults of `props` for the stack `stackId`.
 * @internal
 */
export function resolveAlicloud(stackId: string, props: AlicloudEnvironmentProps): ResolvedAlicloud {
  const registry = props.registry;
  const created = registry.instanceId === undefined;
  return {
    region: props.region,
    regions: [...ALICLOUD_REGIONS, ...(props.extraRegions ?? [])],
    extraRegions: props.extraRegions ?? [],
    network: { ...props.network, cidrBlock: props.network.cidrBlock ?? "10.0.0.0/16" },
    registry: {
      ...registry,
      edition: registry.edition ?? "Basic",
      periodMonths: registry.periodMonths ?? 12,
      endpoint: registry.endpoint ??
        (created && registry.instanceName ? registryVpcEndpoint(registry.instanceName, props.region) : undefined),
      manageRepositories: registry.manageRepositories ?? created,
      linkVpc: registry.linkVpc ?? true,
    },
    state: { ...stateLocation(props.state, props.region), prefix: props.state.prefix ?? stackId },
    saeNamespace: props.saeNamespace ?? defaultSaeNamespace(stackId),
    logProject: props.logProject ?? `${stackId}-service-logs`,
    loadBalancerSpec: props.loadBalancerSpec ?? "slb.s1.small",
  };
}
