/**
 * A container image without a version: the version a service runs comes from
 * each environment's release, so one catalog can be promoted from test to production.
 */
export class Image {
  /**
   * An image in a registry, by repository path (e.g. `shop/orders-api`).
   * The environment decides which registry host serves it.
   */
  public static fromRegistry(repository: string): Image {
    return new Image(repository);
  }

  private constructor(
    /** Repository path inside a registry, e.g. `shop/orders-api`. */
    public readonly repository: string,
  ) {}

  /** The full reference for `version` in `registry` (a tag, or a `sha256:` digest). */
  public reference(registry: string, version: string): string {
    const separator = version.startsWith("sha256:") ? "@" : ":";
    return `${registry}/${this.repository}${separator}${version}`;
  }
}
