import { EnvValue, Secret } from "./config";
import { Size } from "./size";
import type { ServiceCatalog } from "./catalog";

/** The engines a store can run. Each platform says how it provides each one (a container, a managed instance). */
export type StoreEngine = "mysql" | "redis";

/**
 * What the library knows of an engine without any platform: its usual port, how people name it, what a connection has.
 * @internal
 */
export interface EngineFacts {
  /** The port clients connect to unless told otherwise. */
  readonly port: number;
  /** The engine's name for people, e.g. "MySQL". */
  readonly title: string;
  /** Whether clients log in with a user and pick a database (MySQL), or give only a password (Redis). */
  readonly accounts: boolean;
  /** The versions a store may ask for: those the managed services still create instances of. */
  readonly versions: readonly string[];
}

/**
 * The facts of every engine: adding one starts here, then at each platform's table of how it provides engines.
 * @internal
 */
export const ENGINES: Readonly<Record<StoreEngine, EngineFacts>> = {
  mysql: { port: 3306, title: "MySQL", accounts: true, versions: ["5.7", "8.0"] },
  redis: { port: 6379, title: "Redis", accounts: false, versions: ["5.0", "6.0", "7.0"] },
};

/** What every store declares, whatever its engine. */
export interface StoreProps {
  /**
   * Engine version, as the managed service names it: "5.7" or "8.0" for MySQL; "5.0", "6.0" or "7.0" for Redis.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#engine_version | alicloud_db_instance.engine_version}
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/kvstore_instance#engine_version | alicloud_kvstore_instance.engine_version}
   */
  readonly version: string;
  /**
   * The password services log in with: a sensitive Terraform variable, never a literal.
   * @default Secret.fromVariable(`${name with '-' as '_'}_password`)
   */
  readonly password?: Secret;
}

/** A MySQL database: a database and an account with read-write rights on it. */
export interface MysqlStoreProps extends StoreProps {
  /**
   * Name of the database the services use.
   * @default the store's name with '-' as '_'
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_database#name | alicloud_db_database.name}
   */
  readonly database?: string;
  /**
   * Account the services log in with; it may read and write the database, nothing else.
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/rds_account#account_name | alicloud_db_account.account_name}
   */
  readonly user: string;
  /**
   * Disk space of a managed instance. Unset, the stage's `stores.storage`.
   * @default settings.stores.storage
   * @see {@link https://registry.terraform.io/providers/aliyun/alicloud/1.247.0/docs/resources/db_instance#instance_storage | alicloud_db_instance.instance_storage}
   */
  readonly storage?: Size;
}

/** A Redis store: one password, no accounts or databases to declare. */
export type RedisStoreProps = StoreProps;

/** Which part of a store's connection a value is. */
export type ConnectionField = "host" | "port" | "user" | "database";

/**
 * How a service reaches a store, as values to put in its `env` and `secrets`
 * under the names its code reads. Each environment fills them in: the
 * container's name on Docker, the managed instance's address in the cloud, or
 * the variables of a store the team runs itself.
 */
export interface StoreConnection {
  /** The host name the store answers on. */
  readonly host: EnvValue;
  /** The port the store answers on. */
  readonly port: EnvValue;
  /** The password, as a secret: it can only go into `secrets`. */
  readonly password: Secret;
}

/** A MySQL store's connection: also the account and the database. */
export interface MysqlConnection extends StoreConnection {
  /** The account the services log in with. */
  readonly user: EnvValue;
  /** The database they use. */
  readonly database: EnvValue;
}

/**
 * A backing service the catalog's services depend on, declared once for every
 * environment. Each environment decides what provides it — a container on the
 * test network, a managed instance in the cloud environment's VPC, or a store
 * the team already runs — and services receive its connection through the
 * environment variables they name.
 */
export abstract class Store {
  /** The password services log in with. */
  public readonly password: Secret;
  /** Engine version. */
  public readonly version: string;

  protected constructor(
    /** The catalog the store belongs to. */
    public readonly catalog: ServiceCatalog,
    /** Store name: its host name on Docker and the name of its managed instance. */
    public readonly name: string,
    /** Which engine it runs. */
    public readonly engine: StoreEngine,
    props: StoreProps,
  ) {
    // Plain JavaScript callers can pass anything: the validation reports it at synth with the store's path.
    const given: Partial<StoreProps> = props ?? {};
    this.version = given.version!;
    this.password = given.password ?? Secret.fromVariable(`${variablePrefix(name)}_password`, {
      description: `Password of the ${ENGINES[engine]?.title ?? engine} store ${name}`,
    });
    catalog.registerStore(this);
  }

  /** The port clients connect to. */
  public get port(): number {
    return ENGINES[this.engine].port;
  }

  /** The values a service puts in its `env` and `secrets` to reach this store. */
  public get connection(): StoreConnection {
    return {
      host: EnvValue.ofStore(this, "host"),
      port: EnvValue.ofStore(this, "port"),
      password: Secret.ofStore(this, this.password),
    };
  }
}

/** A MySQL database and the account services log in with. */
export class MysqlStore extends Store {
  /** Name of the database. */
  public readonly database: string;
  /** The account services log in with. */
  public readonly user: string;
  /** Disk space of a managed instance, when the store decides it. */
  public readonly storage?: Size;

  /** Adds a MySQL store called `name` to `catalog`. */
  constructor(catalog: ServiceCatalog, name: string, props: MysqlStoreProps) {
    super(catalog, name, "mysql", props);
    const given: Partial<MysqlStoreProps> = props ?? {};
    this.database = given.database ?? variablePrefix(name);
    this.user = given.user!;
    this.storage = given.storage;
  }

  /** The values a service puts in its `env` and `secrets` to reach this database. */
  public get connection(): MysqlConnection {
    return { ...super.connection, user: EnvValue.ofStore(this, "user"), database: EnvValue.ofStore(this, "database") };
  }
}

/** A Redis store. */
export class RedisStore extends Store {
  /** Adds a Redis store called `name` to `catalog`. */
  constructor(catalog: ServiceCatalog, name: string, props: RedisStoreProps) {
    super(catalog, name, "redis", props);
  }
}

/**
 * `name` as the start of a Terraform variable or a database name: '-' becomes '_'.
 * @internal
 */
export function variablePrefix(name: string): string {
  return String(name).replace(/-/g, "_");
}
