import { Container, ContainerConfig } from "@cdktf/provider-docker/lib/container";
import { Image } from "@cdktf/provider-docker/lib/image";
import { Volume } from "@cdktf/provider-docker/lib/volume";
import { Construct } from "constructs";
import { ReportLoss } from "../../environments/loss";
import { StackVariables } from "../../environments/variables";
import { StorePlan } from "../../policies/policy";
import { ConnectionField, MysqlStore, Store, StoreEngine } from "../../model/store";
import { DockerStoreProps } from "./docker-props";
import { environmentNames } from "./names";

/** How the Docker platform runs an engine in a container. */
interface ContainerEngine {
  /** The default image, which scripts/build-images.sh builds from Debian packages. */
  readonly image: string;
  /** What the default image runs instead of `version`, when it is not that version. */
  readonly substitute: (version: string) => string | undefined;
  /** Where the engine keeps its data inside the container: the volume goes there. */
  readonly dataPath: string;
  /** The container's environment: the official image's contract, so a team may swap in the real one. */
  readonly env: (store: Store, password: string) => string[];
  /** The command, when the image's own does not do. */
  readonly command?: (password: string) => string[];
  /** An argv check that passes once clients can connect over TCP. */
  readonly healthcheck: string[];
}

/**
 * The engines as containers. MariaDB stands in for MySQL (Debian ships no
 * MySQL server); both images follow the contracts of the official `mariadb`
 * and `redis` images, whose references they carry.
 */
const CONTAINER_ENGINES: Readonly<Record<StoreEngine, ContainerEngine>> = {
  mysql: {
    image: "mariadb:10.11",
    substitute: () => "MariaDB 10.11, which speaks MySQL's protocol",
    dataPath: "/var/lib/mysql",
    env: (store, password) => {
      const mysql = store as MysqlStore;
      return [`MARIADB_DATABASE=${mysql.database}`, `MARIADB_USER=${mysql.user}`, `MARIADB_PASSWORD=${password}`, "MARIADB_RANDOM_ROOT_PASSWORD=1"];
    },
    // The official image's check: a client connects over TCP and InnoDB is ready.
    healthcheck: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"],
  },
  redis: {
    image: "redis:7.0",
    substitute: (version) => (version === "7.0" ? undefined : "Redis 7.0"),
    dataPath: "/data",
    // redis-cli reads the password from REDISCLI_AUTH, so the healthcheck carries none.
    env: (_store, password) => [`REDISCLI_AUTH=${password}`],
    command: (password) => ["redis-server", "--requirepass", password, "--appendonly", "yes", "--dir", "/data"],
    healthcheck: ["CMD", "redis-cli", "ping"],
  },
};

/**
 * The image a store's container runs in a Docker environment.
 * @internal
 */
export function storeImage(store: Store, options: DockerStoreProps | undefined): string {
  return options?.image ?? CONTAINER_ENGINES[store.engine].image;
}

/** How the environment plans its stores: a container each, or a store the team runs (external). */
export function planDockerStores(stackPath: string, stores: readonly Store[], options: Readonly<Record<string, DockerStoreProps>>): StorePlan[] {
  return stores.map((store) => ({
    store,
    provision: options[store.name]?.external ? "external" : "container",
    backupRetention: "off",
    multiZone: false,
    deletionProtection: false,
    allowFrom: [],
    path: `${stackPath}/${store.name}`,
  }));
}

/** What rendering the stores needs of the environment. */
export interface StoreInputs {
  readonly networkName: string;
  readonly variables: StackVariables;
  readonly options: Readonly<Record<string, DockerStoreProps>>;
  readonly deletionProtection: boolean;
  /** Restart policy, log rotation and labels of the environment's containers, for `role`. */
  readonly common: (role: string, version: string, own?: Readonly<Record<string, string>>) => Partial<ContainerConfig>;
  readonly reportLoss: (store: Store) => ReportLoss;
}

/**
 * A container per store on the environment's network, answering to the
 * store's name, its data on a named volume that outlives the container (a new
 * image keeps the data) and goes with the environment; services that use the
 * store start once its healthcheck passes. External stores get no container.
 */
export function renderStores(scope: Construct, plans: readonly StorePlan[], inputs: StoreInputs): Map<Store, Container> {
  const containers = new Map<Store, Container>();
  const id = scope.node.id;
  for (const { store, provision } of plans) {
    if (provision !== "container") continue;
    const engine = CONTAINER_ENGINES[store.engine];
    const reference = storeImage(store, inputs.options[store.name]);
    const substitute = reference === engine.image ? engine.substitute(store.version) : undefined;
    if (substitute) {
      inputs.reportLoss(store)({ field: "version", asked: store.version, rendered: substitute,
        reason: `the local image ${engine.image} is built from Debian's packages; set stores.${store.name}.image for another` });
    }
    const names = environmentNames(id);
    const data = new Volume(scope, `store-${store.name}-data`, {
      name: names.storeVolume(store.name),
      lifecycle: { preventDestroy: inputs.deletionProtection },
      labels: [{ label: "org.cdktf-service-platform.environment", value: id }],
    });
    const image = new Image(scope, `store-${store.name}-image`, { name: reference, keepLocally: true });
    const password = inputs.variables.secret(store.password);
    containers.set(store, new Container(scope, `store-${store.name}`, {
      ...inputs.common(store.name, store.version, { "org.cdktf-service-platform.store": store.engine }),
      name: names.store(store.name),
      hostname: store.name,
      image: image.imageId,
      env: engine.env(store, password),
      command: engine.command?.(password),
      volumes: [{ volumeName: data.name, containerPath: engine.dataPath }],
      networksAdvanced: [{ name: inputs.networkName, aliases: [store.name] }],
      // Under a minute: Docker reads durations back as Go writes them ("1m0s"), and "60s" would differ at every plan.
      healthcheck: { test: engine.healthcheck, interval: "1s", timeout: "3s", startPeriod: "30s", retries: 30 },
      // Terraform creates the services that use the store only once it answers.
      wait: true,
      waitTimeout: 120,
      destroyGraceSeconds: 10,
    }));
  }
  return containers;
}

/**
 * Part of a store's connection on Docker: the container's name and the
 * engine's port, or the variables of an external store.
 */
export function dockerStoreValue(
  store: Store, field: ConnectionField, options: Readonly<Record<string, DockerStoreProps>>, variables: StackVariables,
): string {
  if (options[store.name]?.external) return variables.externalStore(store, field);
  switch (field) {
    case "host": return store.name;
    case "port": return String(store.port);
    case "user": return (store as MysqlStore).user;
    default: return (store as MysqlStore).database;
  }
}
