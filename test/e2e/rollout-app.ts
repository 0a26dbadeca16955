/**
 * The example App's test stack with one service at another version, for the e2e rollout:
 * `cdktf deploy test --app "node scripts/run-ts.js test/e2e/rollout-app.ts"` with
 * E2E_ROLL=<service>:<version>. Same stack, same local state as `cdktf deploy test`.
 */
import { App } from "cdktf";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";

const roll = /^([a-z0-9-]+):(\S+)$/.exec(process.env.E2E_ROLL ?? "");
if (!roll) throw new Error(`E2E_ROLL must be <service>:<version>, not ${JSON.stringify(process.env.E2E_ROLL)}`);
const app = new App();
const catalog = shopCatalog();
testEnvironment(app, catalog, testRelease(catalog).with(roll[1], roll[2]));
app.synth();
