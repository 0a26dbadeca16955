/**
 * Generates the TypeScript bindings the library's two builds use, restricted to the
 * resources and data sources the library uses (see ALICLOUD_TYPES_TO_GENERATE and
 * DOCKER_TYPES_TO_GENERATE):
 *   - for cdktf, by @cdktf/provider-generator: aliyun/alicloud into `.gen/providers/alicloud`
 *     (docker comes from the prebuilt @cdktf/provider-docker);
 *   - for cdktn, by @cdktn/provider-generator from the same schemas: aliyun/alicloud and
 *     kreuzwerker/docker 3.6.2 (the version @cdktf/provider-docker 12.0.3 was generated from)
 *     into `.gen/cdktn/providers/{alicloud,docker}`.
 *
 * It follows the same code path as `cdktf get` / `cdktn get` (ConstructsMaker):
 *   schema (terraform providers schema -json + provider_versions)
 *     -> sanitize -> TerraformProviderGenerator.generate(target) -> CodeMaker.save()
 * with one extra step: the provider schema is filtered down to the types listed
 * below before generation, so the output is small and generation is fast.
 *
 * The schemas are the repository's own copies (`terraform providers schema -json` as printed for
 * aliyun/alicloud 1.247.0, ALICLOUD_SCHEMA_FILE, and for kreuzwerker/docker 3.6.2, DOCKER_SCHEMA_FILE:
 * docs/cdktn.md says how it was made), so generating needs neither Terraform nor the Terraform
 * Registry. ALICLOUD_PROVIDER_SCHEMA=/path/to/schema.json overrides the alicloud one (scripts/toolchain.sh
 * sets it where it could build the provider); ALICLOUD_PROVIDER_VERSION=1.247.0 optionally records the
 * exact version in the bindings (without it they carry only the version constraint).
 *
 * Usage: npm run gen            (regenerates only if schema / type list / generator changed)
 *        npm run gen -- --force (always regenerate)
 *
 * The generated code is not committed: `.gen/` is git-ignored.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";

import type * as CdktfCommons from "@cdktf/commons";
import type * as ProviderGenerator from "@cdktf/provider-generator";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with jest.config.js
const { FRAMEWORKS } = require("./frameworks") as { FRAMEWORKS: Record<Framework, FrameworkTools> };

/**
 * The alicloud resource and data source types the library uses. Only these get bindings.
 * Add a type here (and run `npm run gen`) to make it available under `.gen/providers/alicloud`.
 *
 * SAE's own service discovery is configured on the application (alicloud_sae_application.
 * pvtz_discovery_svc) and answers only inside SAE; the alicloud_pvtz_* types give the names
 * callers already use (internal route domains, aliases) zones of their own in the VPC.
 */
export const ALICLOUD_TYPES_TO_GENERATE = {
  resources: [
    "alicloud_vpc",
    "alicloud_vswitch",
    "alicloud_cr_ee_instance",
    "alicloud_cr_ee_namespace",
    "alicloud_cr_ee_repo",
    "alicloud_cr_vpc_endpoint_linked_vpc",
    "alicloud_cr_namespace",
    "alicloud_cr_repo",
    "alicloud_log_project",
    "alicloud_log_store",
    "alicloud_sae_namespace",
    "alicloud_sae_application",
    "alicloud_slb_load_balancer",
    "alicloud_sae_load_balancer_internet",
    "alicloud_sae_load_balancer_intranet",
    "alicloud_sae_ingress",
    "alicloud_pvtz_zone",
    "alicloud_pvtz_zone_record",
    "alicloud_pvtz_zone_attachment",
    // The state bootstrap: bucket, its settings as the provider's non-deprecated split resources, the lock table.
    "alicloud_oss_bucket",
    "alicloud_oss_bucket_versioning",
    "alicloud_oss_bucket_server_side_encryption",
    "alicloud_oss_bucket_acl",
    "alicloud_oss_bucket_public_access_block",
    "alicloud_ots_instance",
    "alicloud_ots_table",
    // The deployer's permissions.
    "alicloud_ram_policy",
    "alicloud_ram_role",
    "alicloud_ram_role_policy_attachment",
    // Operating in production: autoscaling, canaries, alarms.
    "alicloud_sae_application_scaling_rule",
    "alicloud_sae_grey_tag_route",
    "alicloud_cms_alarm",
    "alicloud_cms_alarm_contact_group",
    // Backing services: ApsaraDB RDS for MySQL (instance, database, account and its rights, backups),
    // ApsaraDB for Redis, and the SAE config map that holds the configuration services share.
    "alicloud_db_instance",
    "alicloud_db_database",
    "alicloud_db_account",
    "alicloud_db_account_privilege",
    "alicloud_db_backup_policy",
    "alicloud_kvstore_instance",
    "alicloud_sae_config_map",
  ],
  // alicloud_account: the deploying account's id, which makes the default SLS project name unique.
  dataSources: ["alicloud_account", "alicloud_zones"],
} as const;

