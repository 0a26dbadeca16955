import * as fs from "fs";
import * as path from "path";
import {
  Duration, DockerEnvironment, EnvValue, Image, Port, Probe, Release, Route, Secret, Service, ServiceCatalog,
  ServiceProps, ValidationError,
} from "../../lib";
import { tempApp } from "../support/synth";
import { Expected, expectOneError } from "./rejected";

const image = Image.fromRegistry("shop/app");

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Builds the catalog. */
  readonly catalog: (c: ServiceCatalog) => void;
  /** Overrides the release (default: version 1.0.0 for every service). */
  readonly release?: Release;
  /** Construct path, field, value and a piece of the allowed text the error must name. */
  readonly expected: Expected;
}

const one = (props: Partial<ServiceProps>, name = "app") => (c: ServiceCatalog) =>
  new Service(c, name, { image, ...props });

const cases: Case[] = [
  { name: "service name with capitals and underscore", catalog: one({}, "Orders_API"),
    expected: ["test/Orders_API", "name", '"Orders_API"', "a DNS label"] },
  { name: "service name longer than 63", catalog: one({}, "a".repeat(64)),
    expected: [`test/${"a".repeat(64)}`, "name", `"${"a".repeat(64)}"`, "1-63 lowercase"] },
  { name: "replicas below 1", catalog: one({ replicas: 0 }),
    expected: ["test/app", "replicas", "0", "a whole number from 1 to 50"] },
  { name: "fractional replicas", catalog: one({ replicas: 1.5 }),
    expected: ["test/app", "replicas", "1.5", "a whole number from 1 to 50"] },
  { name: "container port above 65535", catalog: one({ ports: [Port.http(70000)] }),
    expected: ["test/app", "ports[0].port", "70000", "a whole number from 1 to 65535"] },
  { name: "container port 0", catalog: one({ ports: [Port.tcp(0)] }),
    expected: ["test/app", "ports[0].port", "0", "a whole number from 1 to 65535"] },
  { name: "listener port outside range", catalog: one({ ports: [Port.http(80, { route: Route.public({ listenerPort: 65536 }) })] }),
    expected: ["test/app", "ports[0].route.listenerPort", "65536", "from 1 to 65535"] },
  {
    name: "two services with one name",
    catalog: (c) => { new Service(c, "app", { image }); new Service(c, "app", { image }); },
    expected: ["test/app", "name", '"app"', "a name no other service in the catalog uses"],
  },
  {
    name: "two routes on one listener port",
    catalog: (c) => {
      new Service(c, "web", { image, ports: [Port.http(8080, { route: Route.public() })] });
      new Service(c, "admin", { image, ports: [Port.http(9000, { route: Route.public() })] });
    },
    expected: ["test/admin", "ports[0].route.listenerPort", "80", "a listener port no other route uses (web ports already routes it)"],
  },
  {
    name: "two routes with one domain on one listener port",
    catalog: (c) => {
      new Service(c, "web", { image, ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com"] }) })] });
      new Service(c, "admin", { image, ports: [Port.http(9000, { route: Route.public({ domains: ["shop.example.com"] }) })] });
    },
    expected: ["test/admin", "ports[0].route.listenerPort", "80", "each names different domains"],
  },
  { name: "probe timeout equal to its period",
    catalog: one({ ports: [Port.tcp(80)], probe: Probe.tcp(80, { timeout: Duration.seconds(10), period: Duration.seconds(10) }) }),
    expected: ["test/app", "probe.timeout", "10s", "a timeout shorter than the probe period (10s)"] },
  { name: "probe timeout longer than its period",
    catalog: one({ ports: [Port.http(80)], probe: Probe.http(80, { timeout: Duration.seconds(30) }) }),
    expected: ["test/app", "probe.timeout", "30s", "shorter than the probe period (15s)"] },
  { name: "probe port outside range", catalog: one({ probe: Probe.tcp(99999) }),
    expected: ["test/app", "probe.port", "99999", "from 1 to 65535"] },
  { name: "probe path not absolute", catalog: one({ ports: [Port.http(80)], probe: Probe.http(80, { path: "healthz" }) }),
    expected: ["test/app", "probe.path", '"healthz"', "an absolute path"] },
  { name: "probe failure threshold 0", catalog: one({ ports: [Port.tcp(80)], probe: Probe.tcp(80, { failureThreshold: 0 }) }),
    expected: ["test/app", "probe.failureThreshold", "0", "from 1 to 50"] },
  { name: "empty probe command", catalog: one({ probe: Probe.command([]) }),
    expected: ["test/app", "probe.command", "[]", "a non-empty command"] },
  { name: "env name that is not a variable name", catalog: one({ env: { "1DB-HOST": EnvValue.literal("x") } }),
    expected: ["test/app", "env.1DB-HOST", '"1DB-HOST"', "an environment variable name"] },
  { name: "Terraform variable name with a dash", catalog: one({ env: { DB_HOST: EnvValue.fromVariable("db-host") } }),
    expected: ["test/app", "env.DB_HOST", '"db-host"', "a Terraform variable name"] },
  {
    name: "a secret and an env value with the same name",
    catalog: one({ env: { DB_PASSWORD: EnvValue.literal("x") }, secrets: { DB_PASSWORD: Secret.fromVariable("db_password") } }),
    expected: ["test/app", "secrets.DB_PASSWORD", '"DB_PASSWORD"', "a name not also used in env"],
  },
  {
    name: "one variable both plain and secret",
    catalog: one({ env: { DB_USER: EnvValue.fromVariable("db") }, secrets: { DB_PASSWORD: Secret.fromVariable("db") } }),
    expected: ["test/app", "secrets.DB_PASSWORD", '"db"', "a Terraform variable is either sensitive or not"],
  },
  { name: "release without the service", catalog: one({}), release: Release.of({}),
    expected: ["test/app", "release.version", "(not set)", 'a version for "app"'] },
  { name: "release naming a service the catalog does not have (a typo)", catalog: one({}, "aixue-recommender"),
    release: Release.of({ "aixue-recommender": "1.0.0", "aixue-recomender": "1.0.1" }),
    expected: ["test", "release.aixue-recomender", '"aixue-recomender"', "a service of the catalog (aixue-recommender): this release entry deploys nothing"] },
  { name: "release version with a space", catalog: one({}), release: Release.of({ app: "1.0 beta" }),
    expected: ["test/app", "release.version", '"1.0 beta"', "an image tag"] },
  { name: "domain that is not a host name", catalog: one({ ports: [Port.http(80, { route: Route.public({ domains: ["shop example.com"] }) })] }),
    expected: ["test/app", "ports[0].route.domains[0]", '"shop example.com"', "a lowercase domain name"] },
  { name: "dependency outside the catalog",
    catalog: one({ dependsOn: [new Service(new ServiceCatalog(), "elsewhere", { image })] }),
    expected: ["test/app", "dependsOn[0]", '"elsewhere"', "another service of the same catalog"] },
  {
    name: "host of a service that is not a dependency",
    catalog: (c) => {
      const db = new Service(c, "db", { image });
      new Service(c, "app", { image, env: { DB_HOST: EnvValue.hostOf(db) } });
    },
    expected: ["test/app", "env.DB_HOST", '"db"', "a service listed in dependsOn (none)"],
  },
  { name: "alias that is no host name", catalog: one({ aliases: ["Orders_DB"] }),
    expected: ["test/app", "aliases[0]", '"Orders_DB"', "a lowercase host name of DNS labels"] },
  {
    name: "alias that is another service's name",
    catalog: (c) => {
      new Service(c, "db", { image });
      new Service(c, "app", { image, aliases: ["db"] });
    },
    expected: ["test/app", "aliases[0]", '"db"', "a name nothing else in the catalog is reached by (it is the service db)"],
  },
  {
    name: "alias that is an internal route domain",
    catalog: (c) => {
      new Service(c, "web", { image, ports: [Port.http(8080, { route: Route.internal({ domains: ["shop.local"] }) })] });
      new Service(c, "app", { image, aliases: ["shop.local"] });
    },
    expected: ["test/app", "aliases[0]", '"shop.local"', "(it is an internal route domain of web)"],
  },
  { name: "alias that is a replica's host name", catalog: one({ aliases: ["app-2"] }),
    expected: ["test/app", "aliases[0]", '"app-2"', "replica 2 of app answers to it"] },
  { name: "publish address off loopback in the test stage", catalog: one({}),
    expected: ["test", "publishAddress", '"0.0.0.0"', "a loopback address"] },
];

describe("bad input stops synthesis with one clear error and writes nothing for the stack", () => {
  test.each(cases)("$name", ({ catalog: build, release, expected }) => {
    const catalog = new ServiceCatalog();
    build(catalog);
    const app = tempApp();
    const publishAddress = expected[1] === "publishAddress" ? "0.0.0.0" : undefined;
    new DockerEnvironment(app, "test", {
      catalog,
      release: release ?? Release.of(Object.fromEntries(catalog.services.map((s) => [s.name, "1.0.0"]))),
      publishAddress,
    });
    expectOneError(app, "test", expected);
  });

  test("every violation of a stack is reported together, sorted", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "zeta", { image, replicas: 0 });
    new Service(catalog, "alpha", { image, ports: [Port.http(0)] });
    const app = tempApp();
    new DockerEnvironment(app, "test", { catalog, release: Release.of({ zeta: "1", alpha: "1" }) });
    expect(() => app.synth()).toThrow(
      /^2 error\(s\) in test stop synthesis; nothing was written for any stack of this App\.\ntest: 2 error\(s\), 0 warning\(s\)\n {2}ERROR test\/alpha: ports\[0\]\.port = 0;.*\n {2}ERROR test\/zeta: replicas = 0;/,
    );
  });

  test("output of an earlier good synth is removed when the stack turns bad", () => {
    const app = tempApp();
    const good = new ServiceCatalog();
    new Service(good, "app", { image });
    new DockerEnvironment(app, "test", { catalog: good, release: Release.of({ app: "1" }) });
    app.synth();
    expect(fs.existsSync(path.join(app.outdir, "stacks", "test", "cdk.tf.json"))).toBe(true);

    const again = new (app.constructor as any)({ outdir: app.outdir });
    const bad = new ServiceCatalog();
    new Service(bad, "app", { image, replicas: 0 });
    new DockerEnvironment(again, "test", { catalog: bad, release: Release.of({ app: "1" }) });
    expect(() => again.synth()).toThrow(ValidationError);
    expect(fs.existsSync(path.join(app.outdir, "stacks", "test"))).toBe(false);
  });
});
