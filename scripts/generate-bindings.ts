/**
 * Generates the CDKTF TypeScript bindings for the aliyun/alicloud provider into
 * `.gen/providers/alicloud`, restricted to the resources and data sources this
 * library actually uses (see ALICLOUD_TYPES_TO_GENERATE).
 *
 * It follows the same code path as `cdktf get` (ConstructsMaker):
 *   schema (terraform providers schema -json + provider_versions)
 *     -> sanitize -> TerraformProviderGenerator.generate(target) -> CodeMaker.save()
 * with one extra step: the provider schema is filtered down to the types listed
 * below before generation, so the output is small and generation is fast.
 *
 * The schema is the repository's own copy, ALICLOUD_SCHEMA_FILE (`terraform providers schema -json`
 * as printed for aliyun/alicloud 1.247.0), so generating needs neither Terraform nor the Terraform
 * Registry. ALICLOUD_PROVIDER_SCHEMA=/path/to/schema.json overrides it (scripts/toolchain.sh sets it
 * where it could build the provider); ALICLOUD_PROVIDER_VERSION=1.247.0 optionally records the exact
 * version in the bindings (without it they carry only the version constraint).
 *
 * Usage: npm run gen            (regenerates only if schema / type list / generator changed)
 *        npm run gen -- --force (always regenerate)
 *
 * The generated code is not committed: `.gen/` is git-ignored.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { parseArgs } from "util";
import { version as generatorVersion } from "@cdktf/provider-generator/package.json";

import type * as CdktfCommons from "@cdktf/commons";
import type * as ProviderGenerator from "@cdktf/provider-generator";

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
  ],
  dataSources: ["alicloud_zones"],
} as const;

/** The provider the bindings are generated for (name = folder under .gen/providers). */
export const ALICLOUD_PROVIDER = { name: "alicloud", source: "aliyun/alicloud", version: "~> 1.247.0" } as const;
/** Same constraint in the "source@version" form cdktf.json's terraformProviders uses. */
const ALICLOUD_PROVIDER_CONSTRAINT = `${ALICLOUD_PROVIDER.source}@${ALICLOUD_PROVIDER.version}`;

/** Bump when this script's output format changes, to invalidate existing stamps. */
const STAMP_FORMAT = 1;

const REPO_ROOT = path.resolve(__dirname, "..");
/** The provider schema the bindings are generated from, committed in the repository. */
export const ALICLOUD_SCHEMA_FILE = path.join(REPO_ROOT, "schemas", "alicloud-1.247.0.json");
const GEN_DIR = path.join(REPO_ROOT, ".gen");
const STAMP_FILE_NAME = ".bindings-stamp.json";


/**
 * The cdktf generator packages, loaded lazily: loading them takes ~1 s (and @cdktf/commons
 * runs `terraform version` on load), which the up-to-date check does not need.
 * @cdktf/commons and @cdktf/provider-schema are dependencies of @cdktf/provider-generator
 * (same release); they are resolved from there so we use the exact copies the generator uses.
 */
let loaded:
  | {
      generator: typeof ProviderGenerator;
      commons: typeof CdktfCommons;
      sanitizeProviderSchema: (s: CdktfCommons.ProviderSchema) => CdktfCommons.ProviderSchema;
    }
  | undefined;
function cdktf(): NonNullable<typeof loaded> {
  if (!loaded) {
    const requireFromGenerator = createRequire(require.resolve("@cdktf/provider-generator"));
    loaded = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, as said above
      generator: require("@cdktf/provider-generator") as typeof ProviderGenerator,
      commons: requireFromGenerator("@cdktf/commons") as typeof CdktfCommons,
      sanitizeProviderSchema: (
        requireFromGenerator("@cdktf/provider-schema/src/provider-schema") as {
          sanitizeProviderSchema: (s: CdktfCommons.ProviderSchema) => CdktfCommons.ProviderSchema;
        }
      ).sanitizeProviderSchema,
    };
  }
  return loaded;
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
function providerTarget(): CdktfCommons.ConstructsMakerProviderTarget {
  const { commons } = cdktf();
  const constraint = new commons.TerraformProviderConstraint(ALICLOUD_PROVIDER_CONSTRAINT);
  return commons.ConstructsMakerTarget.from(
    constraint,
    commons.Language.TYPESCRIPT,
  ) as CdktfCommons.ConstructsMakerProviderTarget;
}

function howToFix(reason: string): UsageError {
  const { source, version } = ALICLOUD_PROVIDER;
  return new UsageError(
    [
      `Could not read the ${source} provider schema (${version}) needed to generate .gen/providers/alicloud.`,
      `Reason: ${reason}`,
      "",
      `Leave ALICLOUD_PROVIDER_SCHEMA unset to use the repository's ${path.relative(REPO_ROOT, ALICLOUD_SCHEMA_FILE)},`,
      "or set it to a JSON file produced by `terraform providers schema -json` in a directory that",
      `requires ${source} ${version} (optionally ALICLOUD_PROVIDER_VERSION to record the exact version).`,
    ].join("\n"),
  );
}