/**
 * The kreuzwerker/docker types the library uses: the cdktn build gets bindings for these only
 * (the cdktf build uses the prebuilt @cdktf/provider-docker, which has them all).
 */
export const DOCKER_TYPES_TO_GENERATE = {
  resources: ["docker_container", "docker_image", "docker_network", "docker_volume"],
  dataSources: [],
} as const;

/** The framework a set of bindings is generated for. */
export type Framework = "cdktf" | "cdktn";

/** Where scripts/frameworks.js says a framework's generator packages and bindings are. */
interface FrameworkTools {
  readonly generator: string;
  readonly commons: string;
  readonly sanitizer: string;
  readonly gen: string;
}

/** A provider bindings are generated for, and the types of it they cover. */
interface Provider {
  /** The folder under `<gen>/providers`. */
  readonly name: string;
  readonly source: string;
  /** The constraint the bindings record (and `cdktf.json`'s terraformProviders would hold). */
  readonly version: string;
  readonly types: { readonly resources: readonly string[]; readonly dataSources: readonly string[] };
  /** The committed schema; `override` names the variable that may name another file instead. */
  readonly schema: { readonly file: string; readonly override?: string };
  /** The exact version the schema was printed for, recorded in the bindings, or the variable that gives it. */
  readonly schemaVersion: { readonly fixed: string } | { readonly variable: string };
}

const REPO_ROOT = path.resolve(__dirname, "..");
/** The provider schemas the bindings are generated from, committed in the repository. */
export const ALICLOUD_SCHEMA_FILE = path.join(REPO_ROOT, "schemas", "alicloud-1.247.0.json");
export const DOCKER_SCHEMA_FILE = path.join(REPO_ROOT, "schemas", "docker-3.6.2.json");

/** The alicloud provider (name = folder under .gen/providers). */
export const ALICLOUD_PROVIDER = {
  name: "alicloud", source: "aliyun/alicloud", version: "~> 1.247.0", types: ALICLOUD_TYPES_TO_GENERATE,
  schema: { file: ALICLOUD_SCHEMA_FILE, override: "ALICLOUD_PROVIDER_SCHEMA" },
  schemaVersion: { variable: "ALICLOUD_PROVIDER_VERSION" },
} as const satisfies Provider;

/** The docker provider @cdktf/provider-docker 12.0.3 was generated from. */
export const DOCKER_PROVIDER = {
  name: "docker", source: "kreuzwerker/docker", version: "3.6.2", types: DOCKER_TYPES_TO_GENERATE,
  schema: { file: DOCKER_SCHEMA_FILE }, schemaVersion: { fixed: "3.6.2" },
} as const satisfies Provider;

/** Every set of bindings the library's builds use. */
const TARGETS: readonly { framework: Framework; provider: Provider }[] = [
  { framework: "cdktf", provider: ALICLOUD_PROVIDER },
  { framework: "cdktn", provider: ALICLOUD_PROVIDER },
  { framework: "cdktn", provider: DOCKER_PROVIDER },
];

/** Bump when this script's output format changes, to invalidate existing stamps. */
const STAMP_FORMAT = 1;

