// How the package's commands run from a checkout of its own repository, where
// they are TypeScript: through plan-review's compile cache instead of a
// TypeScript runner.
// The synthesis worker (which imports nothing of its own) is compiled once with
// esbuild (or TypeScript) and kept by content; it then compiles every other
// source file by content too, so a run compiles only what changed.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
// The same place lib/review/synthesize.ts keeps the App's compiled files.
const cache = process.env.PLAN_REVIEW_CACHE
  ? path.resolve(process.env.PLAN_REVIEW_CACHE)
  : path.join(root, "node_modules", ".cache", "cdktf-service-platform", "plan-review");

/** The synthesis worker's JavaScript, compiled from lib/review/synth-worker.ts on first use. */
function compiledWorker() {
  const source = fs.readFileSync(path.join(root, "lib", "review", "synth-worker.ts"), "utf8");
  const file = path.join(cache, `synth-worker-${crypto.createHash("sha256").update(source).digest("hex").slice(0, 16)}.js`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(cache, { recursive: true });
    // Written whole, then renamed: a review running next to this one never reads half a file.
    fs.writeFileSync(`${file}.${process.pid}.tmp`, transpile(source));
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return file;
}

/** The worker's JavaScript: with esbuild (a dev dependency of the checkout, fast to load), else TypeScript. */
function transpile(source) {
  try {
    return require("esbuild").transformSync(source, { loader: "ts", format: "cjs", target: "es2022" }).code;
  } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND") throw e;
    const ts = require("typescript");
    const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    return ts.transpileModule(source, { compilerOptions }).outputText;
  }
}

/** Makes `require` compile this repository's TypeScript through the cache. */
function register() {
  require(compiledWorker()).registerTypeScript(path.join(cache, "compiled"))(root);
}

module.exports = { compiledWorker, register };
