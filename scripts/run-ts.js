#!/usr/bin/env node
/**
 * Runs a TypeScript entry point: esbuild bundles it with the project's own
 * sources in memory (npm packages stay external, so cdktf is the one in
 * node_modules) and Node runs the bundle. Much faster to start than ts-node,
 * and without source-map-support, whose stack formatting cdktf would pay for
 * on every token it creates. Like `ts-node --transpile-only` it does not
 * type-check: `npm run typecheck` does.
 *
 * A bundle is kept (node_modules/.cache/cdktf-service-platform/run-ts) with
 * a digest of every file that went into it, and reused while each of them
 * reads the same: a `cdktf synth` or `npm run up` after the first loads the
 * App without bundling it again (reading and hashing its few hundred files
 * takes milliseconds; bundling, a few hundred).
 *
 *   node scripts/run-ts.js stacks/main.ts [args…]
 *
 * `require("./run-ts").requireTypeScript(file)` loads one TypeScript module the
 * same way, for a script that needs it only sometimes.
 */
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "cdktf-service-platform", "run-ts");
/** What shapes a bundle besides the sources esbuild lists: a change to any of them rebuilds every bundle. */
const SETTINGS = [path.join(__dirname, "run-ts.js"), path.join(__dirname, "..", "tsconfig.json"), require.resolve("esbuild/package.json")];

/** A digest of `file`'s content, or null where it is gone. */
function digest(file) {
  try {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("base64");
  } catch {
    return null;
  }
}

/** The bundle of `entry` (an absolute path): the kept one while its inputs are unchanged, else a new one. */
function bundle(entry) {
  const record = path.join(CACHE, `${crypto.createHash("sha256").update(entry).digest("hex").slice(0, 16)}.json`);
  try {
    const kept = JSON.parse(fs.readFileSync(record, "utf8"));
    if (Object.entries(kept.inputs).every(([file, was]) => digest(file) === was)) return kept.code;
  } catch {
    // no bundle kept, or an unreadable one: build it
  }
  const esbuild = require("esbuild");
  const { outputFiles, metafile } = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    packages: "external",
    format: "cjs",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  const code = outputFiles[0].text;
  const files = [...SETTINGS, ...Object.keys(metafile.inputs).map((input) => path.resolve(input))];
  const inputs = Object.fromEntries(files.map((file) => [file, digest(file)]));
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    // Written whole, then renamed: a run next to this one never reads half a record.
    const temp = `${record}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ entry, inputs, code }));
    fs.renameSync(temp, record);
  } catch {
    // a read-only checkout runs without the cache
  }
  return code;
}

/** Compiles the bundle of `file` as a module named after it; returns the module. */
function load(file) {
  const entry = path.resolve(file);
  const module = new Module(entry, null);
  module.filename = entry;
  // The bundle runs as the entry file itself: its requires resolve from the entry's directory.
  module.paths = Module._nodeModulePaths(path.dirname(entry));
  return { module, run: () => module._compile(bundle(entry), entry) };
}

/** The exports of TypeScript module `file`, bundled like an entry point. */
function requireTypeScript(file) {
  const { module, run } = load(file);
  run();
  return module.exports;
}

if (require.main === module) {
  const [, , file, ...args] = process.argv;
  if (!file) {
    console.error("usage: node scripts/run-ts.js <entry.ts> [args…]");
    process.exit(2);
  }
  const { module: main, run } = load(file);
  process.argv = [process.argv[0], main.filename, ...args];
  require.main = main;
  process.mainModule = main;
  run();
}

module.exports = { requireTypeScript };
