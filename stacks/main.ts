import { App } from "cdktf";
import { bootstrapStack } from "./bootstrap";
import { prereleaseEnvironment, prereleaseRelease } from "./prerelease";
import { productionEnvironment, productionRelease } from "./production";
import { shopCatalog } from "./services";
import { testEnvironment, testRelease } from "./test";

// No stack traces: cdktf would otherwise record one for every token it creates (see docs/environments.md).
const app = new App({ stackTraces: false });
const catalog = shopCatalog();
testEnvironment(app, catalog, testRelease(catalog));
const prerelease = prereleaseEnvironment(app, catalog, prereleaseRelease(catalog));
const production = productionEnvironment(app, catalog, productionRelease(catalog));
bootstrapStack(app, [prerelease, production]);
app.synth();
