import { Construct } from "constructs";
import { Lazy, TerraformElement } from "cdktf";
import { mapChanged, mapEntriesChanged } from "./copy-on-change";

/**
 * The one place where text becomes Terraform data. Terraform reads almost
 * every string of a configuration as a template: `${…}` is evaluated and
 * `%{…}` is a directive. A string the library renders is text that a team
 * wrote (a probe path, an env literal, a label, an nginx configuration built
 * from their routes), so before cdktf resolves tokens every such string is
 * escaped — `${` becomes `$${` and `%{` becomes `%%{` — and Terraform reads
 * back exactly the text given. Tokens the library creates (variable and
 * resource references, function calls) are not text: before resolution they
 * are markers such as `${TfToken[TOKEN.12]}`, which are left alone and stay
 * live. Places Terraform reads literally are left as they are: the `terraform`
 * block (backend, required providers) and the descriptions of variables and
 * outputs, where `$${` would show as is.
 */

/** cdktf's marker of a string token before resolution (cdktf/lib/tokens/private/encoding). */
const STRING_TOKEN = /(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;
const STRING_TOKENS = new RegExp(STRING_TOKEN.source, "g");

/**
 * `$${` as a token. Inside a string that also holds a library token, cdktf
 * reads a literal `${` as the start of an expression and would render the
 * next token without its own `${…}`, so there the escape travels as a token
 * that resolves to the escaped text.
 */
const ESCAPED_OPEN = Lazy.stringValue({ produce: () => "$${" });

const wrapped = new WeakSet<TerraformElement>();

/** Text as Terraform must see it to read it back literally. */
export function escapeTemplateText(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** A string of an element's configuration with its text escaped and its token markers kept. */
export function escapeConfigString(value: string): string {
  // Every template sequence and token marker has a brace: most strings have none (a large stack has thousands).
  if (!value.includes("{")) return value;
  // Most of the others are token markers alone, or with plain text around them.
  const text = value.replace(STRING_TOKENS, "");
  if (!text.includes("${") && !text.includes("%{")) return value;
  const parts = value.split(STRING_TOKEN);
  if (parts.length === 1) return escapeTemplateText(value);
  // split() with a capture group puts the markers at odd indexes.
  return parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/%\{/g, () => "%%{").replace(/\$\{/g, () => ESCAPED_OPEN)))
    .join("");
}

/**
 * Every string, and every object key, of `value` escaped; numbers, booleans and
 * tokens as they are. A rendering is mostly text without braces, so arrays and
 * objects are copied only where something changed, and otherwise returned as
 * they are: a large stack is rendered twice per synth, thousands of blocks.
 */
function escapeDeep(value: unknown): unknown {
  if (typeof value === "string") return escapeConfigString(value);
  if (Array.isArray(value)) return mapChanged(value, escapeDeep);
  if (!isPlainObject(value)) return value;
  // "//" holds cdktf's metadata, which Terraform ignores.
  return mapEntriesChanged(value, (key, v) => (key === "//" ? v : escapeDeep(v)), (key) => (key === "//" ? key : escapeConfigString(key)));
}

/** `fields` of `block` as they are, everything else escaped. */
function escapeExcept(block: unknown, fields: readonly string[]): unknown {
  if (!isPlainObject(block)) return escapeDeep(block);
  return mapEntriesChanged(block, (key, v) => (fields.includes(key) ? v : escapeDeep(v)));
}

/** Each named entry of a top-level block (`variable`, `output`) with `literal` fields left as they are. */
function escapeEntries(entries: unknown, literal: readonly string[]): unknown {
  if (!isPlainObject(entries)) return escapeDeep(entries);
  return mapEntriesChanged(entries, (_name, body) => escapeExcept(body, literal));
}

/** Where Terraform reads strings literally, per top-level block of a configuration. */
const LITERAL_FIELDS: Record<string, readonly string[] | "all"> = {
  terraform: "all",
  "//": "all",
  // A variable's type is a type expression; its description and default are read literally.
  variable: ["type", "description", "default", "sensitive", "nullable", "ephemeral"],
  output: ["description"],
};

/** One element's configuration (`toTerraform()` or `toHclTerraform()`) with every user string escaped. */
export function escapeFragment(fragment: unknown): unknown {
  if (!isPlainObject(fragment)) return fragment;
  return mapEntriesChanged(fragment, (block, body) => {
    const literal = Object.hasOwn(LITERAL_FIELDS, block) ? LITERAL_FIELDS[block] : undefined;
    if (literal === "all") return body;
    return literal ? escapeEntries(body, literal) : escapeDeep(body);
  });
}

/**
 * The value of a stack override (`stack.addOverride(path, value)`, merged into
 * the configuration as it is) escaped as the place `path` names is: text
 * everywhere, but as written where Terraform reads it literally.
 */
export function escapeOverride(path: string, value: unknown): unknown {
  const parts = path.split(".");
  // A computed key makes an own property of any name, `__proto__` included.
  let fragment = parts.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
  fragment = escapeFragment(fragment);
  for (let i = 0; i < parts.length; i++) fragment = Object.values(fragment as Record<string, unknown>)[0];
  return fragment;
}

/**
 * Routes every Terraform element under `scope` through the sink, once:
 * elements added later are caught by the next call, which the environment
 * makes each time it renders.
 */
export function escapeElements(scope: Construct): void {
  for (const element of scope.node.findAll().filter((c) => TerraformElement.isTerraformElement(c))) {
    if (wrapped.has(element)) continue;
    wrapped.add(element);
    const toTerraform = element.toTerraform.bind(element);
    const toHclTerraform = element.toHclTerraform.bind(element);
    element.toTerraform = () => escapeFragment(toTerraform());
    element.toHclTerraform = () => escapeFragment(toHclTerraform());
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
