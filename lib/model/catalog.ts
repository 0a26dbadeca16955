import { Release, ReleaseEntry } from "./release";
import type { Service } from "./service";

/**
 * A version, or a version and a replica count, for every service a catalog was
 * declared with. As an object literal, a key that names no such service does
 * not compile, and neither does a missing one.
 */
export type ReleaseEntries<Name extends string = string> = { readonly [K in Name]: string | ReleaseEntry };

/**
 * The services of one product, described once and deployed to every environment.
 *
 * Declare the service names as a type argument, `new ServiceCatalog<"web" | "orders-api">()`,
 * and TypeScript checks every name given to a {@link Service} and every key of
 * {@link ServiceCatalog.release | release}: a typo fails to compile. Without it any name
 * compiles, and the environment reports unknown and missing names when it synthesizes.
 *
 * @typeParam Name - the names of the catalog's services
 */
export class ServiceCatalog<Name extends string = string> {
  private readonly members: Service<Name>[] = [];
  private frozenBy?: string;

  /** Every service, in the order they were added. */
  public get services(): readonly Service<Name>[] {
    return this.members;
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
    if (this.frozenBy !== undefined) {
      throw new Error(
        `Service "${service.name}" was added to the catalog after environment "${this.frozenBy}" was built from it, ` +
          "which would leave the service out of that environment: create every service before the environments that use the catalog.",
      );
    }
    this.members.push(service);
  }
}
