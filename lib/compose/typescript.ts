import { dependencyOrder } from "./build";
import { EnvironmentRequirements, PortSpec, ProbeSpec, ServiceSpec } from "./spec";

/** What the module is generated from. */
export interface ModuleInput {
  readonly services: readonly ServiceSpec[];
  readonly requirements: EnvironmentRequirements;
  /** Name of the compose file, for the header; left out unless it is a plain file name. */
  readonly file?: string;
  /** Module the library is imported from. @default "cdktf-service-platform" */
  readonly importFrom?: string;
}

/** Words a service's variable may not be called: JavaScript's reserved words and this module's own names. */
const TAKEN = new Set([
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
  "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof",
  "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static", "super", "switch", "this",
  "throw", "true", "try", "typeof", "undefined", "var", "void", "while", "with", "yield", "catalog", "release", "registry",
  "minZones", "AlicloudRegistry", "Cpu", "Duration", "EnvValue", "Image", "LogStore", "Port", "Probe", "Release", "Rollout",
  "Route", "Secret", "Service", "ServiceCatalog", "Size",
]);

/**
 * A TypeScript module that builds the imported catalog and release with the
 * public API only, as a person would write it. Every string from the file is
 * written as a JSON string literal and every identifier is derived from a
 * checked service name, so nothing in the file can become code; no
 * environment value appears, only the names of the variables that carry them.
 */
export function renderModule(input: ModuleInput): string {
  const used = new Set<string>(["Image", "Service", "ServiceCatalog"]);
  const referenced = new Set(input.services.flatMap((s) => s.dependsOn));
  const identifiers = identifiersOf(input.services);
  const body = dependencyOrder(input.services).map((spec) => {
    const props = serviceProps(spec, identifiers, used);
    const statement = `new Service(catalog, ${lit(spec.name)}, {\n${props.map((p) => `  ${p},`).join("\n")}\n});`;
    return referenced.has(spec.name) ? `const ${identifiers.get(spec.name)} = ${statement}` : statement;
  });
  const regions = input.requirements.personalRegistryRegions;
  if (regions.length === 1) used.add("AlicloudRegistry");
  const header = /^[A-Za-z0-9._-]+$/.test(input.file ?? "") ? ` from ${input.file}` : "";
  const lines = [
    `// Imported by compose-import${header}. Review the findings it printed.`,
    "// Environment values are not here: each is a Terraform variable, given per environment.",
    `import ${record([...used].sort().map((name) => [name, ""]), "")} from ${lit(input.importFrom ?? "cdktf-service-platform")};`,
    "",
    `export const catalog = new ServiceCatalog<${input.services.map((s) => lit(s.name)).join(" | ")}>();`,
    "",
    ...body.flatMap((b) => [b, ""]),
    "/** The image versions the file ran; promote new ones per environment. */",
    `export const release = catalog.release({\n${input.services.map((s) => `  ${key(s.name)}: ${lit(s.version)},`).join("\n")}\n});`,
  ];
  if (regions.length === 1) {
    lines.push("", `/** The registry the images came from: ACR Personal Edition in ${regions[0]}. */`,
      `export const registry: AlicloudRegistry = { personal: { region: ${lit(regions[0])} } };`);
  }
  if (input.requirements.minZones !== undefined) {
    lines.push("", "/** Zones the services must spread over (availability:az): the Alibaba Cloud environments' minimum. */",
      `export const minZones = ${input.requirements.minZones};`);
  }
  return `${lines.join("\n")}\n`;
}

function serviceProps(spec: ServiceSpec, identifiers: ReadonlyMap<string, string>, used: Set<string>): string[] {
  const props = [`image: Image.fromRegistry(${lit(spec.repository)})`, `replicas: ${spec.replicas}`];
  if (spec.ports.length > 0) props.push(`ports: ${list(spec.ports.map((p) => port(p, used)), "  ")}`);
  if (spec.probe !== undefined) props.push(`probe: ${probe(spec.probe, used)}`);
  if (spec.resources !== undefined) {
    used.add("Cpu").add("Size");
    props.push(`resources: { cpu: ${cpu(spec.resources.millicores)}, memory: ${size(spec.resources.mebibytes)} }`);
  }
  const plain = spec.env.filter((e) => !e.secret);
  const secret = spec.env.filter((e) => e.secret);
  if (plain.length > 0) {
    used.add("EnvValue");
    props.push(`env: ${record(plain.map((e) => [e.name, `EnvValue.fromVariable(${lit(e.variable)})`]), "  ")}`);
  }
  if (secret.length > 0) {
    used.add("Secret");
    props.push(`secrets: ${record(secret.map((e) => [e.name, `Secret.fromVariable(${lit(e.variable)})`]), "  ")}`);
  }
  if (spec.logs !== undefined) {
    used.add("LogStore");
    const retention = spec.logs.retentionDays === undefined ? "" : `, { retention: Duration.days(${spec.logs.retentionDays}) }`;
    if (retention) used.add("Duration");
    props.push(spec.logs.source === "stdout" ? `logs: LogStore.stdout(${lit(spec.logs.name)}${retention})`
      : `logs: LogStore.files(${lit(spec.logs.name)}, ${list(spec.logs.source.map(lit), "  ")}${retention})`);
  }
  if (spec.dependsOn.length > 0) props.push(`dependsOn: [${spec.dependsOn.map((d) => identifiers.get(d)).join(", ")}]`);
  if (spec.aliases.length > 0) props.push(`aliases: ${list(spec.aliases.map(lit), "  ")}`);
  const labels = Object.entries(spec.labels);
  if (labels.length > 0) props.push(`labels: ${record(labels.map(([k, v]) => [k, lit(v)]), "  ")}`);
  if (spec.batches !== undefined) {
    used.add("Rollout");
    props.push(`rollout: Rollout.batches({ batches: ${spec.batches} })`);
  }
  return props;
}

