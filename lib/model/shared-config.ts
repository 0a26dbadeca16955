import { EnvValue } from "./config";

/**
 * Operations values several services of one environment share — a queue's
 * host, a feature switch — declared once for the catalog. A service reads a
 * value under the name its code uses, `env: { QUEUE: shared.get("QUEUE_HOST") }`.
 * On SAE the values live in one config map per namespace, which each
 * application reads them from; on Docker they go into each container's
 * environment. A change to a value is reviewed once, with every service it reaches.
 *
 * @typeParam Key - the keys the configuration declares; `get` accepts no other
 */
export class SharedConfig<Key extends string = string> {
  /** Every key with its value (a literal, a per-stage value, a variable or a service's host). */
  public readonly values: Readonly<Record<Key, EnvValue>>;

  /** Create it with `catalog.share(values)`. @internal */
  constructor(values: Readonly<Record<Key, EnvValue>>) {
    this.values = values !== null && typeof values === "object" ? { ...values } : values;
  }

  /** The value of `key`, to put into a service's `env` under any name. */
  public get(key: Key): EnvValue {
    return EnvValue.ofShared(this, key);
  }

  /** The keys, in the order declared. */
  public get keys(): readonly Key[] {
    return Object.keys(this.values ?? {}) as Key[];
  }
}
