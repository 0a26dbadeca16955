import { setOwn } from "../model/records";

/**
 * Maps over renderings without copying what does not change. The sinks every
 * rendered block goes through (template escaping, dropping unset attributes)
 * change little of a large stack, which is rendered twice per synth: copying
 * every array and object of it each time was a good part of the garbage
 * collector's work.
 */

/** Returned by a value mapper to leave the entry out. */
export const OMIT: unique symbol = Symbol("omit");

/** `items` mapped by `f`: a new array if any item changed, else `items` itself. */
export function mapChanged(items: readonly unknown[], f: (item: unknown) => unknown): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const mapped = f(items[i]);
    if (copy === undefined && mapped !== items[i]) copy = items.slice(0, i);
    copy?.push(mapped);
  }
  return copy ?? (items as unknown[]);
}

/**
 * `object` with each value mapped by `value` (or left out where it returns
 * {@link OMIT}) and each key by `key`: a new object, keys in the same order,
 * if anything changed, else `object` itself.
 */
export function mapEntriesChanged(
  object: Record<string, unknown>,
  value: (key: string, value: unknown) => unknown,
  key: (key: string) => string = (k) => k,
): Record<string, unknown> {
  const keys = Object.keys(object);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = key(keys[i]);
    const v = value(keys[i], object[keys[i]]);
    if (copy === undefined && (k !== keys[i] || v !== object[keys[i]])) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = object[keys[j]];
    }
    if (copy !== undefined && v !== OMIT) setOwn(copy, k, v);
  }
  return copy ?? object;
}
