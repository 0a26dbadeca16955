/**
 * The Docker environment's own props, each wrong in one way: refused with
 * exactly one error naming the stack, the prop, the value and what is allowed.
 */
import {
  Cpu, DockerEnvironment, DockerEnvironmentProps, Image, Port, Size, Release, Route, Service, ServiceCatalog, StageSettings,
  Stages,
} from "../../lib";
import { tempApp } from "../support/synth";
import { Expected, expectOneError } from "./rejected";

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Docker environment props. */
  readonly docker: Partial<DockerEnvironmentProps>;
  /** Props of the one service "app". @default none */
  readonly app?: Record<string, unknown>;
  /** Stage settings. @default Stages.test */
  readonly settings?: StageSettings;
  readonly expected: Expected;
}

const cases: Case[] = [
  { name: "log size with a unit Docker does not take", docker: { logMaxSize: "10MB" },
    expected: ["test", "logMaxSize", '"10MB"', "a whole number followed by k, m or g"] },
  { name: "log size of zero", docker: { logMaxSize: "0m" },
    expected: ["test", "logMaxSize", '"0m"', "a json-file log size"] },
  { name: "no rotated log files", docker: { logMaxFiles: 0 },
    expected: ["test", "logMaxFiles", "0", "a whole number from 1 to 100"] },
  { name: "fractional rotated log files", docker: { logMaxFiles: 2.5 },
    expected: ["test", "logMaxFiles", "2.5", "a whole number from 1 to 100"] },
  { name: "registry with a scheme", docker: { registry: "http://localhost:5000" },
    expected: ["test", "registry", '"http://localhost:5000"', "a registry host without scheme or path"] },
  { name: "registry with a path", docker: { registry: "localhost:5000/shop" },
    expected: ["test", "registry", '"localhost:5000/shop"', "without scheme or path"] },
  { name: "registry Docker would take for a Docker Hub namespace", docker: { registry: "myregistry" },
    expected: ["test", "registry", '"myregistry"', "with a '.' or a port or named localhost"] },
  { name: "registry port out of range", docker: { registry: "localhost:70000" },
    expected: ["test", "registry", '"localhost:70000"', "a registry host"] },
  { name: "registry image with capitals", docker: { registryImage: "Registry:2" },
    expected: ["test", "registryImage", '"Registry:2"', "an image reference"] },
  { name: "load balancer image with a space", docker: { loadBalancerImage: "nginx stable" },
    expected: ["test", "loadBalancerImage", '"nginx stable"', "[host[:port]/]lowercase/path[:tag]"] },
  { name: "Docker host without a scheme", docker: { dockerHost: "localhost:2375" },
    expected: ["test", "dockerHost", '"localhost:2375"', "unix:///path"] },
  { name: "registry port 0", docker: { registryPort: 0 },
    expected: ["test", "registryPort", "0", "a whole number from 1 to 65535"] },
  { name: "publish address that is a host name", docker: { publishAddress: "localhost" },
    expected: ["test", "publishAddress", '"localhost"', "an IPv4 address"] },
  { name: "cpu below Docker's smallest quota", docker: {}, app: { resources: { cpu: Cpu.millicores(9), memory: Size.mebibytes(64) } },
    expected: ["test/app", "resources.cpu", '"9m"', "at least 10m: Docker's smallest CPU quota"] },
  {
    name: "internal route published off loopback",
    app: { ports: [Port.http(8080, { route: Route.internal({ domains: ["admin.shop.internal"] }) })] },
    settings: { ...Stages.test, allowInternet: true },
    docker: { publishAddress: "0.0.0.0" },
    expected: ["test", "publishAddress", '"0.0.0.0"', "publishes every route on it, and app's route is internal"],
  },
];

describe("every bad Docker environment prop is refused with one error naming it", () => {
  test.each(cases)("$name", ({ docker, app: props, settings, expected }) => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", { image: Image.fromRegistry("shop/app"), ...props });
    const app = tempApp();
    new DockerEnvironment(app, "test", { catalog, release: Release.of({ app: "1.0.0" }), settings, ...docker });
    expectOneError(app, "test", expected);
  });
});
