/**
 * Builds the package's two builds of the library from one source (`npm run build`, which runs
 * `npm run gen` first):
 *   - for cdktf, as `tsc -p tsconfig.build.json` would: dist/lib and its alicloud bindings in
 *     dist/.gen (the package's root entry point);
 *   - for cdktn: the same source compiled against cdktn into dist/cdktn (the `/cdktn` entry point).
 *     Every module name scripts/frameworks.js lists is read as the cdktn one: TypeScript checks
 *     the library against cdktn's declarations and the bindings generated for cdktn, and the
 *     JavaScript and declarations it writes import those. Only what lib/index.ts reaches is built.
 * Usage: npm run build [-- --check]   (--check type-checks the cdktn build and writes nothing)
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with jest.config.js
const { cdktnModule } = require("./frameworks") as { cdktnModule: (specifier: string, gen: string) => string | undefined };

const REPO = path.resolve(__dirname, "..");
const DIST = path.join(REPO, "dist");
const CDKTN_GEN = path.join(REPO, ".gen", "cdktn");

/** The compiler options and files of tsconfig.build.json, as `tsc -p` reads them. */
function buildConfig(): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(REPO, "tsconfig.build.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => fail([d]),
  });
  if (!parsed) throw new Error("tsconfig.build.json could not be read");
  if (parsed.errors.length > 0) fail(parsed.errors);
  return parsed;
}

function fail(diagnostics: readonly ts.Diagnostic[]): never {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO, getNewLine: () => "\n",
  };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

/** Compiles `program`, or only type-checks it; exits on any error. */
function emit(program: ts.Program, transformers?: ts.CustomTransformers, check = false): void {
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (!check) diagnostics.push(...program.emit(undefined, undefined, undefined, false, transformers).diagnostics);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) fail(errors);
}

/** `specifier`, written in `file`, as the cdktn build names it (or as it is). */
function forCdktn(specifier: string, file: string): string {
  let gen = path.relative(path.dirname(file), CDKTN_GEN).split(path.sep).join("/");
  if (!gen.startsWith(".")) gen = `./${gen}`;
  return cdktnModule(specifier, gen) ?? specifier;
}

/** A compiler host that resolves every module name as the cdktn build names it. */
function cdktnHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions) =>
    literals.map((literal) =>
      ts.resolveModuleName(forCdktn(literal.text, containingFile), containingFile, compilerOptions, host, undefined, redirected));
  return host;
}

/** Rewrites the module names of imports, exports, import types and `require(…)`/`require.resolve(…)` calls. */
function renameModules<T extends ts.SourceFile | ts.Bundle>(context: ts.TransformationContext): (root: T) => T {
  const { factory } = context;
  return (root) => {
    if (!ts.isSourceFile(root)) return root;
    const rename = (literal: ts.StringLiteral) => {
      const to = forCdktn(literal.text, root.fileName);
      return to === literal.text ? literal : factory.createStringLiteral(to);
    };
    const isRequire = (e: ts.Expression) => (ts.isIdentifier(e) && e.text === "require") ||
      (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.name.text === "resolve");
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateImportDeclaration(node, node.modifiers, node.importClause, rename(node.moduleSpecifier), node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, rename(node.moduleSpecifier), node.attributes);
      }
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const argument = factory.updateLiteralTypeNode(node.argument, rename(node.argument.literal));
        return factory.updateImportTypeNode(node, argument, node.attributes, node.qualifier, node.typeArguments, node.isTypeOf);
      }
      if (ts.isCallExpression(node) && isRequire(node.expression) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
        return factory.updateCallExpression(node, node.expression, node.typeArguments, [rename(node.arguments[0])]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(root, visit) as T;
  };
}

function main(): void {
  const check = process.argv.includes("--check");
  const config = buildConfig();
  if (!check) {
    fs.rmSync(DIST, { recursive: true, force: true });
    const started = Date.now();
    emit(ts.createProgram(config.fileNames, config.options));
    console.log(`[build] cdktf: dist/lib, dist/.gen (${Date.now() - started} ms)`);
  }
  const started = Date.now();
  const options: ts.CompilerOptions = { ...config.options, outDir: path.join(DIST, "cdktn") };
  const program = ts.createProgram([path.join(REPO, "lib", "index.ts")], options, cdktnHost(options));
  emit(program, { before: [renameModules<ts.SourceFile>], afterDeclarations: [renameModules<ts.SourceFile | ts.Bundle>] }, check);
  console.log(`[build] cdktn: ${check ? "type-checked" : "dist/cdktn"} (${Date.now() - started} ms)`);
}

main();
