import {
  App, TerraformBackend, TerraformDataSource, TerraformOutput, TerraformRemoteState, TerraformProvider, TerraformResource, TerraformStack,
  TerraformVariable,
} from "cdktf";
import { Construct } from "constructs";
import { CHECK_RECORD_KEY } from "../../lib/validation/check-record";

/** A block's body as written: attributes by name. */
type Body = Record<string, unknown>;

/** A synthesized stack (`cdk.tf.json`), as far as the floor reads it. */
export interface StackJson {
  readonly "//"?: { readonly metadata?: { readonly overrides?: { readonly stack?: readonly string[] } }; readonly [key: string]: unknown };
  readonly terraform?: { readonly backend?: Record<string, Body>; readonly required_providers?: Record<string, { source: string; version?: string }> };
  readonly provider?: Record<string, Body[]>;
  readonly variable?: Record<string, {
    readonly type?: string; readonly default?: unknown; readonly description?: string; readonly sensitive?: boolean; readonly nullable?: boolean;
  }>;
  readonly output?: Record<string, { readonly value: unknown; readonly description?: string; readonly sensitive?: boolean }>;
  readonly resource?: Record<string, Record<string, Body & { readonly "//": { readonly metadata: { readonly path: string } } }>>;
  readonly data?: Record<string, Record<string, Body & { readonly "//": { readonly metadata: { readonly path: string } } }>>;
  readonly [block: string]: unknown;
}

/**
 * cdktf's floor for a given output: the same Terraform JSON built from cdktf's
 * generic elements (one `TerraformResource`, `TerraformDataSource`, `TerraformProvider` or
 * `TerraformBackend` per block, returning its attributes as they stand, and
 * cdktf's own `TerraformVariable` and `TerraformOutput`), at the same
 * construct paths and logical ids. What synthesizing that takes is what cdktf
 * itself costs for the output, with no library in between.
 */
export function buildFloor(app: App, stacks: Record<string, StackJson>): void {
  for (const [name, json] of Object.entries(stacks)) buildStack(new FloorStack(app, name, json["//"]?.[CHECK_RECORD_KEY]), json);
}

/** A stack that writes the environments' check record into its `"//"` block as given, as they do. */
class FloorStack extends TerraformStack {
  constructor(scope: Construct, id: string, private readonly record: unknown) {
    super(scope, id);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's TerraformStack.toTerraform() signature
  public toTerraform(): any {
    const json = super.toTerraform() as StackJson;
    return this.record === undefined ? json : { ...json, "//": { ...json["//"], [CHECK_RECORD_KEY]: this.record } };
  }
}

const KNOWN_BLOCKS = new Set(["//", "terraform", "provider", "data", "resource", "variable", "output"]);

function buildStack(stack: TerraformStack, json: StackJson): void {
  const unknown = Object.keys(json).filter((key) => !KNOWN_BLOCKS.has(key));
  if (unknown.length > 0) throw new Error(`the floor does not rebuild ${unknown.join(", ")} blocks yet`);
  for (const [backend, body] of Object.entries(json.terraform?.backend ?? {})) {
    new RawBackend(stack, "backend", backend, body);
  }
  for (const [name, configs] of Object.entries(json.provider ?? {})) {
    const required = json.terraform?.required_providers?.[name];
    if (required === undefined) throw new Error(`provider ${name} is not in terraform.required_providers`);
    configs.forEach((body, i) => new RawProvider(stack, `${name}-${i}`, name, required, body));
  }
  for (const [name, body] of Object.entries(json.variable ?? {})) {
    const variable = new TerraformVariable(stack, name, {
      type: body.type, default: body.default, description: body.description, sensitive: body.sensitive, nullable: body.nullable,
    });
    variable.overrideLogicalId(name);
  }
  for (const [name, body] of Object.entries(json.output ?? {})) {
    const output = new TerraformOutput(stack, name, { value: body.value, description: body.description, sensitive: body.sensitive });
    output.overrideLogicalId(name);
  }
  // Stack-level overrides (the docker provider's version range) as the metadata lists them: the
  // same blocks written over again, so the JSON and its metadata come out the same.
  for (const key of json["//"]?.metadata?.overrides?.stack ?? []) stack.addOverride(key, json[key]);
  const scopes = new Map<string, Construct>([[stack.node.id, stack]]);
  for (const [kind, blocks] of [["data", json.data], ["resource", json.resource]] as const) {
    for (const [type, byId] of Object.entries(blocks ?? {})) {
      for (const [logicalId, { "//": meta, ...body }] of Object.entries(byId)) {
        const segments = meta.metadata.path.split("/");
        const scope = scopeOf(scopes, segments.slice(0, -1));
        const id = segments[segments.length - 1];
        const element = kind === "data" ? new RawDataSource(scope, id, type, body) : new RawResource(scope, id, type, body);
        element.overrideLogicalId(logicalId);
      }
    }
  }
}

/** The construct at `path` (stack id first), created as a plain scope where missing. */
function scopeOf(scopes: Map<string, Construct>, path: string[]): Construct {
  const key = path.join("/");
  let scope = scopes.get(key);
  if (!scope) {
    scope = new Construct(scopeOf(scopes, path.slice(0, -1)), path[path.length - 1]);
    scopes.set(key, scope);
  }
  return scope;
}

/** Meta-arguments of a resource block: cdktf renders them apart from the attributes. */
const META_ARGUMENTS = ["depends_on", "count", "provider", "lifecycle", "for_each", "connection"];

/** A block's body split as cdktf renders it: meta-arguments apart from the attributes. */
function splitBody(body: Record<string, unknown>): { attributes: Record<string, unknown>; meta: Record<string, unknown> } {
  const split = { attributes: {} as Record<string, unknown>, meta: {} as Record<string, unknown> };
  for (const [key, value] of Object.entries(body)) (META_ARGUMENTS.includes(key) ? split.meta : split.attributes)[key] = value;
  return split;
}

class RawResource extends TerraformResource {
  private readonly body: ReturnType<typeof splitBody>;

  constructor(scope: Construct, id: string, type: string, body: Record<string, unknown>) {
    super(scope, id, { terraformResourceType: type });
    this.body = splitBody(body);
  }

  public get terraformMetaArguments(): Record<string, unknown> {
    return this.body.meta;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.body.attributes;
  }
}

class RawDataSource extends TerraformDataSource {
  private readonly body: ReturnType<typeof splitBody>;

  constructor(scope: Construct, id: string, type: string, body: Record<string, unknown>) {
    super(scope, id, { terraformResourceType: type });
    this.body = splitBody(body);
  }

  public get terraformMetaArguments(): Record<string, unknown> {
    return this.body.meta;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.body.attributes;
  }
}

class RawProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, name: string, required: { source: string; version?: string },
    private readonly body: Record<string, unknown>) {
    super(scope, id, {
      terraformResourceType: name,
      terraformProviderSource: required.source,
      terraformGeneratorMetadata: { providerName: name, providerVersion: required.version },
    });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.body;
  }
}

class RawBackend extends TerraformBackend {
  constructor(scope: Construct, id: string, name: string, private readonly body: Record<string, unknown>) {
    super(scope, id, name);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.body;
  }

  public getRemoteStateDataSource(): TerraformRemoteState {
    throw new Error("the floor rebuilds stacks without cross-stack references");
  }
}
