import type { Service } from "./service";

/** Options of a Terraform variable that carries a value at deploy time. */
export interface VariableOptions {
  /**
   * Text shown to whoever supplies the value.
   * @default undefined
   */
  readonly description?: string;
}

/**
 * A plain environment value. Business configuration is committed as a literal;
 * configuration that differs per environment (a database host, a user) is read
 * from a Terraform variable supplied at deploy time and never committed.
 */
export class EnvValue {
  /** A value committed with the code. */
  public static literal(value: string): EnvValue {
    return new EnvValue({ kind: "literal", value });
  }

  /** A value supplied per environment as the Terraform variable `name`. */
  public static fromVariable(name: string, options: VariableOptions = {}): EnvValue {
    return new EnvValue({ kind: "variable", name, description: options.description });
  }

  /**
   * The host name `service` is reached by inside the environment: its name on
   * Docker, its discovery record on SAE. List `service` in `dependsOn` too.
   */
  public static hostOf(service: Service): EnvValue {
    return new EnvValue({ kind: "host", service });
  }

  private constructor(
    /** Where the value comes from. */
    public readonly source:
      | {
        /** Committed with the code. */
        readonly kind: "literal";
        /** The value itself. */
        readonly value: string;
      }
      | {
        /** A Terraform variable supplied per environment. */
        readonly kind: "variable";
        /** Name of the Terraform variable. */
        readonly name: string;
        /** Text shown to whoever supplies the value. */
        readonly description?: string;
      }
      | {
        /** The in-environment host name of a service. */
        readonly kind: "host";
        /** The service whose host name this is. */
        readonly service: Service;
      },
  ) {}
}

/**
 * A secret value (a password, a token). It only ever exists as a sensitive
 * Terraform variable supplied at deploy time: synthesized files carry the
 * variable reference, never the value.
 */
export class Secret {
  /** A secret supplied per environment as the sensitive Terraform variable `name`. */
  public static fromVariable(name: string, options: VariableOptions = {}): Secret {
    return new Secret(name, options.description);
  }

  private constructor(
    /** Name of the sensitive Terraform variable. */
    public readonly variableName: string,
    /** Text shown to whoever supplies the value. */
    public readonly description?: string,
  ) {}
}
