import { ServiceCatalog } from "../model/catalog";
import { EnvValue, Secret } from "../model/config";
import { Service } from "../model/service";
import { SharedConfig } from "../model/shared-config";
import { Size } from "../model/size";
import { ENGINES, MysqlStore, Store } from "../model/store";
import { Checker } from "./checker";
import { DNS_LABEL, VARIABLE_NAME, matching } from "./rules";
import { Redacted } from "./secret-patterns";
import { Violation } from "./violation";

/**
 * MySQL account names as RDS accepts them for MySQL 5.7 and 8.0 (CreateAccount): 2-32
 * lowercase letters, digits and '_', from a letter to a letter or digit.
 */
const MYSQL_USER = matching(/^[a-z][a-z0-9_]{0,30}[a-z0-9]$/,
  "a MySQL account name: 2-32 lowercase letters, digits or '_', starting with a letter and ending with a letter or digit");

/** Accounts MySQL and RDS keep for themselves. */
const RESERVED_USERS = ["root", "admin", "mysql", "sys", "aliyun_root", "replicator"];

/** Database names as RDS accepts them (CreateDatabase): 2-64 lowercase letters, digits, '_' and '-'. */
const MYSQL_DATABASE = matching(/^[a-z][a-z0-9_-]{0,62}[a-z0-9]$/,
  "a MySQL database name: 2-64 lowercase letters, digits, '_' or '-', starting with a letter and ending with a letter or digit");

/** Schemas MySQL keeps for itself. */
const RESERVED_DATABASES = ["mysql", "information_schema", "performance_schema", "sys", "test"];

/** Keys of a shared configuration: Kubernetes ConfigMap keys, which SAE config maps follow. */
const SHARED_KEY = matching(/^[-._a-zA-Z0-9]{1,253}$/,
  "a config map key: 1-253 letters, digits, '-', '_' or '.'");

/**
 * Checks the catalog's stores, what services read of them, the shared
 * configuration and per-stage values for the environment's stage `stage`.
 */
export function validateStores(stackPath: string, catalog: ServiceCatalog, stage: string): Violation[] {
  const c = new Checker("model");
  const warnings = new Checker("model", "warning");
  const names = new Set<string>();
  const services = new Set(catalog.services.map((s) => s.name));
  const used = new Set(catalog.services.flatMap((s) => s.stores));
  for (const store of catalog.stores) {
    const path = `${stackPath}/${store.name}`;
    if (c.check(path, "name", store.name, DNS_LABEL)) {
      c.expect(!names.has(store.name), path, "name", store.name, "a name no other store of the catalog uses");
      c.expect(!services.has(store.name), path, "name", store.name,
        "a name no service of the catalog uses: the store is reached by its name inside each environment");
    }
    names.add(store.name);
    checkStore(c, path, store);
    warnings.expect(used.has(store), path, "name", store.name,
      "a store some service reads a connection value of (store.connection in its env or secrets); " +
      "unused, the environment would create and pay for it for nothing");
  }
  for (const service of catalog.services) {
    const path = `${stackPath}/${service.name}`;
    for (const store of service.stores) {
      c.expect(catalog.stores.includes(store), path, "stores", store.name,
        `a store of the same catalog (${catalog.stores.map((s) => s.name).join(", ") || "none"})`);
    }
    for (const [name, value] of Object.entries(service.env)) {
      checkValue(c, path, `env.${name}`, value, stage, catalog.shared);
    }
  }
  if (catalog.shared) checkShared(c, stackPath, catalog.shared, stage);
  return [...c.violations, ...warnings.violations];
}

function checkStore(c: Checker, path: string, store: Store): void {
  const engine = ENGINES[store.engine];
  c.expect(typeof store.version === "string" && engine.versions.includes(store.version), path, "version", store.version,
    `a ${engine.title} version the managed service creates: ${engine.versions.join(", ")}`);
  if (c.expect(store.password instanceof Secret, path, "password", new Redacted("not a Secret"),
    'a Secret, e.g. Secret.fromVariable("orders_db_password"): a password is never a literal') && DNS_LABEL.test(store.name)) {
    // The default variable derives from the name: a bad name is reported once, as the name.
    c.check(path, "password", store.password.variableName, VARIABLE_NAME);
  }
  if (!(store instanceof MysqlStore)) return;
  if (c.check(path, "user", store.user, MYSQL_USER)) {
    c.expect(!RESERVED_USERS.includes(store.user), path, "user", store.user,
      `an account of the services' own, none of ${RESERVED_USERS.join(", ")} (kept by MySQL or RDS)`);
  }
  if (c.check(path, "database", store.database, MYSQL_DATABASE)) {
    c.expect(!RESERVED_DATABASES.includes(store.database), path, "database", store.database,
      `a database of the services' own, none of MySQL's ${RESERVED_DATABASES.join(", ")}`);
  }
  if (store.storage !== undefined) {
    const gib = store.storage instanceof Size ? store.storage.toMebibytes() / 1024 : NaN;
    c.expect(Number.isInteger(gib) && gib >= 1, path, "storage", store.storage, "whole gibibytes, e.g. Size.gibibytes(50)");
  }
}

/** A value a service or the shared configuration reads: its store, its stage's value, its shared key. */
function checkValue(c: Checker, path: string, field: string, value: EnvValue, stage: string, shared?: SharedConfig): void {
  const source = value.source;
  if (source.kind === "stage") {
    const has = Object.prototype.hasOwnProperty.call(source.values, stage);
    c.expect(has, path, field, Object.keys(source.values),
      `a value for this environment's stage "${stage}" (catalog.perStage checks the stages at compile time; ` +
      "declare the App's stages as the catalog's second type argument)");
    for (const [name, text] of Object.entries(source.values)) {
      c.expect(typeof text === "string", path, `${field}.${name}`, text, "a string");
    }
  } else if (source.kind === "shared") {
    const known = source.config === shared && Object.prototype.hasOwnProperty.call(shared.values, source.key);
    c.expect(known, path, field, source.key,
      `a key of the catalog's shared configuration (${shared?.keys.join(", ") || "none: call catalog.share first"})`);
  }
}

function checkShared(c: Checker, stackPath: string, shared: SharedConfig, stage: string): void {
  for (const [key, value] of Object.entries<EnvValue>(shared.values)) {
    const field = `shared.${key}`;
    c.check(stackPath, field, key, SHARED_KEY);
    if (!c.expect(value instanceof EnvValue, stackPath, field, typeof value,
      'an EnvValue: EnvValue.literal("…"), EnvValue.fromVariable("…"), catalog.perStage({…}) or a store\'s connection value; ' +
      "secrets stay in each service's secrets")) continue;
    c.expect(value.source.kind !== "shared", stackPath, field, value.source.kind, "a value of its own, not another shared value");
    if (value.source.kind === "variable") c.check(stackPath, field, value.source.name, VARIABLE_NAME);
    checkValue(c, stackPath, field, value, stage);
  }
}

/** The services that read `key` of the shared configuration. */
export function readersOf(catalog: ServiceCatalog, key: string): Service[] {
  return catalog.services.filter((s) => Object.values(s.env).some((v) => v.source.kind === "shared" && v.source.key === key));
}
