import { App } from "cdktf";
import {
  AlicloudEnvironment, AlicloudEnvironmentProps, Release, ServiceCatalog, StateBootstrap, StateBootstrapProps,
} from "../../../lib";
import { BASE_PROPS, one } from "./support";

/** The state every environment of these tests keeps, as BASE_PROPS gives it. */
export const STATE = BASE_PROPS.state;

/** A valid one-service environment `id` in `app`, with `overrides` applied. */
export function environment(app: App, id = "prerelease", overrides: Partial<AlicloudEnvironmentProps> = {}): AlicloudEnvironment {
  const catalog = new ServiceCatalog();
  one()(catalog);
  return new AlicloudEnvironment(app, id, { ...BASE_PROPS, catalog, release: Release.of({ app: "1.0.9" }), ...overrides });
}

/** A bootstrap `bootstrap` in `app` for BASE_PROPS's state and region, with `overrides` applied. */
export function bootstrap(app: App, overrides: Partial<StateBootstrapProps> = {}): StateBootstrap {
  return new StateBootstrap(app, "bootstrap", { region: BASE_PROPS.region, state: STATE, ...overrides });
}

/** The resources of `type` in a synthesized stack, as a list. */
export function all(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of `type` in a synthesized stack; fails unless there is exactly one. */
export function only(json: any, type: string): any {
  const found = all(json, type);
  expect({ type, count: found.length }).toEqual({ type, count: 1 });
  return found[0];
}
