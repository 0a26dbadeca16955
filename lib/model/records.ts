/**
 * The entries of a record a team filled (env, secrets, labels, canary headers
 * and cookies, a release), read as data: its own properties, plus — where an
 * object literal's `__proto__` key set the object's prototype instead of
 * adding an entry — that too, as an entry named `__proto__`, so that a check
 * refuses it by name instead of the entry vanishing.
 */
export function entriesOf<T>(record: Readonly<Record<string, T>>): [string, T][] {
  const entries = Object.entries(record);
  const proto: unknown = Object.getPrototypeOf(record);
  if (proto !== Object.prototype && proto !== null && !Object.hasOwn(record, "__proto__")) entries.push(["__proto__", proto as T]);
  return entries;
}

/** `record[key]` when `record` has `key` itself, never what its prototype has (`toString`, `constructor`). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Sets `record[key]` as an own property whatever `key` is: assigning to
 * `__proto__` would set the prototype instead.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
