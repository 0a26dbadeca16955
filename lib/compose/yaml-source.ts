import { Document, LineCounter, Node, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit } from "yaml";
import { Report } from "./report";

/** One key of a YAML mapping and its value. */
export interface Entry {
  readonly key: string;
  /** 1-based line of the key. */
  readonly line: number;
  /** The value, aliases resolved; null when the key has no value. */
  readonly value: Node | null;
}

/** One item of a YAML sequence. */
export interface Item {
  readonly line: number;
  readonly value: Node | null;
}

/**
 * A compose file parsed by the `yaml` library, read node by node so every key
 * keeps its line. Compose files are YAML 1.1 (`yes`, `no`, `on` are booleans).
 */
export class YamlSource {
  /** The document's root node; null for an empty file. */
  public readonly root: Node | null;
  private readonly document: Document;
  private readonly lines = new LineCounter();

  constructor(text: string, private readonly report: Report) {
    // The library's own unique-key check compares each key with every earlier one: its time grows with the
    // square of a mapping's size. Keys are checked below instead, once each.
    this.document = parseDocument(text, { lineCounter: this.lines, version: "1.1", uniqueKeys: false });
    for (const error of this.document.errors) {
      // The library's message ends with the offending source lines, which may hold a secret: keep the sentence only.
      const sentence = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      report.problem(error.linePos?.[0].line ?? 1, `not valid YAML: ${sentence}`);
    }
    const repeated = this.document.errors.length > 0 ? [] : this.repeatedKeys();
    repeated.forEach((line) => report.problem(line, "not valid YAML: Map keys must be unique"));
    this.root = this.document.errors.length > 0 || repeated.length > 0 ? null : this.resolve(this.document.contents);
  }

  /** The line of every key a mapping already has, in one pass over the document. */
  private repeatedKeys(): number[] {
    const lines: number[] = [];
    visit(this.document, {
      Map: (_key, map) => {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          const key = isScalar(pair.key) ? pair.key.value : pair.key;
          if (seen.has(key)) lines.push(this.lineOf(pair.key as Node | null));
          seen.add(key);
        }
      },
    });
    return lines;
  }

  /** 1-based line where `node` starts. */
  public lineOf(node: Node | null, fallback = 1): number {
    return node?.range ? this.lines.linePos(node.range[0]).line : fallback;
  }

  /** The keys of a mapping (none for a key left empty); reports a problem (and returns none) when `node` is no mapping. */
  public entries(node: Node | null, line: number, what: string, service?: string): Entry[] {
    if (node === null) return [];
    if (!isMap(node)) {
      this.report.problem(this.lineOf(node, line), `${what} must be a mapping of keys to values`, service);
      return [];
    }
    const entries: Entry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      const keyLine = this.lineOf(keyNode, line);
      // YAML 1.1 reads `<<` as a merge key, a symbol.
      if (typeof key === "symbol" || key === "<<") {
        this.report.problem(keyLine, "merge keys (<<) are not supported: write the keys out", service, "<<");
      } else if (typeof key !== "string" && typeof key !== "number") {
        this.report.problem(keyLine, `${what} has a key that is not a plain name`, service);
      } else if (key === "__proto__") {
        // The one name a JavaScript object cannot hold as an entry (an object literal takes it for the prototype).
        this.report.problem(keyLine, `${what} has the key __proto__, which no environment variable, label or service may be ` +
          "called: JavaScript reads it as an object's prototype; rename it", service, "__proto__");
      } else {
        entries.push({ key: String(key), line: keyLine, value: this.resolve(pair.value as Node | null) });
      }
    }
    return entries;
  }

  /** The items of a sequence (none for a key left empty); reports a problem (and returns none) when `node` is no list. */
  public items(node: Node | null, line: number, what: string, service?: string): Item[] {
    if (node === null) return [];
    if (!isSeq(node)) {
      this.report.problem(this.lineOf(node, line), `${what} must be a list`, service);
      return [];
    }
    return node.items.map((item) => {
      const value = this.resolve(item as Node | null);
      return { line: this.lineOf(item as Node | null, line), value };
    });
  }

  /** Whether `node` is a mapping. */
  public isMapping(node: Node | null): boolean {
    return isMap(node);
  }

  /** Whether `node` is a list. */
  public isList(node: Node | null): boolean {
    return isSeq(node);
  }

  /** A scalar as text (numbers and booleans as written by YAML 1.1); undefined for null, lists and mappings. */
  public text(node: Node | null): string | undefined {
    if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
    const value = node.value;
    return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  }

  private resolve(node: Node | null | undefined): Node | null {
    if (node === undefined || node === null) return null;
    return isAlias(node) ? (node.resolve(this.document) as Node | undefined) ?? null : node;
  }
}
