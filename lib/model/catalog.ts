import type { Service } from "./service";

/** The services of one product, described once and deployed to every environment. */
export class ServiceCatalog {
  private readonly members: Service[] = [];
  private frozenBy?: string;

  /** Every service, in the order they were added. */
  public get services(): readonly Service[] {
    return this.members;
  }

  /** The service called `name`, if any. */
  public find(name: string): Service | undefined {
    return this.members.find((s) => s.name === name);
  }

  /**
   * Called by each environment built from this catalog: an environment renders
   * the services it finds when it is built, so a service added afterwards
   * would be missing from it without a word. From now on, adding one throws.
   */
  public freeze(environment: string): void {
    this.frozenBy ??= environment;
  }

  /** @internal called by the Service constructor; duplicate names are reported at synth. */
  public register(service: Service): void {
    if (this.frozenBy !== undefined) {
      throw new Error(
        `Service "${service.name}" was added to the catalog after environment "${this.frozenBy}" was built from it, ` +
          "which would leave the service out of that environment: create every service before the environments that use the catalog.",
      );
    }
    this.members.push(service);
  }
}
