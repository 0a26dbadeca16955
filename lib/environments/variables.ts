import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { EnvValue, Secret } from "../model/config";
import { Service } from "../model/service";

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
}

/**
 * The Terraform variables of one stack: a variable per name, declared once
 * however many services read it; secrets are declared `sensitive`.
 */
export class StackVariables {
  private readonly declared = new Map<string, TerraformVariable>();
  private readonly scope: Construct;

  constructor(
    stack: TerraformStack,
    /** The host name a service is reached by in this environment. */
    private readonly hostOf: (service: Service) => string,
  ) {
    // A scope of their own keeps variable names apart from the platform's construct ids.
    this.scope = new Construct(stack, "variables");
  }

  /** Every environment variable of `service`, plain values first, each sorted by name. */
  public containerEnv(service: Service): ContainerEnv[] {
    const byName = (a: [string, unknown], b: [string, unknown]) => NAME_ORDER.compare(a[0], b[0]);
    const plain = Object.entries(service.env).sort(byName)
      .map(([name, value]) => ({ name, value: this.plain(value), secret: false }));
    const secret = Object.entries(service.secrets).sort(byName)
      .map(([name, value]) => ({ name, value: this.secret(value), secret: true }));
    return [...plain, ...secret];
  }

  private plain(value: EnvValue): string {
    const source = value.source;
    if (source.kind === "literal") return source.value;
    if (source.kind === "host") return this.hostOf(source.service);
    return this.variable(source.name, false, source.description ?? "Per-environment configuration (not committed)").stringValue;
  }

  private secret(secret: Secret): string {
    return this.variable(secret.variableName, true, secret.description ?? "Secret supplied at deploy time").stringValue;
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
