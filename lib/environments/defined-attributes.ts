import { TerraformResource, Tokenization } from "cdktf";
import { OMIT, mapChanged, mapEntriesChanged } from "./copy-on-change";

/**
 * `Resource` (a generated binding) rendering only the attributes that are set.
 * A binding renders every attribute of its schema, unset ones as undefined, and
 * cdktf resolves each key twice per synth before dropping them: for a service's
 * replicas and applications that is most of the synthesis time. The JSON is the same.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires a mixin's constructor to take `...args: any[]`
export function withDefinedAttributes<T extends new (...args: any[]) => TerraformResource>(Resource: T): T {
  return class extends Resource {
    protected synthesizeAttributes(): Record<string, unknown> {
      return definedOnly(super.synthesizeAttributes()) as Record<string, unknown>;
    }
  };
}

/** `value` without undefined properties, in plain objects at any depth; tokens and other objects as they are. */
function definedOnly(value: unknown): unknown {
  if (Array.isArray(value)) return mapChanged(value, definedOnly);
  if (value === null || typeof value !== "object" || value.constructor !== Object || Tokenization.isResolvable(value)) return value;
  return mapEntriesChanged(value as Record<string, unknown>, (_key, item) => (item === undefined ? OMIT : definedOnly(item)));
}
