/** An amount of memory, kept in mebibytes (the unit both Docker and SAE accept). */
export class Size {
  /** `amount` mebibytes. */
  public static mebibytes(amount: number): Size {
    return new Size(amount);
  }

  /** `amount` gibibytes. */
  public static gibibytes(amount: number): Size {
    return new Size(amount * 1024);
  }

  private constructor(private readonly mib: number) {}

  /** The size in mebibytes. */
  public toMebibytes(): number {
    return this.mib;
  }

  /** A compact human-readable form, e.g. `2Gi`, `512Mi`. */
  public toString(): string {
    return this.mib % 1024 === 0 ? `${this.mib / 1024}Gi` : `${this.mib}Mi`;
  }
}

/** A CPU allowance, kept in millicores (SAE counts in millicores, Docker in fractional cores). */
export class Cpu {
  /** `amount` whole or fractional cores. */
  public static cores(amount: number): Cpu {
    return new Cpu(Math.round(amount * 1000));
  }

  /** `amount` thousandths of a core. */
  public static millicores(amount: number): Cpu {
    return new Cpu(amount);
  }

  private constructor(private readonly milli: number) {}

  /** The allowance in millicores. */
  public toMillicores(): number {
    return this.milli;
  }

  /** The allowance in (possibly fractional) cores. */
  public toCores(): number {
    return this.milli / 1000;
  }

  /** A compact human-readable form, e.g. `1 core`, `500m`. */
  public toString(): string {
    return this.milli % 1000 === 0 ? `${this.milli / 1000} core${this.milli === 1000 ? "" : "s"}` : `${this.milli}m`;
  }
}

/** CPU and memory for each replica of a service. */
export interface Resources {
  /** CPU per replica. */
  readonly cpu: Cpu;
  /** Memory per replica. */
  readonly memory: Size;
}
