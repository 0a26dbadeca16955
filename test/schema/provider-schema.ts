import * as fs from "fs";
import * as path from "path";
import { ALICLOUD_SCHEMA_FILE } from "../../scripts/generate-bindings";

const REPO = path.resolve(__dirname, "../..");

/** Where scripts/generate-bindings.ts records the schema file it generated the bindings from. */
export const BINDINGS_STAMP = path.join(REPO, ".gen/providers/alicloud/.bindings-stamp.json");

/** A block of a provider schema (`terraform providers schema -json`). */
export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
}

interface SchemaAttribute {
  readonly type: unknown;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: boolean;
}

interface SchemaBlockType {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** One provider's schema. */
export interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

/** Meta-arguments Terraform accepts on every resource and data source. */
const META_ARGUMENTS = ["//", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioner", "connection"];

/**
 * The alicloud schema from the file `ALICLOUD_PROVIDER_SCHEMA` names, else the
 * schema file the bindings were generated from (recorded in their stamp), else
 * the repository's own: the same file scripts/generate-bindings.ts reads.
 */
export function loadAlicloudSchema(stamp = BINDINGS_STAMP): ProviderSchema {
  const file = process.env.ALICLOUD_PROVIDER_SCHEMA || schemaFileOf(stamp) || ALICLOUD_SCHEMA_FILE;
  return readProviderSchema(file, "ALICLOUD_PROVIDER_SCHEMA", "aliyun/alicloud");
}

/** Provider `source`'s schema from `file` (`terraform providers schema -json` output), which `variable` named. */
function readProviderSchema(file: string, variable: string, source: string): ProviderSchema {
  if (!fs.existsSync(file)) throw new Error(`${variable} points to ${file}, which does not exist`);
  const all = JSON.parse(fs.readFileSync(file, "utf8"));
  const key = Object.keys(all.provider_schemas ?? {}).find((k) => k.endsWith(`/${source}`));
  if (!key) throw new Error(`${file} holds no schema for ${source}`);
  return all.provider_schemas[key];
}

/** The schema file a stamp names; a relative name is the repository's. */
function schemaFileOf(stamp: string): string | undefined {
  if (!fs.existsSync(stamp)) return undefined;
  const source: unknown = JSON.parse(fs.readFileSync(stamp, "utf8")).source;
  if (typeof source !== "string" || !source.startsWith("file:")) return undefined;
  return path.resolve(REPO, source.slice("file:".length));
}

/** Every way `config` (one resource, data source or provider block) breaks `block`, as `where: what` lines. */
export function schemaProblems(where: string, block: SchemaBlock, config: Record<string, unknown>, topLevel = true): string[] {
  const problems: string[] = [];
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  for (const [name, value] of Object.entries(config)) {
    if (topLevel && META_ARGUMENTS.includes(name)) continue;
    const at = `${where}.${name}`;
    const attribute = attributes[name];
    const blockType = blockTypes[name];
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required) problems.push(`${at}: computed-only, cannot be set`);
      if (attribute.deprecated) problems.push(`${at}: deprecated`);
      if (!matchesType(attribute.type, value)) problems.push(`${at}: ${JSON.stringify(value)} is not a ${JSON.stringify(attribute.type)}`);
    } else if (blockType) {
      problems.push(...blockProblems(at, blockType, value));
    } else {
      problems.push(`${at}: not in the schema`);
    }
  }
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.required && !(name in config)) problems.push(`${where}.${name}: required, not set`);
  }
  for (const [name, blockType] of Object.entries(blockTypes)) {
    if ((blockType.min_items ?? 0) > 0 && !(name in config)) problems.push(`${where}.${name}: at least ${blockType.min_items} block(s) required`);
  }
  return problems;
}

function blockProblems(at: string, blockType: SchemaBlockType, value: unknown): string[] {
  if (blockType.nesting_mode === "single" || blockType.nesting_mode === "group") {
    if (!isObject(value)) return [`${at}: a single block (object) expected`];
    return schemaProblems(at, blockType.block, value, false);
  }
  if (blockType.nesting_mode === "map") return [`${at}: map-nested blocks are not rendered by this library`];
  // Terraform's JSON syntax takes one object for a single block of a list or set.
  const items = Array.isArray(value) ? value : [value];
  const problems: string[] = [];
  const min = blockType.min_items ?? 0;
  const max = blockType.max_items ?? 0;
  if (items.length < min) problems.push(`${at}: ${items.length} block(s), at least ${min} required`);
  if (max > 0 && items.length > max) problems.push(`${at}: ${items.length} block(s), at most ${max} allowed`);
  items.forEach((item, i) => {
    if (!isObject(item)) problems.push(`${at}[${i}]: a block (object) expected`);
    else problems.push(...schemaProblems(`${at}[${i}]`, blockType.block, item, false));
  });
  return problems;
}

/** Whether `value` fits a schema type; a Terraform expression may stand for any type. */
function matchesType(type: unknown, value: unknown): boolean {
  if (typeof value === "string" && value.includes("${")) return true;
  if (type === "string") return typeof value === "string";
  if (type === "number") return typeof value === "number";
  if (type === "bool") return typeof value === "boolean";
  if (Array.isArray(type)) {
    const [kind, element] = type as [string, unknown];
    if (kind === "list" || kind === "set") return Array.isArray(value) && value.every((v) => matchesType(element, v));
    if (kind === "map") return isObject(value) && Object.values(value).every((v) => matchesType(element, v));
    if (kind === "object") return isObject(value);
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where scripts/setup.sh saves the toolchain's exports, DOCKER_PROVIDER_SCHEMA among them. */
export const TOOLCHAIN_ENV = path.join(REPO, ".toolchain.env");

/**
 * The kreuzwerker/docker schema of the provider the toolchain built (the one CI deploys with), from
 * `DOCKER_PROVIDER_SCHEMA` or else from the `.toolchain.env` scripts/setup.sh wrote. Throws with
 * instructions when there is neither, so the tests fail instead of skipping.
 */
export function loadDockerSchema(toolchainEnv = TOOLCHAIN_ENV): ProviderSchema {
  const saved = fs.existsSync(toolchainEnv)
    ? /^export DOCKER_PROVIDER_SCHEMA='([^']+)'$/m.exec(fs.readFileSync(toolchainEnv, "utf8"))?.[1]
    : undefined;
  const file = process.env.DOCKER_PROVIDER_SCHEMA || saved;
  if (!file) {
    throw new Error(
      "DOCKER_PROVIDER_SCHEMA is not set and .toolchain.env names none. The docker schema tests check the test " +
        "stack against the provider the toolchain builds; run scripts/setup.sh (or `eval \"$(scripts/toolchain.sh)\"`) first",
    );
  }
  return readProviderSchema(file, "DOCKER_PROVIDER_SCHEMA", "kreuzwerker/docker");
}
