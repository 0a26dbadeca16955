import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * The library's layers import one way: model ← validation ← policies ← environments ← platforms,
 * with the package entry points on top; the review and the compose importer stand apart, above
 * validation: each may only read the two lowest layers, and only the entry points read them.
 * Type-only imports count too: a cycle through types still ties two layers together.
 */
const LIB = path.join(__dirname, "..", "lib");
const RANK: Record<string, number> = { model: 0, validation: 1, policies: 2, environments: 3, platforms: 4 };
const APART: Record<string, Set<string>> = {
  review: new Set(["model", "validation", "review"]),
  compose: new Set(["model", "validation", "compose"]),
};

function layerOf(file: string): string {
  const first = path.relative(LIB, file).split(path.sep)[0];
  return first.endsWith(".ts") ? "entry" : first;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

interface Edge {
  readonly target: string;
  /** `import type`, or every imported name marked `type`: erased at run time. */
  readonly typeOnly: boolean;
}

/** Every library file a file imports or re-exports, type-only imports included. */
function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const edges: Edge[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const spec = statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith(".")) continue;
    const resolved = path.resolve(path.dirname(file), spec.text);
    const target = [`${resolved}.ts`, path.join(resolved, "index.ts")].find((candidate) => fs.existsSync(candidate));
    if (target === undefined || !target.startsWith(LIB + path.sep)) continue;
    edges.push({ target, typeOnly: isTypeOnly(statement) });
  }
  return edges;
}

function isTypeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) return statement.isTypeOnly;
  const clause = statement.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) &&
    named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly);
}

const files = sourceFiles(LIB);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const show = (file: string) => path.relative(LIB, file);

test("no layer imports a layer above it, and the review and the compose importer read only model and validation", () => {
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const { target } of targets) {
      const to = layerOf(target);
      if (from === "entry" || from === to) continue;
      const allowed =
        from in APART ? APART[from].has(to)
          : to in APART || to === "entry" ? false
            : RANK[to] <= RANK[from];
      if (!allowed) upward.push(`${show(file)} -> ${show(target)}`);
    }
  }
  expect(upward).toEqual([]);
});

// A Service and its catalog (or an env value naming a service) refer to each other by type inside
// the model; only imports that run can form a cycle that breaks module loading.
test("no import cycle between library files at run time, and none through types across layers", () => {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map(show).join(" -> "));
      return;
    }
    state.set(file, "open");
    for (const { target, typeOnly } of graph.get(file) ?? []) {
      if (!typeOnly || layerOf(target) !== layerOf(file)) visit(target, [...trail, file]);
    }
    state.set(file, "done");
  };
  for (const file of files) visit(file, []);
  expect(cycles).toEqual([]);
});

test("the checker sees a real import graph", () => {
  // Guards the two tests above against passing on an empty or unresolved graph.
  const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
  expect(files.length).toBeGreaterThan(40);
  expect(edges).toBeGreaterThan(files.length);
  const stack = graph.get(path.join(LIB, "environments", "environment-stack.ts"))!.map((edge) => edge.target);
  expect(stack).toContain(path.join(LIB, "model", "release.ts"));
  expect([...graph.values()].flat().some((edge) => edge.typeOnly)).toBe(true);
  // Every folder of lib/ is a known layer, so a new one cannot slip past the rules unranked.
  expect([...new Set(files.map(layerOf))].filter((l) => l !== "entry" && !(l in RANK) && !(l in APART))).toEqual([]);
});
