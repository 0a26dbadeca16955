/**
 * Whether `value` is a list. `Array.isArray` alone would type a readonly list as
 * `any[]`; this keeps its element type. Used where JavaScript callers may give
 * something else in its place.
 */
export function isList<T>(value: readonly T[] | null | undefined): value is readonly T[] {
  return Array.isArray(value);
}
