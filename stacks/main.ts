import { App } from "cdktf";
import { bootstrapStack } from "./bootstrap";
import { prereleaseEnvironment } from "./prerelease";
import { productionEnvironment } from "./production";
import { shopCatalog } from "./services";
import { testEnvironment } from "./test";

const app = new App();
const catalog = shopCatalog();
testEnvironment(app, catalog);
const prerelease = prereleaseEnvironment(app, catalog);
const production = productionEnvironment(app, catalog);
bootstrapStack(app, [prerelease, production]);
app.synth();
