import * as fs from "fs";
import * as path from "path";
import { CHECK_RECORD_KEY, CheckRecord } from "../validation/check-record";
import { Lifecycle, VariableDeclaration } from "./changes";
import { CREDENTIAL_NAME, SENSITIVE_ATTRIBUTES } from "./resource-roles";
import { looksLikeSecretName } from "../validation/secret-patterns";
import { SecretValues, redact } from "./secret-values";
import { Value, isRecord, valueAt } from "./values";

/** One resource as configured in a synthesized stack. */
export interface ConfiguredResource {
  /** Resource type. */
  readonly type: string;
  /** Configured arguments, meta-arguments removed, sensitive ones redacted. */
  readonly values: { [key: string]: Value };
  /** `lifecycle.create_before_destroy` and `lifecycle.prevent_destroy`. */
  readonly lifecycle: Lifecycle;
}


/** One synthesized stack (`stacks/<name>/cdk.tf.json`), read for review. */
export interface StackConfig {
  /** Resources by address (`type.name`). */
  readonly resources: ReadonlyMap<string, ConfiguredResource>;
  /** Variables by name. */
  readonly variables: Readonly<Record<string, VariableDeclaration>>;
  /** `terraform.backend`, `terraform.required_providers.<name>`, `provider.<name>`. */
  readonly settings: Readonly<Record<string, Value>>;
  /** Synthesis warnings about this stack (the annotations cdktf records in manifest.json). */
  readonly warnings: readonly string[];
  /** How the environment was checked, when it recorded it (this library's environments do). */
  readonly checked?: CheckRecord;
  /** The secrets written in this stack, to redact wherever else they turn up (the other side, other stacks). */
  readonly secrets: SecretValues;
}

/** A `cdktf synth` output directory, read for review. */
export interface SynthOutput {
  /** Every stack that was written, by name. */
  readonly stacks: ReadonlyMap<string, StackConfig>;
  /** Stacks the manifest lists whose output is missing: unknown, never to be read as removed. */
  readonly missing: readonly string[];
}

/** What the review reads of a synthesized stack's JSON. */
interface StackJson {
  readonly "//"?: Record<string, unknown>;
  readonly resource?: Record<string, Record<string, Record<string, Value>>>;
  readonly variable?: Record<string, Record<string, Value>>;
  readonly terraform?: { readonly backend?: Value; readonly required_providers?: Record<string, Value> };
  readonly provider?: Record<string, Value>;
}

/** Terraform meta-arguments: not attributes of the resource, never sent to the provider. */
const META_ARGUMENTS = new Set(["//", "count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

/** Reads every stack of a `cdktf synth` output directory. */
export function readSynthOutput(outdir: string): SynthOutput {
  const manifestFile = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    throw new Error(`${outdir} is not a cdktf output directory: it has no manifest.json (run cdktf synth, or give a git ref).`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    stacks?: Record<string, { synthesizedStackPath?: string; annotations?: { level?: string; message?: string }[] }>;
  };
  const stacks = new Map<string, StackConfig>();
  const missing: string[] = [];
  for (const [name, entry] of Object.entries(manifest.stacks ?? {})) {
    const file = path.join(outdir, entry.synthesizedStackPath ?? path.join("stacks", name, "cdk.tf.json"));
    if (!fs.existsSync(file)) {
      missing.push(name);
      continue;
    }
    const warnings = (entry.annotations ?? [])
      .filter((a) => a.level === "@cdktf/warn" && typeof a.message === "string")
      .map((a) => a.message!);
    stacks.set(name, parseStack(JSON.parse(fs.readFileSync(file, "utf8")) as StackJson, warnings));
  }
  return { stacks, missing };
}

/**
 * Parses the JSON of one `cdk.tf.json`. Secrets (a sensitive variable's
 * default, a provider-sensitive attribute, a provider credential, a literal
 * under a secret's name or shaped like a credential) are redacted where they
 * stand and wherever else they are repeated.
 */
function parseStack(json: StackJson, warnings: readonly string[] = []): StackConfig {
  const secrets = literalSecrets(json);
  const resources = new Map<string, ConfiguredResource>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      const values: { [key: string]: Value } = {};
      for (const [key, value] of Object.entries(config)) {
        if (META_ARGUMENTS.has(key)) continue;
        values[key] = (SENSITIVE_ATTRIBUTES[type] ?? []).includes(key) ? redact(value, { literal: !isReference(value) }) : secrets.redact(value);
      }
      resources.set(`${type}.${name}`, {
        type,
        values,
        lifecycle: {
          createBeforeDestroy: valueAt(config, ["lifecycle", "create_before_destroy"]) === true,
          preventDestroy: valueAt(config, ["lifecycle", "prevent_destroy"]) === true,
        },
      });
    }
  }

  const variables: Record<string, VariableDeclaration> = {};
  for (const [name, declaration] of Object.entries(json.variable ?? {})) {
    variables[name] = variableDeclaration(name, declaration, secrets);
  }

  const settings: Record<string, Value> = {};
  const terraform = json.terraform ?? {};
  if (terraform.backend) settings["terraform.backend"] = secrets.redact(normalizeBackend(terraform.backend));
  for (const [name, requirement] of Object.entries(terraform.required_providers ?? {})) {
    settings[`terraform.required_providers.${name}`] = requirement;
  }
  for (const [name, config] of Object.entries(json.provider ?? {})) {
    settings[`provider.${name}`] = secrets.redact(redactCredentials(config));
  }
  const checked = json["//"]?.[CHECK_RECORD_KEY] as CheckRecord | undefined;
  return { resources, variables, settings, warnings: warnings.map((w) => secrets.redactText(w)), checked, secrets };
}

