/**
 * A span of time, kept in whole milliseconds so that every platform can render
 * it in the unit it wants ("10s" for Docker, integer seconds for SAE).
 */
export class Duration {
  /** A duration of `amount` milliseconds. */
  public static millis(amount: number): Duration {
    return new Duration(amount);
  }

  /** A duration of `amount` seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount * 1000);
  }

  /** A duration of `amount` minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount * 60_000);
  }

  /** A duration of `amount` days. */
  public static days(amount: number): Duration {
    return new Duration(amount * 86_400_000);
  }

  private constructor(private readonly ms: number) {}

  /** The duration in milliseconds. */
  public toMillis(): number {
    return this.ms;
  }

  /** The duration in seconds (may be fractional). */
  public toSeconds(): number {
    return this.ms / 1000;
  }

  /** The duration in days (may be fractional). */
  public toDays(): number {
    return this.ms / 86_400_000;
  }

  /** A compact human-readable form, e.g. `10s`, `1500ms`, `30d`. */
  public toString(): string {
    if (this.ms % 86_400_000 === 0 && this.ms !== 0) return `${this.ms / 86_400_000}d`;
    if (this.ms % 1000 === 0) return `${this.ms / 1000}s`;
    return `${this.ms}ms`;
  }
}