function loadSchemaFromFile(file: string, named: string): Schema {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) {
    throw howToFix(`${named} ${resolved}, which does not exist`);
  }
  let schema: Schema;
  try {
    schema = JSON.parse(fs.readFileSync(resolved, "utf8")) as Schema;
  } catch (e) {
    throw howToFix(`${named} ${resolved} is not valid JSON: ${(e as Error).message}`);
  }
  const envVersion = process.env.ALICLOUD_PROVIDER_VERSION;
  if (envVersion) {
    const fqpn = findProviderKey(schema);
    if (fqpn) schema.provider_versions = { ...(schema.provider_versions ?? {}), [fqpn]: envVersion };
  }
  return schema;
}

function findProviderKey(schema: Schema): string | undefined {
  const { source } = ALICLOUD_PROVIDER;
  return Object.keys(schema.provider_schemas ?? {}).find(
    (fqpn) => fqpn === source || fqpn.toLowerCase().endsWith(`/${source.toLowerCase()}`),
  );
}

/** Keep only the provider config block plus the resources / data sources in ALICLOUD_TYPES_TO_GENERATE. */
function filterSchema(schema: Schema, origin: string): Schema {
  const fqpn = findProviderKey(schema);
  const provider = fqpn ? schema.provider_schemas?.[fqpn] : undefined;
  if (!fqpn || !provider) {
    throw howToFix(
      `${origin} has no schema for ${ALICLOUD_PROVIDER.source} (found: ${
        Object.keys(schema.provider_schemas ?? {}).join(", ") || "none"
      })`,
    );
  }
  const pick = <T>(all: Record<string, T> | undefined, wanted: readonly string[], kind: string) => {
    const missing = wanted.filter((t) => !all?.[t]);
    if (missing.length > 0) {
      throw new UsageError(
        `The alicloud provider schema from ${origin} has no ${kind} ${missing.join(", ")}. ` +
          "Fix ALICLOUD_TYPES_TO_GENERATE in scripts/generate-bindings.ts or use a matching provider version.",
      );
    }
    return Object.fromEntries([...wanted].sort().map((t) => [t, all![t]]));
  };
  const filtered: Schema = {
    format_version: schema.format_version,
    provider_schemas: {
      [fqpn]: {
        provider: provider.provider,
        resource_schemas: pick(provider.resource_schemas, ALICLOUD_TYPES_TO_GENERATE.resources, "resource"),
        data_source_schemas: pick(
          provider.data_source_schemas,
          ALICLOUD_TYPES_TO_GENERATE.dataSources,
          "data source",
        ),
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

async function generate(schema: Schema, outDir: string): Promise<number> {
  const { CodeMaker, TerraformProviderGenerator } = cdktf().generator;
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  generator.generate(providerTarget());

  // Write into a staging dir next to the output, then swap, so an interrupted
  // run never leaves a half-written provider folder behind.
  fs.mkdirSync(GEN_DIR, { recursive: true });
  const staging = fs.mkdtempSync(path.join(GEN_DIR, ".staging-"));
  try {
    await code.save(staging);
    const produced = path.join(staging, "providers", ALICLOUD_PROVIDER.name);
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

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const { force } = options();
  const target = ALICLOUD_PROVIDER;
  const outDir = path.join(GEN_DIR, "providers", target.name);
  const override = process.env.ALICLOUD_PROVIDER_SCHEMA;
  const schemaFile = path.resolve(override || ALICLOUD_SCHEMA_FILE);

  const inputsHash = sha256({
    format: STAMP_FORMAT,
    generatorVersion,
    constraint: ALICLOUD_PROVIDER_CONSTRAINT,
    types: ALICLOUD_TYPES_TO_GENERATE,
  });
  const stamp = force ? undefined : readStamp(outDir);

  const tLoad = process.hrtime.bigint();
  const fullSchema = loadSchemaFromFile(schemaFile, override ? "ALICLOUD_PROVIDER_SCHEMA names" : "the repository's schema");
  const filtered = filterSchema(fullSchema, schemaFile);
  // Inside the repository the stamp names the schema relative to it, so a clone moved elsewhere still finds it.
  const inRepository = !path.relative(REPO_ROOT, schemaFile).startsWith("..");
  const origin = inRepository ? path.relative(REPO_ROOT, schemaFile).split(path.sep).join("/") : schemaFile;
  logTime(`load + filter schema (${origin})`, tLoad);

  const schemaHash = sha256(filtered);
  if (stamp?.inputsHash === inputsHash && stamp.schemaHash === schemaHash) {
    console.log(`[gen] .gen/providers/${target.name} is up to date; use --force to regenerate`);
    logTime("total", t0);
    return;
  }

  const tGen = process.hrtime.bigint();
  // same clean-up `cdktf get` applies to every provider schema it reads
  const schema = cdktf().sanitizeProviderSchema(filtered);
  const files = await generate(schema, outDir);
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
    `generated ${ALICLOUD_TYPES_TO_GENERATE.resources.length} resources + ${ALICLOUD_TYPES_TO_GENERATE.dataSources.length} data sources ` +
      `(${files} .ts files, provider ${providerVersion ?? target.version}) into ${path.relative(REPO_ROOT, outDir)}`,
    tGen,
  );
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
