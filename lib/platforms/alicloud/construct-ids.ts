import { PolicyContext } from "../../policies/policy";
import { Checker } from "../../validation/checker";
import { IMAGE_REPOSITORY } from "../../validation/rules";
import { ResolvedAlicloud } from "./alicloud-defaults";
import { registryPath } from "./names";
import { planRoutes } from "./routes";

/**
 * cdktf names every resource of a stack by its construct id, and the
 * renderers derive some ids from what a team wrote: a service's load balancer
 * binding is `public-<service>` or `internal-<service>`, a managed repository
 * `registry-repo-<namespace>-<repository>`. A service called `load-balancer`
 * would take the id of the shared load balancer, and the images `shop/ab-cd`
 * and `shop-ab/cd` one repository id. Found here, with the field and value
 * that made the id, instead of as cdktf's bare "There is already a Construct".
 */
export function checkConstructIds(c: Checker, context: PolicyContext, config: ResolvedAlicloud): void {
  const services = context.catalog.services;
  const plans = planRoutes(services);
  const taken = new Map<string, string>();
  for (const visibility of ["public", "internal"] as const) {
    const plan = plans[visibility];
    if (plan.mappings.size === 0 && plan.ingresses.size === 0) continue;
    taken.set(`${visibility}-load-balancer`, `the shared ${visibility} load balancer`);
    taken.set(`${visibility}-address`, `the output of the ${visibility} load balancer's address`);
    for (const port of plan.ingresses.keys()) taken.set(`${visibility}-ingress-${port}`, `the SAE ingress of ${visibility} listener port ${port}`);
  }
  for (const service of plans.aliased.keys()) taken.set(`${service.name}-internal-load-balancer`, `${service.name}'s own load balancer`);
  const bindings = [
    ...[...plans.public.mappings.keys()].map((s) => ({ service: s, id: `public-${s.name}` })),
    ...[...plans.internal.mappings.keys(), ...plans.aliased.keys()].map((s) => ({ service: s, id: `internal-${s.name}` })),
  ];
  for (const { service, id } of bindings) {
    const other = taken.get(id);
    c.expect(other === undefined, `${context.path}/${service.name}`, "name", service.name,
      `a name whose load balancer binding (construct id ${id}) is not the id of ${other}: cdktf names each part of ` +
      "the environment once, so rename the service");
  }
  if (!config.registry.manageRepositories) return;
  const repositories = new Map<string, string>();
  for (const service of services) {
    if (!IMAGE_REPOSITORY.test(service.image.repository)) continue;
    const { namespace, repository } = registryPath(service.image.repository);
    const id = `registry-repo-${namespace}-${repository}`;
    const other = repositories.get(id);
    c.expect(other === undefined || other === service.image.repository, `${context.path}/${service.name}`, "image",
      service.image.repository, `an image whose managed repository (construct id ${id}) is not also the id of ${other}'s: ` +
      "cdktf names the repository after its namespace and name joined by '-', so rename one of the two");
    if (other === undefined) repositories.set(id, service.image.repository);
  }
}
