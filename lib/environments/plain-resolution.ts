import { DefaultTokenResolver, ResolveOptions, StringConcat, TerraformStack, Token, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { setOwn } from "../model/records";
import { FrameworkCopy, libraryFramework } from "./framework";

/**
 * cdktf resolves a value by walking all of it, at the cost of an object and
 * two closures per value, even where there is nothing to resolve. An
 * environment's configuration is mostly plain data (names, ports, settings)
 * with tokens here and there, and cdktf resolves it three times per synth:
 * to prepare the stack, then each element and the merged whole to render it.
 * Here, plain data is copied as cdktf would give it back, and cdktf resolves
 * only the parts that may hold a token (a token marker in a string or key, an
 * encoded number, an object that is not plain data), at their path. The
 * environment's preparation resolves this way (prepared-rendering.ts), and so
 * does its rendering: while an environment renders, cdktf's stack rendering
 * resolves through this, and other stacks are not affected. The same tests
 * (test/environments/plain-resolution.test.ts) run on the cdktf and the cdktn
 * this repository pins, and check that their stacks resolve through the
 * function replaced here and that the results are the framework's own. Only
 * those versions (VERIFIED_FRAMEWORKS) get the speed-up: on any other (the
 * peer ranges admit any 0.21.x or 0.24.x), or where the private modules are
 * not where they are here, nothing is patched and the framework resolves
 * everything itself.
 */

/** cdktf's private module its stacks resolve through (cdktf/lib/_tokens). */
interface StackTokens {
  resolve(scope: IConstruct, obj: unknown, preparing?: boolean): unknown;
}

/** cdktf's own resolver for stacks (cdktf/lib/_tokens). */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf's pattern for a number token written into a string (cdktf/lib/tokens/private/encoding). */
const NUMBER_IN_TEXT = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
const NUMBER_IN_TEXT_SOMEWHERE = /[-|\d|.+]e[-|\d|.|e|E|+]/;

/** cdktf refuses values nested deeper than 200 as circular: from this depth on, it resolves them itself. */
const MAX_DEPTH = 100;

/**
 * The framework versions the equivalence tests ran on: the ones this repository pins (cdktn 0.24.0
 * is cdktf 0.21.0 renamed, with the same private modules for tokens and their resolution).
 */
export const VERIFIED_FRAMEWORKS: Readonly<Record<string, readonly string[]>> = { cdktf: ["0.21.0"], cdktn: ["0.24.0"] };

/** Whether plain resolution was verified on `framework`, so it may patch and follow its private modules. */
export function verifiedOn(framework: FrameworkCopy): boolean {
  return VERIFIED_FRAMEWORKS[framework.name]?.includes(framework.version) ?? false;
}

/** The stack whose rendering is in progress. */
let rendering: TerraformStack | undefined;
let installed = false;

/** `render()`'s result, with plain values of `stack`'s rendering copied instead of resolved by cdktf. */
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
  if (!verifiedOn(libraryFramework())) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the framework's private module, used only where present (see above)
  const tokens = privateModule<StackTokens>(() => require("cdktf/lib/_tokens"), "resolve");
  if (!tokens || !pathResolution()) return;
  const resolve = tokens.resolve.bind(tokens);
  tokens.resolve = (scope, obj, preparing) => {
    if (scope !== rendering) return resolve(scope, obj, preparing);
    return resolveCopyingPlain(obj, scope, preparing ?? false);
  };
}

/** What cdktf's private resolution takes (cdktf/lib/tokens/private/resolve): the public options and the path. */
interface PathResolveOptions extends ResolveOptions {
  readonly prefix: string[];
}

type PathResolve = (value: unknown, options: PathResolveOptions) => unknown;
/** The framework's private resolution once looked up; null where it is not to be used. */
let resolveAtPath: PathResolve | null | undefined;

/**
 * `value` resolved from `scope` as cdktf resolves a stack's values, but
 * only the parts that may hold a token go through cdktf's resolution — each
 * at its own path, as cdktf would reach it through plain objects and arrays,
 * which pass nothing down to it but the path — and the rest is copied.
 */
export function resolveCopyingPlain(value: unknown, scope: IConstruct, preparing: boolean): unknown {
  const options = { scope, preparing, resolver: RESOLVER };
  return pathResolution() ? walk(value, [], options) : Tokenization.resolve(value, options);
}

/** The framework's private resolution, which takes the path its errors name (the public one drops it), where verified. */
function pathResolution(): PathResolve | null {
  if (resolveAtPath === undefined) {
    resolveAtPath = !verifiedOn(libraryFramework()) ? null
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the framework's private module, used only where present (see above)
      : privateModule<{ resolve: PathResolve }>(() => require("cdktf/lib/tokens/private/resolve"), "resolve")?.resolve ?? null;
  }
  return resolveAtPath;
}

/** A private module of the framework, loaded by `load`, if it is there and has `member` as a function, else undefined. */
function privateModule<T>(load: () => unknown, member: string): T | undefined {
  try {
    const loaded = load() as Record<string, unknown>;
    return typeof loaded[member] === "function" ? (loaded as T) : undefined;
  } catch {
    return undefined;
  }
}

function walk(value: unknown, path: string[], options: ResolveOptions): unknown {
  if (typeof value === "string" ? plainString(value) : typeof value === "number" ? plainNumber(value)
    : typeof value === "boolean" || value === null || value === undefined) return value;
  if (path.length > MAX_DEPTH || !plainContainer(value)) return resolveAtPath!(value, { ...options, prefix: [...path] });
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      path.push(`${i}`);
      const item = walk(value[i], path, options);
      path.pop();
      // cdktf leaves undefined items out.
      if (item !== undefined) copy.push(item);
    }
    return copy;
  }
  const object = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    path.push(key);
    const item = walk(object[key], path, options);
    path.pop();
    // cdktf leaves undefined properties out.
    if (item !== undefined) setOwn(copy, key, item);
  }
  return copy;
}

/**
 * Whether cdktf resolves `value` item by item, or property by property, and
 * nothing else: an array without list tokens, a plain object that is not a
 * token and has no key with a token in it.
 */
function plainContainer(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    return (value as unknown[]).every((item) => (typeof item === "string" ? !item.includes("{TfToken[") : typeof item !== "number" || plainNumber(item)));
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const object = value as Record<string, unknown>;
  // A token, or a construct (which cdktf refuses to resolve).
  if (typeof object.resolve === "function" || (object._children !== undefined && object._metadata !== undefined)) return false;
  return Object.keys(object).every(plainString);
}

/** Whether resolving `text` gives it back: no token marker of any kind, no encoded number in it. */
function plainString(text: string): boolean {
  if (text.includes("{TfToken[") || text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE) return false;
  // The pattern matches somewhere only where one of its first characters is followed by "e" and one of the last.
  if (!NUMBER_IN_TEXT_SOMEWHERE.test(text)) return true;
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
