// Runs one of the package's commands. In a checkout it loads the TypeScript
// source, compiled through a cache kept by content (scripts/run-from-source.js),
// so `npm run <command>` never picks up a stale build; an installed package
// ships only the compiled code in dist/ and runs that.
const fs = require("fs");
const path = require("path");

/** Runs `exportName` of lib/<module>.ts (or its build) with the command line's arguments. */
module.exports = function runCli(module, exportName) {
  const root = path.join(__dirname, "..");
  const source = path.join(root, "lib", `${module}.ts`);
  let cli;
  if (fs.existsSync(source)) {
    require(path.join(root, "scripts", "run-from-source.js")).register();
    cli = require(source);
  } else {
    cli = require(path.join(root, "dist", "lib", `${module}.js`));
  }
  // A command returns its exit status, or a promise of it.
  Promise.resolve(cli[exportName](process.argv.slice(2))).then((status) => {
    process.exitCode = status;
  });
};
