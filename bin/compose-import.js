#!/usr/bin/env node
// Entry point of the `compose-import` command.
require("./run-cli")("compose/cli", "runComposeImport");