const STAMP_FILE_NAME = ".bindings-stamp.json";

/** Where `npm run gen` writes `provider`'s bindings for `framework`. */
export function bindingsDir(framework: Framework, provider: { name: string }): string {
  return path.join(REPO_ROOT, FRAMEWORKS[framework].gen, "providers", provider.name);
}

/** The constraint in the "source@version" form cdktf.json's terraformProviders uses. */
const constraintOf = (provider: Provider) => `${provider.source}@${provider.version}`;

/**
 * A framework's generator packages, loaded lazily: loading them takes ~1 s (and their commons
 * runs `terraform version` on load), which the up-to-date check does not need. The commons and
 * provider-schema packages are dependencies of the provider generator (same release); they are
 * resolved from there so we use the exact copies the generator uses. cdktn's are cdktf's renamed:
 * the same API, so cdktf's types describe both.
 */
interface Generator {
  generator: typeof ProviderGenerator;
  commons: typeof CdktfCommons;
  sanitizeProviderSchema: (s: CdktfCommons.ProviderSchema) => CdktfCommons.ProviderSchema;
  version: string;
}
const loaded = new Map<Framework, Generator>();
function generatorOf(framework: Framework): Generator {
  let tools = loaded.get(framework);
  if (!tools) {
    const { generator, commons, sanitizer } = FRAMEWORKS[framework];
    const requireFromGenerator = createRequire(require.resolve(generator));
    tools = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, as said above
      generator: require(generator) as typeof ProviderGenerator,
      commons: requireFromGenerator(commons) as typeof CdktfCommons,
      sanitizeProviderSchema: (
        requireFromGenerator(sanitizer) as {
          sanitizeProviderSchema: (s: CdktfCommons.ProviderSchema) => CdktfCommons.ProviderSchema;
        }
      ).sanitizeProviderSchema,
      version: generatorVersion(framework),
    };
    loaded.set(framework, tools);
  }
  return tools;
}

