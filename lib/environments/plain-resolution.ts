import { TerraformStack, Token, Tokenization } from "cdktf";
import { IConstruct } from "constructs";

/**
 * cdktf renders a stack by resolving each element's configuration, merging
 * them, and resolving the whole again. An environment's elements give what
 * they resolved to while preparing (prepared-rendering.ts): plain JSON, which
 * resolving leaves as it is, only copied — at a cost of an object and two
 * closures per value, twice per synth, about a third of a large environment's
 * synthesis. While an environment renders, a value without any token is
 * copied instead; anything that may hold one (a token marker in a string or
 * key, an encoded number, an object that is not plain data) goes to cdktf's
 * resolution as before, and other stacks are not
 * affected. cdktf is pinned to one version, and a test checks that its stack
 * rendering resolves through the function replaced here.
 */

/** cdktf's private module its stacks resolve through (cdktf/lib/_tokens). */
interface StackTokens {
  resolve(scope: IConstruct, obj: unknown, preparing?: boolean): unknown;
}

/** What `copyPlain` returns for a value cdktf must resolve. */
export const NOT_PLAIN: unique symbol = Symbol("not plain");

/** cdktf's pattern for a number token written into a string (cdktf/lib/tokens/private/encoding). */
const NUMBER_IN_TEXT = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

/** cdktf refuses values nested deeper than 200 as circular: leave those to it. */
const MAX_DEPTH = 100;

/** The stack whose rendering is in progress. */
let rendering: TerraformStack | undefined;
let installed = false;

/** `render()`'s result, with plain values of `stack`'s rendering copied instead of resolved. */
export function renderCopyingPlainValues<T>(stack: TerraformStack, render: () => T): T {
  install();
  const outer = rendering;
  rendering = stack;
  try {
    return render();
  } finally {
    rendering = outer;
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdktf's private module, patched in place (see above)
  const tokens = require("cdktf/lib/_tokens") as StackTokens;
  const resolve = tokens.resolve.bind(tokens);
  tokens.resolve = (scope, obj, preparing) => {
    if (scope === rendering && !preparing) {
      const copy = copyPlain(obj, 0);
      if (copy !== NOT_PLAIN) return copy;
    }
    return resolve(scope, obj, preparing);
  };
}

/** A copy of `value` as cdktf's resolution would return it, or NOT_PLAIN where that could differ. */
export function copyPlain(value: unknown, depth: number): unknown {
  if (typeof value === "string") return plainString(value) ? value : NOT_PLAIN;
  if (typeof value === "number") return plainNumber(value) ? value : NOT_PLAIN;
  if (typeof value === "boolean" || value === null || value === undefined) return value;
  if (typeof value !== "object" || depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const item of value as unknown[]) {
      const c = copyPlain(item, depth + 1);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      // cdktf leaves undefined items out.
      if (c !== undefined) copy.push(c);
    }
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const object = value as Record<string, unknown>;
  // cdktf refuses to resolve a construct (it would recurse through parent and children).
  if (object._children !== undefined && object._metadata !== undefined) return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (!plainString(key)) return NOT_PLAIN;
    const c = copyPlain(object[key], depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    // cdktf leaves undefined properties out.
    if (c !== undefined) copy[key] = c;
  }
  return copy;
}

/** Whether resolving `text` gives it back: no token marker of any kind, no encoded number in it. */
function plainString(text: string): boolean {
  if (text.includes("{TfToken[") || text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE) return false;
  for (const match of text.matchAll(NUMBER_IN_TEXT)) {
    if (!plainNumber(parseFloat(match[0]))) return false;
  }
  return true;
}

/** Whether `n` is a number and not a token encoded as one (scalar or list). */
function plainNumber(n: number): boolean {
  if (n === Token.NUMBER_MAP_TOKEN_VALUE) return false;
  try {
    return Tokenization.reverseNumber(n) === undefined && Tokenization.reverseNumberList([n]) === undefined;
  } catch {
    // An encoded number cdktf does not know: its resolution reports that.
    return false;
  }
}
