import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import {
  AlicloudEnvironment, AlicloudEnvironmentProps, DeployerProps, DockerEnvironment, DockerEnvironmentProps, EnvValue, MysqlStore,
  MysqlStoreProps, RedisStore, RedisStoreProps, Release, Secret, Service, ServiceCatalog, ServiceProps, StateBootstrap, Store,
} from "../../lib";
import { bootstrapStack } from "../../stacks/bootstrap";
import { prereleaseEnvironment, prereleaseRelease } from "../../stacks/prerelease";
import { productionEnvironment, productionRelease } from "../../stacks/production";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";

/** How a variant of the example App differs from it: what a pull request would change. */
export interface ExampleChange {
  /** Per service: new props (from the current ones), a new name, or `null` to delete it. */
  readonly services?: Readonly<Record<string, ServiceEdit>>;
  /** Services to add after the example's own. */
  readonly add?: (catalog: ServiceCatalog) => void;
  /** Per store: its props rewritten (from the current ones). */
  readonly stores?: Readonly<Record<string, StoreEdit>>;
  /** The shared configuration's values rewritten (from the current ones). */
  readonly shared?: (values: Readonly<Record<string, EnvValue>>) => Readonly<Record<string, EnvValue>>;
  /** A new release per environment, from the example's. */
  readonly releases?: { readonly [env in Env]?: (release: Release) => Release };
  /** Props of the test environment to override. */
  readonly test?: Partial<DockerEnvironmentProps>;
  /** Props of the prerelease environment to override. */
  readonly prerelease?: Partial<AlicloudEnvironmentProps>;
  /** Props of the production environment to override. */
  readonly production?: Partial<AlicloudEnvironmentProps>;
  /** Props of the bootstrap's deployer to override: the opt-ins (`actions`, `exemptions`) a team writes there. */
  readonly deployer?: Partial<Omit<DeployerProps, "environments">>;
  /** Escape hatches on the built stacks, as a team may use them, before synthesis (`bootstrap` unless left out). */
  readonly stacks?: (stacks: {
    test: DockerEnvironment; prerelease: AlicloudEnvironment; production: AlicloudEnvironment; bootstrap?: StateBootstrap;
  }) => void;
  /**
   * Whether the App has its state bootstrap, as stacks/main.ts does. Its deployer policy
   * refuses resource types it has no RAM actions for, such as ones added by escape hatch.
   * @default true
   */
  readonly bootstrap?: boolean;
}

type Env = "test" | "prerelease" | "production";

/** An edit of one service: its props rewritten, and/or a new name. */
export type ServiceEdit = null | { readonly name?: string; readonly props?: (props: ServiceProps) => ServiceProps };

const temporary: string[] = [];
afterAll(() => temporary.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * The example App (stacks/) with `change` applied, built and synthesized in
 * this process as stacks/main.ts builds it; returns its output directory.
 */
export function synthExample(change: ExampleChange = {}): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "review-example-"));
  temporary.push(outdir);
  const app = new App({ outdir, stackTraces: false });
  const shop = shopCatalog();
  const catalog = editCatalog(shop, change.services ?? {}, change.stores ?? {}, change.shared);
  change.add?.(catalog);
  const release = (env: Env, base: Release) => change.releases?.[env]?.(base) ?? base;
  const stacks = {
    test: testEnvironment(app, catalog, release("test", testRelease(shop)), change.test),
    prerelease: prereleaseEnvironment(app, catalog, release("prerelease", prereleaseRelease(shop)), change.prerelease),
    production: productionEnvironment(app, catalog, release("production", productionRelease(shop)), change.production),
  };
  const bootstrap = change.bootstrap ?? true ? bootstrapStack(app, [stacks.prerelease, stacks.production], change.deployer) : undefined;
  change.stacks?.({ ...stacks, bootstrap });
  app.synth();
  return outdir;
}

/** A release with `from` named `to`. */
export function renamedIn(release: Release, from: string, to: string): Release {
  return Release.of(Object.fromEntries(release.entries().map(([name, entry]) => [name === from ? to : name, entry])));
}

/** A release without `service`. */
export function without(release: Release, service: string): Release {
  return Release.of(Object.fromEntries(release.entries().filter(([name]) => name !== service)));
}

/** A copy of `store` in `catalog`, its props rewritten by `edit`. */
function copyStore(catalog: ServiceCatalog, store: Store, edit: StoreEdit = (props) => props): Store {
  if (store instanceof MysqlStore) {
    const props = { version: store.version, password: store.password, user: store.user, database: store.database, storage: store.storage };
    return new MysqlStore(catalog, store.name, edit(props) as MysqlStoreProps);
  }
  return new RedisStore(catalog, store.name, edit({ version: store.version, password: store.password }));
}

/** An edit of one store's props. */
type StoreEdit = (props: MysqlStoreProps | RedisStoreProps) => MysqlStoreProps | RedisStoreProps;

/**
 * A copy of `catalog` with services edited, renamed or deleted. Dependencies,
 * host references, store connections and shared values follow what they
 * point at by name.
 */
export function editCatalog(
  catalog: ServiceCatalog, edits: Readonly<Record<string, ServiceEdit>>, storeEdits: Readonly<Record<string, StoreEdit>> = {},
  sharedEdit: (values: Readonly<Record<string, EnvValue>>) => Readonly<Record<string, EnvValue>> = (values) => values,
): ServiceCatalog {
  const copy = new ServiceCatalog();
  const copies = new Map<Service, Service>();
  const stores = new Map(catalog.stores.map((store) => [store, copyStore(copy, store, storeEdits[store.name])]));
  const shared = catalog.shared ? copy.share(sharedEdit(catalog.shared.values)) : undefined;
  const connection = (store: Store) => stores.get(store)!.connection as unknown as Record<string, EnvValue | Secret>;
  for (const service of catalog.services) {
    const edit = edits[service.name];
    if (edit === null) continue;
    const follow = (s: Service) => copies.get(s);
    const env = Object.fromEntries(Object.entries(service.env).map(([name, value]) => {
      const source = value.source;
      const copied = source.kind === "host" ? EnvValue.hostOf(follow(source.service) ?? source.service)
        : source.kind === "store" ? connection(source.store)[source.field] as EnvValue
          : source.kind === "shared" ? shared!.get(source.key) : value;
      return [name, copied];
    }));
    const secrets = Object.fromEntries(Object.entries(service.secrets).map(([name, secret]) =>
      [name, secret.store ? connection(secret.store).password as Secret : secret]));
    const props: ServiceProps = {
      image: service.image,
      replicas: service.replicas,
      autoscaling: service.autoscaling,
      alarms: service.alarms,
      ports: [...service.ports],
      probe: service.probe,
      resources: service.resources,
      env,
      secrets,
      logs: service.logs,
      dependsOn: service.dependsOn.flatMap((d) => follow(d) ?? []),
      aliases: [...service.aliases],
      rollout: service.rollout,
      labels: { ...service.labels },
    };
    copies.set(service, new Service(copy, edit?.name ?? service.name, edit?.props?.(props) ?? props));
  }
  return copy;
}