/** The version of `framework`'s generator, read without loading it. */
function generatorVersion(framework: Framework): string {
  const manifest = require.resolve(`${FRAMEWORKS[framework].generator}/package.json`);
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

type Schema = CdktfCommons.ProviderSchema;

interface Stamp {
  format: number;
  /** hash of everything except the schema contents: constraint, type lists, generator version */
  inputsHash: string;
  /** hash of the filtered schema (+ provider version) the bindings were generated from */
  schemaHash: string;
  /** `file:` and the schema file, relative to the repository when inside it */
  source: string;
  providerVersion?: string;
  generatedAt: string;
}

class UsageError extends Error {}

/** The command line's options; anything else is a usage error. */
function options(): { force: boolean } {
  try {
    return { force: parseArgs({ options: { force: { type: "boolean" } } }).values.force === true };
  } catch (e) {
    throw new UsageError(`${(e as Error).message} (usage: npm run gen [-- --force])`);
  }
}

function sha256(value: unknown): string {
  return createHash("sha256")
    .update(typeof value === "string" ? value : JSON.stringify(value))
    .digest("hex");
}

function logTime(label: string, startNs: bigint): number {
  const ms = Number(process.hrtime.bigint() - startNs) / 1e6;
  console.log(`[gen] ${label}: ${ms.toFixed(0)} ms`);
  return ms;
}

/** The same target object `cdktf get` builds from a cdktf.json terraformProviders entry. */
function providerTarget(framework: Framework, provider: Provider): CdktfCommons.ConstructsMakerProviderTarget {
  const { commons } = generatorOf(framework);
  const constraint = new commons.TerraformProviderConstraint(constraintOf(provider));
  return commons.ConstructsMakerTarget.from(
    constraint,
    commons.Language.TYPESCRIPT,
  ) as CdktfCommons.ConstructsMakerProviderTarget;
}

function howToFix(provider: Provider, reason: string): UsageError {
  const { source, version, name } = provider;
  const { file, override } = provider.schema;
  return new UsageError(
    [
      `Could not read the ${source} provider schema (${version}) needed to generate the ${name} bindings.`,
      `Reason: ${reason}`,
      ...(override
        ? [
          "",
          `Leave ${override} unset to use the repository's ${path.relative(REPO_ROOT, file)},`,
          "or set it to a JSON file produced by `terraform providers schema -json` in a directory that",
          `requires ${source} ${version} (optionally ALICLOUD_PROVIDER_VERSION to record the exact version).`,
        ]
        : []),
    ].join("\n"),
  );
}

/** The schema file `provider`'s bindings are generated from, and how an error names it. */
function schemaFileOf(provider: Provider): { file: string; named: string } {
  const { file, override } = provider.schema;
  const given = override ? process.env[override] : undefined;
  return given ? { file: path.resolve(given), named: `${override} names` } : { file, named: "the repository's schema" };
}

function loadSchemaFromFile(provider: Provider, file: string, named: string): Schema {
  if (!fs.existsSync(file)) {
    throw howToFix(provider, `${named} ${file}, which does not exist`);
  }
  let schema: Schema;
  try {
    schema = JSON.parse(fs.readFileSync(file, "utf8")) as Schema;
  } catch (e) {
    throw howToFix(provider, `${named} ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const version = "fixed" in provider.schemaVersion ? provider.schemaVersion.fixed : process.env[provider.schemaVersion.variable];
  if (version) {
    const fqpn = findProviderKey(provider, schema);
    if (fqpn) schema.provider_versions = { ...(schema.provider_versions ?? {}), [fqpn]: version };
  }
  return schema;
}

function findProviderKey(provider: Provider, schema: Schema): string | undefined {
  const { source } = provider;
  return Object.keys(schema.provider_schemas ?? {}).find(
    (fqpn) => fqpn === source || fqpn.toLowerCase().endsWith(`/${source.toLowerCase()}`),
  );
}

/** Keep only the provider config block plus the resources / data sources the library uses. */
function filterSchema(provider: Provider, schema: Schema, origin: string): Schema {
  const fqpn = findProviderKey(provider, schema);
  const found = fqpn ? schema.provider_schemas?.[fqpn] : undefined;
  if (!fqpn || !found) {
    throw howToFix(
      provider,
      `${origin} has no schema for ${provider.source} (found: ${
        Object.keys(schema.provider_schemas ?? {}).join(", ") || "none"
      })`,
    );
  }
  const pick = <T>(all: Record<string, T> | undefined, wanted: readonly string[], kind: string) => {
    const missing = wanted.filter((t) => !all?.[t]);
    if (missing.length > 0) {
      throw new UsageError(
        `The ${provider.name} provider schema from ${origin} has no ${kind} ${missing.join(", ")}. ` +
          `Fix the ${provider.name} type list in scripts/generate-bindings.ts or use a matching provider version.`,
      );
    }
    return Object.fromEntries([...wanted].sort().map((t) => [t, all![t]]));
  };
  const filtered: Schema = {
    format_version: schema.format_version,
    provider_schemas: {
      [fqpn]: {
        provider: found.provider,
        resource_schemas: pick(found.resource_schemas, provider.types.resources, "resource"),
        data_source_schemas: pick(found.data_source_schemas, provider.types.dataSources, "data source"),
      },
    },
  };
  const version = schema.provider_versions?.[fqpn];
  if (version) filtered.provider_versions = { [fqpn]: version };
  return filtered;
}

function readStamp(outDir: string): Stamp | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE_NAME), "utf8")) as Stamp;
    // a stamp without the generated entry point is worthless
    return fs.existsSync(path.join(outDir, "index.ts")) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

async function generate(framework: Framework, provider: Provider, schema: Schema, outDir: string): Promise<number> {
  const { CodeMaker, TerraformProviderGenerator } = generatorOf(framework).generator;
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  generator.generate(providerTarget(framework, provider));

  // Write into a staging dir next to the output, then swap, so an interrupted
  // run never leaves a half-written provider folder behind.
  const genDir = path.dirname(path.dirname(outDir));
  fs.mkdirSync(genDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(genDir, ".staging-"));
  try {
    await code.save(staging);
    const produced = path.join(staging, "providers", provider.name);
    if (!fs.existsSync(path.join(produced, "index.ts"))) {
      throw new Error(`generator produced no ${path.relative(staging, produced)}/index.ts`);
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    fs.renameSync(produced, outDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  let count = 0;
  const walk = (d: string) =>
    fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith(".ts")) count++;
    });
  walk(outDir);
  return count;
}

/**
 * Terraform warns on every command when TF_CLI_CONFIG_FILE names a file that
 * does not exist, and the cdktf generator, which runs `terraform version` where
 * Terraform is installed, logs that warning as an error. With no file behind
 * it, Terraform reads no CLI configuration; an empty one (/dev/null) means the
 * same without the warning, and generating needs no configuration anyway.
 */
function replaceMissingCliConfig(): void {
  const file = process.env.TF_CLI_CONFIG_FILE;
  if (file && !fs.existsSync(file)) process.env.TF_CLI_CONFIG_FILE = os.devNull;
}

/** Generates `provider`'s bindings for `framework` unless they are up to date; `schemas` caches each provider's schema. */
async function generateTarget(
  framework: Framework, provider: Provider, force: boolean, schemas: Map<Provider, { schema: Schema; origin: string }>,
): Promise<void> {
  const outDir = bindingsDir(framework, provider);
  const shown = path.relative(REPO_ROOT, outDir);
  const inputsHash = sha256({
    format: STAMP_FORMAT,
    framework,
    generatorVersion: generatorVersion(framework),
    constraint: constraintOf(provider),
    types: provider.types,
  });
  const stamp = force ? undefined : readStamp(outDir);

  let loadedSchema = schemas.get(provider);
  if (!loadedSchema) {
    const tLoad = process.hrtime.bigint();
    const { file, named } = schemaFileOf(provider);
    // Inside the repository the stamp names the schema relative to it, so a clone moved elsewhere still finds it.
    const inRepository = !path.relative(REPO_ROOT, file).startsWith("..");
    const origin = inRepository ? path.relative(REPO_ROOT, file).split(path.sep).join("/") : file;
    loadedSchema = { schema: filterSchema(provider, loadSchemaFromFile(provider, file, named), file), origin };
    schemas.set(provider, loadedSchema);
    logTime(`load + filter schema (${origin})`, tLoad);
  }
  const { schema: filtered, origin } = loadedSchema;

  const schemaHash = sha256(filtered);
  if (stamp?.inputsHash === inputsHash && stamp.schemaHash === schemaHash) {
    console.log(`[gen] ${shown} is up to date; use --force to regenerate`);
    return;
  }

  const tGen = process.hrtime.bigint();
  // same clean-up `cdktf get` applies to every provider schema it reads
  const schema = generatorOf(framework).sanitizeProviderSchema(structuredClone(filtered));
  const files = await generate(framework, provider, schema, outDir);
  const fqpn = Object.keys(schema.provider_schemas ?? {})[0];
  const providerVersion = schema.provider_versions?.[fqpn];
  const newStamp: Stamp = {
    format: STAMP_FORMAT,
    inputsHash,
    schemaHash,
    source: `file:${origin}`,
    providerVersion,
    generatedAt: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(outDir, STAMP_FILE_NAME), JSON.stringify(newStamp, null, 2) + "\n");
  logTime(
    `generated ${provider.types.resources.length} resources + ${provider.types.dataSources.length} data sources ` +
      `(${files} .ts files, provider ${providerVersion ?? provider.version}) for ${framework} into ${shown}`,
    tGen,
  );
}

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const { force } = options();
  replaceMissingCliConfig();
  const schemas = new Map<Provider, { schema: Schema; origin: string }>();
  for (const { framework, provider } of TARGETS) await generateTarget(framework, provider, force, schemas);
  logTime("total", t0);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`[gen] ${err.message}`);
    } else {
      console.error("[gen] binding generation failed:", err);
    }
    process.exit(1);
  });
}
