#!/usr/bin/env node
/**
 * Runs a TypeScript entry point: esbuild bundles it with the project's own
 * sources in memory (npm packages stay external, so cdktf is the one in
 * node_modules) and Node runs the bundle. Much faster to start than ts-node,
 * and without source-map-support, whose stack formatting cdktf would pay for
 * on every token it creates. Like `ts-node --transpile-only` it does not
 * type-check: `npm run typecheck` does.
 *
 *   node scripts/run-ts.js stacks/main.ts [args…]
 */
const esbuild = require("esbuild");
const Module = require("module");
const path = require("path");

const [, , file, ...args] = process.argv;
if (!file) {
  console.error("usage: node scripts/run-ts.js <entry.ts> [args…]");
  process.exit(2);
}
const entry = path.resolve(file);
const { outputFiles } = esbuild.buildSync({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  packages: "external",
  format: "cjs",
  target: "node20",
  write: false,
  logLevel: "warning",
});
// The bundle runs as the entry file itself: its requires resolve from the entry's directory.
process.argv = [process.argv[0], entry, ...args];
const main = new Module(entry, null);
main.filename = entry;
main.paths = Module._nodeModulePaths(path.dirname(entry));
require.main = main;
process.mainModule = main;
main._compile(outputFiles[0].text, entry);
