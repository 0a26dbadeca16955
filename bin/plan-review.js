#!/usr/bin/env node
// Entry point of the `plan-review` command. In a checkout it runs the
// TypeScript source through ts-node (a dev dependency), so `npm run
// plan-review` never picks up a stale build; an installed package ships only
// the compiled code in dist/ and runs that.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const source = path.join(root, "lib", "review", "cli.ts");
let cli;
if (fs.existsSync(source)) {
  require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
  cli = require(source);
} else {
  cli = require(path.join(root, "dist", "lib", "review", "cli.js"));
}
process.exitCode = cli.runPlanReview(process.argv.slice(2));