/** A variable's declaration; its default redacted when the variable is sensitive or named like a secret. */
function variableDeclaration(name: string, declaration: Record<string, Value>, secrets: SecretValues): VariableDeclaration {
  const sensitive = declaration.sensitive === true;
  const fields: { [key: string]: Value } = {};
  for (const [key, value] of Object.entries(declaration)) {
    if (key === "sensitive") continue;
    const secret = key === "default" && (sensitive || looksLikeSecretName(name)) && value !== null && value !== "";
    fields[key] = secret ? redact(value, { literal: true }) : secrets.redact(value);
  }
  return { sensitive, fields };
}

/**
 * A stack's secrets redacted again with every secret of the review (both
 * sides, every stack): a value that is a secret on one side is one on the
 * other too. Nothing to do when the stack knows them all already.
 */
export function redactWith(config: StackConfig, secrets: SecretValues): StackConfig {
  if (config.secrets.covers(secrets)) return config;
  const again = <T extends Value>(value: T) => secrets.redact(value) as T;
  const resources = new Map([...config.resources].map(([address, r]) => [address, { ...r, values: again(r.values) }]));
  const variables = Object.fromEntries(Object.entries(config.variables).map(([name, v]) => [name, { ...v, fields: again(v.fields) }]));
  const settings = Object.fromEntries(Object.entries(config.settings).map(([name, v]) => [name, again(v)]));
  return { ...config, resources, variables, settings, warnings: config.warnings.map((w) => secrets.redactText(w)), secrets };
}

/** The secret literals written in a stack; references (`${var.x}`) name a secret, they are not one. */
function literalSecrets(json: StackJson): SecretValues {
  const secrets = new SecretValues();
  const add = (value: Value | undefined) => {
    if (!(typeof value === "string" && isReference(value))) secrets.add(value, true);
  };
  for (const [name, declaration] of Object.entries(json.variable ?? {})) {
    if (declaration.sensitive === true || looksLikeSecretName(name)) add(declaration.default);
  }
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const config of Object.values(byName)) {
      for (const attribute of SENSITIVE_ATTRIBUTES[type] ?? []) add(config[attribute]);
      for (const [key, value] of Object.entries(config)) if (!META_ARGUMENTS.has(key)) secrets.collectLiterals(value);
    }
  }
  const credentials = (value: Value): void => {
    if (Array.isArray(value)) value.forEach(credentials);
    else if (isRecord(value)) Object.entries(value).forEach(([k, v]) => (CREDENTIAL_NAME.test(k) ? add(v) : credentials(v)));
  };
  credentials(json.provider ?? {});
  secrets.collectLiterals(json.provider ?? {});
  return secrets;
}

function isReference(value: Value | undefined): boolean {
  return typeof value === "string" && /^\$\{[^]*\}$/.test(value);
}

/**
 * cdktf writes the local backend's path as an absolute path inside the
 * checkout, so two checkouts of the same code (CI synthesizes the base in a
 * worktree) would always differ. Only the file name is compared.
 */
function normalizeBackend(backend: Value): Value {
  const local = valueAt(backend, ["local"]);
  if (!isRecord(backend) || !isRecord(local) || typeof local.path !== "string" || !path.isAbsolute(local.path)) return backend;
  return { ...backend, local: { ...local, path: path.basename(local.path) } };
}

function redactCredentials(value: Value): Value {
  if (Array.isArray(value)) return value.map(redactCredentials);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, CREDENTIAL_NAME.test(key) ? redact(v, { literal: !isReference(v) }) : redactCredentials(v)]),
  );
}