function port(spec: PortSpec, used: Set<string>): string {
  const kind = spec.protocol === "http" ? "Port.http" : "Port.tcp";
  used.add("Port");
  if (spec.route === undefined) return `${kind}(${spec.port})`;
  used.add("Route");
  const route = `Route.${spec.route.visibility}({ domains: [${spec.route.domains.map(lit).join(", ")}] })`;
  return `${kind}(${spec.port}, { route: ${route} })`;
}

function probe(spec: ProbeSpec, used: Set<string>): string {
  used.add("Probe");
  const options: string[] = [];
  const check = spec.check;
  if (check.kind === "http" && check.path !== "/") options.push(`path: ${lit(check.path)}`);
  const timing: [string, number | undefined][] = [
    ["timeout", spec.timeoutSeconds], ["initialDelay", spec.initialDelaySeconds], ["period", spec.periodSeconds],
  ];
  for (const [name, seconds] of timing) {
    if (seconds === undefined) continue;
    used.add("Duration");
    options.push(`${name}: Duration.seconds(${seconds})`);
  }
  const rest = options.length === 0 ? "" : `, { ${options.join(", ")} }`;
  if (check.kind === "http") return `Probe.http(${check.port}${rest})`;
  if (check.kind === "tcp") return `Probe.tcp(${check.port}${rest})`;
  return `Probe.command([${check.command.map(lit).join(", ")}]${rest})`;
}

function cpu(millicores: number): string {
  return millicores % 500 === 0 ? `Cpu.cores(${millicores / 1000})` : `Cpu.millicores(${millicores})`;
}

function size(mebibytes: number): string {
  return mebibytes % 1024 === 0 ? `Size.gibibytes(${mebibytes / 1024})` : `Size.mebibytes(${mebibytes})`;
}

/** Variable names for the services: camelCase of the name, never a reserved or taken word, never twice. */
function identifiersOf(services: readonly ServiceSpec[]): Map<string, string> {
  const identifiers = new Map<string, string>();
  const seen = new Set<string>();
  for (const spec of services) {
    const base = spec.name.split("-").map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))).join("");
    let name = TAKEN.has(base) ? `${base}Service` : base;
    for (let n = 2; seen.has(name); n++) name = `${base}Service${n}`;
    seen.add(name);
    identifiers.set(spec.name, name);
  }
  return identifiers;
}

/** A string as a TypeScript literal: JSON's escaping, plus the two line separators JSON leaves as they are. */
function lit(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * An object key: bare when it is an identifier, else a string literal; and
 * `__proto__` computed, the one form in which an object literal makes it an
 * entry instead of the prototype.
 */
function key(name: string): string {
  if (name === "__proto__") return `[${lit(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : lit(name);
}

/** A list inline when it is short, else one item per line at `indent`. */
function list(items: readonly string[], indent: string): string {
  const inline = `[${items.join(", ")}]`;
  return inline.length <= 90 ? inline : `[\n${items.map((i) => `${indent}  ${i},`).join("\n")}\n${indent}]`;
}

/** An object literal (or, with empty values, a list of names) inline when it is short, else one entry per line at `indent`. */
function record(entries: readonly [string, string][], indent: string): string {
  const entry = ([k, v]: [string, string]) => (v === "" ? k : `${key(k)}: ${v}`);
  const inline = `{ ${entries.map(entry).join(", ")} }`;
  return inline.length <= 90 ? inline : `{\n${entries.map((e) => `${indent}  ${entry(e)},`).join("\n")}\n${indent}}`;
}

