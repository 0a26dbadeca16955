import { Claim } from "../../environments/claims";
import { ServiceCatalog } from "../../model/catalog";
import { ResolvedDockerProps } from "./docker-props";
import { environmentNames } from "./names";

/** How to give each environment its own ports on one host: said by the input and the rendered claims alike. */
export const PORT_REMEDY = "give each environment on one Docker host its own listener ports and registryPort, or its own dockerHost";
/** How to give each environment its own names on one host. */
export const NAME_REMEDY = "environments on one Docker host need distinct stack ids";

/**
 * What a Docker environment takes on its Docker host: the ports the load
 * balancer and the registry publish, and the names of its network, volume and
 * own containers. Ports are taken per host, whatever the address: 0.0.0.0
 * overlaps every address, and two environments on two loopback addresses of
 * one host are far more often a copy-paste slip than a plan.
 */
export function dockerClaims(stackPath: string, catalog: ServiceCatalog, props: ResolvedDockerProps): Claim[] {
  const id = stackPath.split("/").pop()!;
  const on = `on Docker host ${props.dockerHost}`;
  const port = (path: string, field: string, value: number): Claim => ({
    resource: "published port", key: `port ${value} ${on}`, owner: stackPath, path, field,
    value: `${props.publishAddress}:${value}`,
    remedy: PORT_REMEDY,
  });
  const name = (resource: string, field: string, value: string): Claim => ({
    resource, key: `"${value}" ${on}`, owner: stackPath, path: stackPath, field, value,
    remedy: NAME_REMEDY,
  });
  const names = environmentNames(id);
  return [
    ...catalog.services.flatMap((service) => service.ports.flatMap((p, i) =>
      p.route ? [port(`${stackPath}/${service.name}`, `ports[${i}].route.listenerPort`, p.route.listenerPort)] : [])),
    port(stackPath, "registryPort", props.registryPort),
    name("Docker network name", "id (network name)", names.network),
    name("Docker volume name", "id (registry volume name)", names.registryVolume),
    name("Docker container name", "id (load balancer container name)", names.loadBalancer),
    name("Docker container name", "id (registry container name)", names.registry),
    ...catalog.stores.flatMap((store) => props.stores[store.name]?.external ? [] : [
      name("Docker container name", `id (store ${store.name}'s container name)`, names.store(store.name)),
      name("Docker volume name", `id (store ${store.name}'s volume name)`, names.storeVolume(store.name)),
    ]),
  ];
}
