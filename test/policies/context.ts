import { Alerting, Image, PolicyContext, Release, Service, ServiceCatalog, ServiceProps, StageSettings, Stages } from "../../lib";

/** A service "app" of image shop/app with `props`. */
export function app(props: Partial<ServiceProps> = {}, name = "app"): (c: ServiceCatalog) => void {
  return (c) => new Service(c, name, { image: Image.fromRegistry("shop/app"), ...props });
}

/** Who a well-formed production environment's alarms notify. */
export const ONCALL: Alerting = { contacts: ["shop-oncall"] };

/**
 * The whole environment a policy sees: a catalog built by `build`, `release`
 * (default: version 1.0.0 for every service), `settings` (default production)
 * and who its alarms notify (default: an on-call contact, as production requires; `null` for nobody).
 */
export function contextOf(
  build: (c: ServiceCatalog) => void, release?: Release, settings: StageSettings = Stages.production,
  alerting: Alerting | null = ONCALL,
): PolicyContext {
  const catalog = new ServiceCatalog();
  build(catalog);
  return {
    path: "production",
    catalog,
    release: release ?? Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.0"]))),
    settings,
    alerting: alerting ?? undefined,
  };
}
