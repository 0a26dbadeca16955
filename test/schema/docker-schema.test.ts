import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import {
  DockerEnvironment, EnvValue, Image, Port, Probe, Release, Route, Secret, Service, ServiceCatalog,
} from "../../lib";
import { DOCKER_PROVIDER_VERSIONS } from "../../lib/platforms/docker/provider";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";
import { bindingProblems } from "./docker-bindings";
import { loadDockerSchema, schemaProblems } from "./provider-schema";

/** The example's test stack, and one that uses every kind of probe, route, variable and secret. */
function stacks(): Record<string, any> {
  const shop = shopCatalog();
  const example = testEnvironment(Testing.app(), shop, testRelease(shop));
  const catalog = new ServiceCatalog();
  const api = new Service(catalog, "orders-api", {
    image: Image.fromRegistry("shop/orders-api"),
    ports: [Port.http(8085, { route: Route.internal({ listenerPort: 8085 }) }), Port.tcp(9090)],
    probe: Probe.tcp(8085),
    env: { DB_HOST: EnvValue.fromVariable("orders_db_host") },
    secrets: { DB_PASSWORD: Secret.fromVariable("orders_db_password") },
  });
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com", "*.shop.example.com"] }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
    dependsOn: [api],
  });
  new Service(catalog, "worker", { image: Image.fromRegistry("shop/worker"), probe: Probe.command(["/bin/health"]) });
  const everything = new DockerEnvironment(Testing.app(), "test", {
    catalog, release: Release.of({ "orders-api": "1.0.0", web: "1.0.0", worker: "1.0.0" }), registryPort: 5001,
  });
  return { example: JSON.parse(Testing.synth(example)), everything: JSON.parse(Testing.synth(everything)) };
}

/** Every docker resource of a synthesized stack, and its provider block, as [where, type, config]. */
function dockerBlocks(json: any): [string, string, Record<string, unknown>][] {
  const resources = Object.entries<Record<string, any>>(json.resource)
    .filter(([type]) => type.startsWith("docker_"))
    .flatMap(([type, byId]) => Object.entries(byId).map(([id, config]): [string, string, any] => [`${type}.${id}`, type, config]));
  return [...resources, ...json.provider.docker.map((config: any): [string, string, any] => ["provider.docker", "docker", config])];
}

describe("the Docker environment against both docker provider lines it admits", () => {
  const synthesized = stacks();

  test("declares kreuzwerker/docker from the bindings' version (3.6.2) up to, not including, 5.0.0", () => {
    const bindings = new DockerProvider(new TerraformStack(Testing.app(), "bindings"), "docker", {});
    expect(DOCKER_PROVIDER_VERSIONS).toBe(`>= ${bindings.terraformGeneratorMetadata!.providerVersion}, < 5.0.0`);
    for (const json of Object.values(synthesized)) {
      expect(json.terraform.required_providers.docker).toEqual({ source: "kreuzwerker/docker", version: ">= 3.6.2, < 5.0.0" });
    }
  });

  test.each(Object.keys(synthesized))("%s: every docker resource and the provider fit the 4.x schema CI deploys with", (name) => {
    const schema = loadDockerSchema();
    const problems = dockerBlocks(synthesized[name]).flatMap(([where, type, config]) =>
      schemaProblems(where, type === "docker" ? schema.provider.block : schema.resource_schemas[type].block, config));
    expect(problems).toEqual([]);
  });

  test.each(Object.keys(synthesized))("%s: every argument and nested block exists in the 3.6.2 bindings", (name) => {
    const problems = dockerBlocks(synthesized[name]).flatMap(([where, type, config]) => bindingProblems(type, config).map((p) => p.replace(type, where)));
    expect(problems).toEqual([]);
  });

  test("without DOCKER_PROVIDER_SCHEMA and a .toolchain.env naming one it fails with instructions instead of skipping", () => {
    const saved = process.env.DOCKER_PROVIDER_SCHEMA;
    delete process.env.DOCKER_PROVIDER_SCHEMA;
    try {
      expect(() => loadDockerSchema("/nonexistent/.toolchain.env")).toThrow(/DOCKER_PROVIDER_SCHEMA is not set.*scripts\/setup\.sh/);
    } finally {
      if (saved !== undefined) process.env.DOCKER_PROVIDER_SCHEMA = saved;
    }
  });

  test("the checks catch an argument only one line has, and an unknown nested argument", () => {
    const container = { name: "c", image: "i", memory_reservation: 64, healthcheck: { test: ["CMD", "true"], start_intervall: "1s" } };
    expect(bindingProblems("docker_container", container)).toEqual([
      "docker_container.memory_reservation: not in the 3.6.2 bindings",
      "docker_container.healthcheck[0].start_intervall: not in the 3.6.2 bindings",
    ]);
    expect(schemaProblems("c", loadDockerSchema().resource_schemas.docker_container.block, { ...container, cpus: 1 }))
      .toEqual(["c.healthcheck[0].start_intervall: not in the schema", 'c.cpus: 1 is not a "string"']);
  });
});
