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
 * Schema source, in order:
 *   1. ALICLOUD_PROVIDER_SCHEMA=/path/to/schema.json (output of `terraform providers schema -json`)
 *      optional: ALICLOUD_PROVIDER_VERSION=1.247.0 (exact version recorded in the bindings;
 *      without it the bindings carry only the version constraint)
 *   2. `terraform init` + `terraform providers schema -json` in a temp directory
 *      (needs access to the Terraform Registry, or a CLI config with a provider mirror).
 *
 * Usage: npm run gen            (regenerates only if schema / type list / generator changed)
 *        npm run gen -- --force (always regenerate)
 *
 * Nothing generated from the schema is committed: `.gen/` is git-ignored.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
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
type SchemaSource = { kind: "file"; path: string } | { kind: "terraform" };

interface Stamp {
  format: number;
  /** hash of everything except the schema contents: constraint, type lists, generator version */
  inputsHash: string;
  /** hash of the filtered schema (+ provider version) the bindings were generated from */
  schemaHash: string;
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

function run(cmd: string, args: string[], cwd: string): { ok: boolean; stdout: string; detail: string } {
  const res = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" },
  });
  if (res.error) {
    return { ok: false, stdout: "", detail: `${cmd}: ${res.error.message}` };
  }
  const detail = `${cmd} ${args.join(" ")} exited with ${res.status}:\n${(res.stderr || res.stdout || "").trim()}`;
  return { ok: res.status === 0, stdout: res.stdout, detail };
}

function howToFix(reason: string): UsageError {
  const { source, version } = ALICLOUD_PROVIDER;
  return new UsageError(
    [
      `Could not obtain the ${source} provider schema (${version}) needed to generate .gen/providers/alicloud.`,
      `Reason: ${reason}`,
      "",
      "Provide the schema in one of these ways:",
      "  1. Set ALICLOUD_PROVIDER_SCHEMA to a JSON file produced by `terraform providers schema -json`",
      `     in a directory that requires ${source} ${version}, e.g.`,
      "       ALICLOUD_PROVIDER_SCHEMA=/path/to/alicloud-1.247.0.json npm run gen",
      "     (optionally ALICLOUD_PROVIDER_VERSION=1.247.0 to record the exact provider version).",
      "  2. Make `terraform init` able to install the provider: network access to registry.terraform.io,",
      "     or a Terraform CLI config (TF_CLI_CONFIG_FILE / ~/.terraformrc) with a provider_installation",
      "     mirror that has it. Set TERRAFORM_BINARY_NAME if terraform is not on PATH.",
    ].join("\n"),
  );
}

function loadSchemaFromFile(file: string): Schema {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) {
    throw howToFix(`ALICLOUD_PROVIDER_SCHEMA points to ${resolved}, which does not exist`);
  }
  let schema: Schema;
  try {
    schema = JSON.parse(fs.readFileSync(resolved, "utf8")) as Schema;
  } catch (e) {
    throw howToFix(`ALICLOUD_PROVIDER_SCHEMA (${resolved}) is not valid JSON: ${(e as Error).message}`);
  }
  const envVersion = process.env.ALICLOUD_PROVIDER_VERSION;
  if (envVersion) {
    const fqpn = findProviderKey(schema);
    if (fqpn) schema.provider_versions = { ...(schema.provider_versions ?? {}), [fqpn]: envVersion };
  }
  return schema;
}

/** What `cdktf get` does (@cdktf/provider-schema readProviderSchema), minus the cdktf temp-dir helpers. */
function loadSchemaWithTerraform(): Schema {
  const terraform = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const target = ALICLOUD_PROVIDER;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-schema-"));
  try {
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        terraform: {
          required_providers: { [target.name]: { source: target.source, version: target.version } },
        },
      }),
    );
    console.log(`[gen] ALICLOUD_PROVIDER_SCHEMA not set; running ${terraform} init in ${dir}`);
    const init = run(terraform, ["init", "-input=false", "-no-color", "-backend=false"], dir);
    if (!init.ok) throw howToFix(init.detail);
    const schemaOut = run(terraform, ["providers", "schema", "-json"], dir);
    if (!schemaOut.ok) throw howToFix(schemaOut.detail);
    const schema = JSON.parse(schemaOut.stdout) as Schema;
    const versionOut = run(terraform, ["version", "-json"], dir);
    if (versionOut.ok) {
      schema.provider_versions = (
        JSON.parse(versionOut.stdout) as { provider_selections?: Record<string, string> }
      ).provider_selections;
    }
    return schema;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  const schemaFile = process.env.ALICLOUD_PROVIDER_SCHEMA;
  const source: SchemaSource = schemaFile ? { kind: "file", path: schemaFile } : { kind: "terraform" };

  const inputsHash = sha256({
    format: STAMP_FORMAT,
    generatorVersion,
    constraint: ALICLOUD_PROVIDER_CONSTRAINT,
    types: ALICLOUD_TYPES_TO_GENERATE,
  });
  const stamp = force ? undefined : readStamp(outDir);

  // Without a schema file we would need `terraform init` (slow, needs network) just to
  // compare; the constraint + type list + generator version decide up-to-dateness then.
  if (source.kind === "terraform" && stamp?.inputsHash === inputsHash) {
    console.log(`[gen] .gen/providers/${target.name} is up to date (${stamp.source}); use --force to regenerate`);
    return;
  }

  const tLoad = process.hrtime.bigint();
  const fullSchema = source.kind === "file" ? loadSchemaFromFile(source.path) : loadSchemaWithTerraform();
  const origin = source.kind === "file" ? path.resolve(source.path) : "terraform providers schema";
  const filtered = filterSchema(fullSchema, origin);
  logTime(`load + filter schema (${source.kind})`, tLoad);

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
    source: source.kind === "file" ? `file:${origin}` : "terraform",
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
