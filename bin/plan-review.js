#!/usr/bin/env node
// Entry point of the `plan-review` command.
require("./run-cli")("review/cli", "runPlanReview");
