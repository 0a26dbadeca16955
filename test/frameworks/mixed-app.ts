// An App as a team that followed cdktn's migration guide halfway writes it: the App comes from cdktn,
// the library still from its root entry point, its build for cdktf. Run by mixed-app.test.ts.
import { App } from "cdktn";
import { DockerEnvironment, Image, Release, Service, ServiceCatalog } from "../../lib";

const catalog = new ServiceCatalog();
new Service(catalog, "web", { image: Image.fromRegistry("shop/web") });
const app = new App();
new DockerEnvironment(app, "test", { catalog, release: Release.of({ web: "1.0.0" }) });
app.synth();
