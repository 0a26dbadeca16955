import { Token } from "cdktf";
import { ServiceCatalog } from "../model/catalog";
import { isList } from "../model/lists";
import { Release } from "../model/release";
import { Service } from "../model/service";
import { Store } from "../model/store";
import { Checker, Rule } from "./checker";
import { reportableLiteral } from "./secret-patterns";
import { Violation } from "./violation";

/**
 * Before resolution, cdktf writes its tokens into strings as markers
 * (`${TfToken[TOKEN.12]}`, `#{TfToken[…]}` in lists, `&{TfToken[…]}` in map
 * keys) and into numbers as special doubles, and it replaces whatever looks
 * like one with the token's value when it writes the stack. A team's text that
 * imitates a marker would thus become a value the library made — a sensitive
 * variable, say — which no escaping can tell apart, so it is refused here.
 */
const MARKER = /[$#&]\{TfToken\[/;

/** cdktf's pattern for numbers inside strings (cdktf/lib/tokens/private/encoding: NUMBER_TOKEN_REGEX). */
const NUMBER = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

/** Text that cdktf would not read as one of its tokens. */
export const NO_TOKEN_MARKER: Rule<string> = {
  test: (text) => !MARKER.test(text) && !encodesTokenNumber(text),
  allowed: "text without cdktf token markers ('${TfToken[', '#{TfToken[', '&{TfToken[' or an encoded token number): " +
    "cdktf would replace such a marker with a value the library made, such as a secret variable",
};

/** Whether `text` holds a number cdktf would decode as one of its tokens. */
function encodesTokenNumber(text: string): boolean {
  for (const [number] of text.matchAll(NUMBER)) {
    if (Token.isUnresolved(parseFloat(number))) return true;
  }
  return false;
}

/** Model property paths as the rest of the reports name the fields (`probe.check.path` is `probe.path`). */
const FIELD_NAMES: readonly [RegExp, string][] = [
  [/\.(check|source|timing)(?=[.[]|$)/g, ""],
  [/^image\.repository$/, "image"],
  [/^(env\.[^.]+)\.(value|name)$/, "$1"],
  [/^(secrets\.[^.]+)\.variableName$/, "$1"],
];

/**
 * Checks every string of the input — each service, the release, the stage
 * settings and the platform's own props (`platform`, with defaults applied) —
 * for text cdktf would read as its own token. Everything else a team writes is
 * data and reaches Terraform escaped (environments/template-escaping.ts).
 */
export function validateUserText(
  stackPath: string, catalog: ServiceCatalog, release: Release, settings: object, platform: object,
): Violation[] {
  const c = new Checker("model");
  for (const service of catalog.services) {
    const { catalog: _catalog, dependsOn: _dependsOn, ...own } = service;
    checkStrings(c, `${stackPath}/${service.name}`, own);
  }
  for (const store of catalog.stores) {
    const { catalog: _catalog, ...own } = store;
    checkStrings(c, `${stackPath}/${store.name}`, own);
  }
  // A canary's values are checked under their service, named as the model rules name them.
  const entries = release.entries().map(([name, entry]) => [name, entry?.canary ? { ...entry, canary: undefined } : entry] as const);
  checkStrings(c, stackPath, { release: Object.fromEntries(entries), settings, ...platform });
  for (const [name, entry] of release.entries()) {
    const matches = entry?.canary?.matches;
    if (!isList(matches)) continue;
    checkStrings(c, `${stackPath}/${name}`, Object.fromEntries(matches.map((m) => [`release.canary.${m.kind}s.${m.name}`, m.value])));
  }
  return c.violations;
}

function checkStrings(c: Checker, path: string, root: object): void {
  const seen = new Set<object>();
  const visit = (value: unknown, field: string): void => {
    if (typeof value === "string") {
      // Naming the field and redacting the value are for the report: a large catalog has thousands of strings that pass.
      if (NO_TOKEN_MARKER.test(value)) return;
      const name = FIELD_NAMES.reduce((f, [pattern, replacement]) => f.replace(pattern, replacement), field);
      c.expect(false, path, name, reportableLiteral(name, value), NO_TOKEN_MARKER.allowed);
      return;
    }
    // Another service or a store is checked under its own path (dependsOn, EnvValue.hostOf, store.connection).
    if (value === null || typeof value !== "object" || value instanceof Service || value instanceof Store || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${field}[${i}]`));
    else for (const [key, v] of Object.entries(value)) visit(v, field ? `${field}.${key}` : key);
  };
  visit(root, "");
}
