import type { Service } from "./service";

/** The services of one product, described once and deployed to every environment. */
export class ServiceCatalog {
  private readonly members: Service[] = [];

  /** Every service, in the order they were added. */
  public get services(): readonly Service[] {
    return this.members;
  }

  /** The service called `name`, if any. */
  public find(name: string): Service | undefined {
    return this.members.find((s) => s.name === name);
  }

  /** @internal called by the Service constructor; duplicate names are reported at synth. */
  public register(service: Service): void {
    this.members.push(service);
  }
}
