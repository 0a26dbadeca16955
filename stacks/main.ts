import { App } from "cdktf";
import { prereleaseEnvironment } from "./prerelease";
import { productionEnvironment } from "./production";
import { shopCatalog } from "./services";
import { testEnvironment } from "./test";

const app = new App();
const catalog = shopCatalog();
testEnvironment(app, catalog);
prereleaseEnvironment(app, catalog);
productionEnvironment(app, catalog);
app.synth();
