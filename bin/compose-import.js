#!/usr/bin/env node
// Entry point of the `compose-import` command. In a checkout it runs the
// TypeScript source through ts-node (a dev dependency); an installed package
// ships only the compiled code in dist/ and runs that.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const source = path.join(root, "lib", "compose", "cli.ts");
let cli;
if (fs.existsSync(source)) {
  require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
  cli = require(source);
} else {
  cli = require(path.join(root, "dist", "lib", "compose", "cli.js"));
}
process.exitCode = cli.runComposeImport(process.argv.slice(2));
