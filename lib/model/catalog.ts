import { EnvValue } from "./config";
import { Release, ReleaseEntry } from "./release";
import type { Service } from "./service";
import { SharedConfig } from "./shared-config";
import type { Store } from "./store";

/** The stages of the library's `Stages`: the default stage names of a catalog. */
export type DefaultStage = "test" | "prerelease" | "production";

/**
 * A committed value for every stage a catalog declares. As an object literal, a
 * missing stage does not compile, and neither does one the catalog does not have.
 */
export type StageValues<Stage extends string = DefaultStage> = { readonly [K in Stage]: string };

/**
 * A version, or a version and a replica count, for every service a catalog was
 * declared with. As an object literal, a key that names no such service does
 * not compile, and neither does a missing one.
 */
export type ReleaseEntries<Name extends string = string> = { readonly [K in Name]: string | ReleaseEntry };

/**
 * The services of one product, described once and deployed to every environment,
 * with the stores they depend on and the configuration they share.
 *
 * Declare the service names as a type argument, `new ServiceCatalog<"web" | "orders-api">()`,
 * and TypeScript checks every name given to a {@link Service} and every key of
 * {@link ServiceCatalog.release | release}: a typo fails to compile. Without it any name
 * compiles, and the environment reports unknown and missing names when it synthesizes.
 * A second type argument names the stages of the App's environments (by default
 * test, prerelease and production), which {@link ServiceCatalog.perStage | perStage} checks.
 *
 * @typeParam Name - the names of the catalog's services
 * @typeParam Stage - the stage names of the environments built from the catalog
 */
export class ServiceCatalog<Name extends string = string, Stage extends string = DefaultStage> {
  private readonly members: Service<Name>[] = [];
  private readonly storeMembers: Store[] = [];
  private sharedConfig?: SharedConfig;
  private frozenBy?: string;

  /** Every service, in the order they were added. */
  public get services(): readonly Service<Name>[] {
    return this.members;
  }

  /** Every store, in the order they were added. */
  public get stores(): readonly Store[] {
    return this.storeMembers;
  }

  /** The configuration the services share, if the catalog has one. */
  public get shared(): SharedConfig | undefined {
    return this.sharedConfig;
  }

  /**
   * A committed value per stage (log level, feature switch, timeout), for a
   * service's `env` or the shared configuration: every stage the catalog
   * declares must have one, which TypeScript checks.
   *
   * @example
   * ```ts
   * env: { LOG_LEVEL: catalog.perStage({ test: "debug", prerelease: "info", production: "warn" }) }
   * ```
   */
  public perStage(values: StageValues<Stage>): EnvValue {
    return EnvValue.perStage(values);
  }

  /**
   * Declares the configuration the catalog's services share, once: on SAE one
   * config map per environment holds it; on Docker it goes into each container
   * that reads a value. Only plain values: secrets stay in `secrets`.
   *
   * @example
   * ```ts
   * const shared = catalog.share({ QUEUE_HOST: EnvValue.fromVariable("queue_host") });
   * new Service(catalog, "worker", { ..., env: { QUEUE_HOST: shared.get("QUEUE_HOST") } });
   * ```
   */
  public share<Key extends string>(values: Readonly<Record<Key, EnvValue>>): SharedConfig<Key> {
    if (this.sharedConfig !== undefined) {
      throw new Error("catalog.share was called twice: a catalog shares one configuration (one SAE config map per environment); declare every value in one call");
    }
    this.throwIfFrozen("The shared configuration");
    const config = new SharedConfig<Key>(values);
    this.sharedConfig = config;
    return config;
  }

  /** The service called `name`, if any. */
  public find(name: string): Service<Name> | undefined {
    return this.members.find((s) => s.name === name);
  }

  /**
   * Which version (and optionally how many instances) of each service one
   * environment runs, checked against the catalog's service names.
   *
   * @example
   * ```ts
   * const release = catalog.release({ web: "1.3.0", "orders-api": { version: "2.1.0", replicas: 3 } });
   * ```
   */
  public release(entries: ReleaseEntries<Name>): Release {
    return Release.of(entries);
  }

  /**
   * Called by each environment built from this catalog: an environment renders
   * the services it finds when it is built, so a service added afterwards
   * would be missing from it without a word. From now on, adding one throws.
   * @internal
   */
  public freeze(environment: string): void {
    this.frozenBy ??= environment;
  }

  /**
   * Called by the Service constructor; duplicate names are reported at synth.
   * @internal
   */
  public register(service: Service<Name>): void {
    this.throwIfFrozen(`Service "${service.name}"`);
    this.members.push(service);
  }

  /**
   * Called by the Store constructor; duplicate names are reported at synth.
   * @internal
   */
  public registerStore(store: Store): void {
    this.throwIfFrozen(`Store "${store.name}"`);
    this.storeMembers.push(store);
  }

  private throwIfFrozen(what: string): void {
    if (this.frozenBy !== undefined) {
      throw new Error(
        `${what} was added to the catalog after environment "${this.frozenBy}" was built from it, ` +
          "which would leave it out of that environment: create every service and store before the environments that use the catalog.",
      );
    }
  }
}
