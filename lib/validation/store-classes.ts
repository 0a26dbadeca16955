/**
 * The instance classes of the managed stores, as the services name them: what
 * a class gives (cores, memory) and whether it runs a standby that can sit in
 * a second zone. The alicloud rules accept only these; the review reads them
 * to tell a downgrade from an upgrade.
 *
 * Sources: ApsaraDB RDS "Primary ApsaraDB RDS for MySQL instance types"
 * (cloud disks: general-purpose `n`, dedicated `x`; `.1` basic single node,
 * `.2c` high availability) and Tair/Redis "standard master-replica" types
 * (cloud-native `redis.shard.*.ce`, classic `redis.master.*.default`).
 */

/** What one instance class gives. */
export interface InstanceClass {
  /** CPU cores, where the class says (Redis classes are sold by memory). */
  readonly cores?: number;
  /** Memory in GiB. */
  readonly memoryGib: number;
  /** Whether the class runs a standby node, which may sit in a second zone. */
  readonly standby: boolean;
}

/** Cores of each RDS size name. */
const RDS_SIZES: Readonly<Record<string, number>> = { small: 1, medium: 2, large: 4, xlarge: 8, "2xlarge": 16 };

/** RDS for MySQL on cloud disks: `mysql.<family><GiB per core>.<size>.<1 | 2c>`. */
const RDS_CLASS = /^mysql\.([nx])([248])\.(small|medium|large|xlarge|2xlarge)\.(1|2c)$/;

/** Memory in GiB of each Redis size name, per series. */
const REDIS_SIZES: Readonly<Record<"ce" | "default", Readonly<Record<string, number>>>> = {
  ce: { small: 1, mid: 2, stand: 4, large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64 },
  default: { micro: 0.25, small: 1, mid: 2, stand: 4, large: 8, "2xlarge": 16, "4xlarge": 32, "8xlarge": 64 },
};

/** Redis standard master-replica: `redis.shard.<size>.ce` (cloud-native) or `redis.master.<size>.default` (classic). */
const REDIS_CLASS = /^redis\.(shard|master)\.([a-z0-9]+)\.(ce|default)$/;

/** The RDS for MySQL class `name`, or undefined when RDS sells no such class. */
export function rdsMysqlClass(name: string): InstanceClass | undefined {
  if (name === "mysql.n1.micro.1") return { cores: 1, memoryGib: 1, standby: false };
  const m = typeof name === "string" ? RDS_CLASS.exec(name) : null;
  if (!m) return undefined;
  const [, family, perCore, size, edition] = m;
  // Dedicated classes start at two cores and are high-availability only; general-purpose ones stop at 8 cores.
  if (family === "x" && (size === "small" || edition === "1")) return undefined;
  if (family === "n" && size === "2xlarge") return undefined;
  const cores = RDS_SIZES[size];
  return { cores, memoryGib: cores * Number(perCore), standby: edition === "2c" };
}

/** The Redis class `name`, or undefined when ApsaraDB for Redis sells no such master-replica class. */
export function redisClass(name: string): InstanceClass | undefined {
  const m = typeof name === "string" ? REDIS_CLASS.exec(name) : null;
  if (!m || (m[1] === "shard") !== (m[3] === "ce")) return undefined;
  const memoryGib = REDIS_SIZES[m[3] as "ce" | "default"][m[2]];
  return memoryGib === undefined ? undefined : { memoryGib, standby: true };
}

/** Examples of each engine's classes, for messages. */
export const CLASS_EXAMPLES = {
  mysql: "mysql.n2.small.1 (1 core, 2 GiB, basic) … mysql.n4.xlarge.2c (8 cores, 32 GiB, high availability), mysql.x8.2xlarge.2c",
  redis: "redis.shard.small.ce (1 GiB) … redis.shard.4xlarge.ce (64 GiB), or classic redis.master.small.default …",
} as const;

/** Whether `after` gives less memory, or as much memory and fewer cores, than `before` (both known classes). */
export function isDowngrade(before: InstanceClass, after: InstanceClass): boolean {
  if (after.memoryGib !== before.memoryGib) return after.memoryGib < before.memoryGib;
  return (after.cores ?? 0) < (before.cores ?? 0);
}
