import type { Service } from "./service";
import type { SharedConfig } from "./shared-config";
import type { ConnectionField, Store } from "./store";

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

  /**
   * A committed value that differs by stage, one per stage name. Prefer
   * `catalog.perStage`, which checks at compile time that every stage of the
   * catalog has one; an environment whose stage has none is refused at synth.
   */
  public static perStage(values: Readonly<Record<string, string>>): EnvValue {
    return new EnvValue({ kind: "stage", values: { ...values } });
  }

  /**
   * Part of `store`'s connection in each environment; use `store.connection`.
   * @internal
   */
  public static ofStore(store: Store, field: ConnectionField): EnvValue {
    return new EnvValue({ kind: "store", store, field });
  }

  /**
   * The value of `key` in `config`; use `config.get(key)`.
   * @internal
   */
  public static ofShared(config: SharedConfig, key: string): EnvValue {
    return new EnvValue({ kind: "shared", config, key });
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
      }
      | {
        /** A committed value per stage. */
        readonly kind: "stage";
        /** The value of each stage, by stage name. */
        readonly values: Readonly<Record<string, string>>;
      }
      | {
        /** Part of a store's connection, as the environment provides the store. */
        readonly kind: "store";
        /** The store. */
        readonly store: Store;
        /** Which part. */
        readonly field: ConnectionField;
      }
      | {
        /** A value of the catalog's shared configuration. */
        readonly kind: "shared";
        /** The shared configuration. */
        readonly config: SharedConfig;
        /** The key of the value in it. */
        readonly key: string;
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

  /**
   * `store`'s password, the secret `password`, read by a service; use `store.connection.password`.
   * @internal
   */
  public static ofStore(store: Store, password: Secret): Secret {
    return new Secret(password?.variableName, password?.description, store);
  }

  private constructor(
    /** Name of the sensitive Terraform variable. */
    public readonly variableName: string,
    /** Text shown to whoever supplies the value. */
    public readonly description?: string,
    /** The store whose password this is, when a service reads it through the store's connection. */
    public readonly store?: Store,
  ) {}
}
