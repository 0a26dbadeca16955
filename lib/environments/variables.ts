import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { EnvValue, Secret } from "../model/config";
import { Service } from "../model/service";
import { ConnectionField, MysqlStore, Store, variablePrefix } from "../model/store";

/** The order of `localeCompare`, without building a collator for every comparison. */
const NAME_ORDER = new Intl.Collator();

/** One environment variable of a container, ready for a platform to render. */
export interface ContainerEnv {
  /** Variable name inside the container. */
  readonly name: string;
  /** A literal or a Terraform variable reference. */
  readonly value: string;
  /** Whether the value is a secret (rendered only as a sensitive variable reference). */
  readonly secret: boolean;
  /** The key of the shared configuration the value comes from: a platform with config maps reads it from there. */
  readonly shared?: string;
}

/** How one environment fills in the values that depend on it. */
export interface EnvironmentValues {
  /** The stage's name, which picks a per-stage value. */
  readonly stage: string;
  /** The host name a service is reached by in this environment. */
  hostOf(service: Service): string;
  /** Part of a store's connection in this environment: a literal or a reference. */
  storeValue(store: Store, field: ConnectionField): string;
}

/**
 * The Terraform variables of one stack: a variable per name, declared once
 * however many services read it; secrets are declared `sensitive`. Resolves
 * each service's environment through what the environment provides.
 */
export class StackVariables {
  private readonly declared = new Map<string, TerraformVariable>();
  private readonly scope: Construct;

  constructor(stack: TerraformStack, private readonly values: EnvironmentValues) {
    // A scope of their own keeps variable names apart from the platform's construct ids.
    this.scope = new Construct(stack, "variables");
  }

  /** Every environment variable of `service`, plain values first, each sorted by name. */
  public containerEnv(service: Service): ContainerEnv[] {
    const byName = (a: [string, unknown], b: [string, unknown]) => NAME_ORDER.compare(a[0], b[0]);
    const plain = Object.entries(service.env).sort(byName).map(([name, value]) => {
      const source = value.source;
      return source.kind === "shared"
        ? { name, value: this.plain(source.config.values[source.key]), secret: false, shared: source.key }
        : { name, value: this.plain(value), secret: false };
    });
    const secret = Object.entries(service.secrets).sort(byName)
      .map(([name, value]) => ({ name, value: this.secret(value), secret: true }));
    return [...plain, ...secret];
  }

  /** The value of `value` in this environment: a literal, a host name or a variable reference. */
  public plain(value: EnvValue): string {
    const source = value.source;
    switch (source.kind) {
      case "literal": return source.value;
      case "host": return this.values.hostOf(source.service);
      case "stage": return source.values[this.values.stage];
      case "store": return this.values.storeValue(source.store, source.field);
      // The model rules refuse a shared value that is itself shared.
      case "shared": return this.plain(source.config.values[source.key]);
      default: return this.variable(source.name, false, source.description ?? "Per-environment configuration (not committed)").stringValue;
    }
  }

  /** A reference to the sensitive variable of `secret`. */
  public secret(secret: Secret): string {
    return this.variable(secret.variableName, true, secret.description ?? "Secret supplied at deploy time").stringValue;
  }

  /**
   * Part of the connection of a store the team runs itself: host, port and user
   * are the plain variables `<store>_host`, `<store>_port`, `<store>_user`; the
   * database is the one the store declares; the password is the store's secret.
   */
  public externalStore(store: Store, field: ConnectionField): string {
    if (field === "database") return (store as MysqlStore).database;
    const what = { host: "Host", port: "Port", user: "Account" }[field];
    return this.variable(`${variablePrefix(store.name)}_${field}`, false, `${what} of the existing store ${store.name}`).stringValue;
  }

  private variable(name: string, sensitive: boolean, description: string): TerraformVariable {
    let variable = this.declared.get(name);
    if (!variable) {
      // A construct cannot be called after a property every object has (`constructor`): its id then differs from its name.
      const id = name in Object.prototype ? `${name}-variable` : name;
      variable = new TerraformVariable(this.scope, id, { type: "string", sensitive, description, nullable: false });
      variable.overrideLogicalId(name);
      this.declared.set(name, variable);
    }
    return variable;
  }
}
