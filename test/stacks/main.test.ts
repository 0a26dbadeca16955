import { Stages } from "../../lib";
import { allFiles } from "../support/synth";
import { synthExampleApp } from "../support/run-app";
import { replicaName } from "../support/replica-name";

const SECRET = "Kn0wn-s3cret/value+for=tests";

describe("the example App", () => {
  const out = synthExampleApp({ TF_VAR_orders_db_password: SECRET, TF_VAR_orders_db_host: "db.internal" });

  test("synthesizes test, prerelease, production and the state bootstrap", () => {
    expect(Object.keys(out.stacks).sort()).toEqual(["bootstrap", "prerelease", "production", "test"]);
  });

  test("the test stack holds the network, images, replicas, load balancer and registry", () => {
    const test = out.stacks.test.resource;
    expect(Object.keys(test.docker_network)).toEqual(["network"]);
    expect(Object.values<any>(test.docker_image).map((i) => i.name).sort()).toEqual([
      "localhost:5000/shop/orders-api:2.1.0",
      "localhost:5000/shop/web:1.3.0",
      "localhost:5000/shop/worker:1.0.4",
      "mariadb:10.11",
      "nginx:stable",
      "redis:7.0",
      "registry:2",
    ]);
    const network = "docker_network.network.name";
    const reads = {
      "orders-api": ["terraform_data.orders-api-secret-rotation.id", "docker_image.orders-api-image.image_id", network],
      web: ["terraform_data.web-secret-rotation.id", "docker_image.web-image.image_id", network],
      worker: ["var.worker_queue_host", "docker_image.worker-image.image_id", network],
    };
    const versions = { "orders-api": "2.1.0", web: "1.3.0", worker: "1.0.4" };
    for (const [service, version] of Object.entries(versions)) {
      for (const replica of [1, 2]) {
        expect(test.docker_container[`${service}-${replica}`].name)
          .toMatch(replicaName(`${service}-${replica}_${version}`, reads[service as keyof typeof reads]));
      }
    }
    expect(test.docker_container["load-balancer"].name).toBe("test-lb");
    expect(test.docker_container.registry.name).toBe("test-registry");
    expect(test.docker_container["store-orders-db"].name).toBe("test-orders-db");
    expect(test.docker_container["store-cache"].name).toBe("test-cache");
    expect(Object.keys(test.docker_container)).toHaveLength(10);
    expect(test.docker_volume["registry-data"].name).toBe("test-registry-data");
    expect(test.docker_volume["store-orders-db-data"].name).toBe("test-orders-db-data");
    expect(test.docker_volume["store-cache-data"].name).toBe("test-cache-data");
  });

  test("each stack records how it was checked in its comment block, where Terraform does not look", () => {
    expect(out.stacks.production["//"]["cdktf-service-platform"]).toEqual({
      stage: "production",
      services: ["orders-api", "web", "worker"],
      // Production's own set, each stopping synthesis.
      policies: Stages.production.policies.map((p) => ({ name: p.name, enforcement: "error" })),
      adjustments: [],
      stores: [
        { name: "orders-db", engine: "mysql", provision: "managed", services: ["orders-api"] },
        { name: "cache", engine: "redis", provision: "managed", services: ["web"] },
      ],
      shared: { LOG_LEVEL: { value: "warn", services: ["orders-api", "web", "worker"] } },
    });
    expect(Stages.production.policies.map((p) => p.name)).toEqual(expect.arrayContaining(["min-replicas", "pinned-images", "deletion-protection"]));
    expect(out.stacks.test["//"]["cdktf-service-platform"]).toMatchObject({
      stage: "test", policies: [{ name: "no-plain-secrets", enforcement: "warning" }],
      adjustments: [], shared: { LOG_LEVEL: { value: "debug", services: ["orders-api", "web", "worker"] } },
    });
    expect(out.stacks.test["//"]["cdktf-service-platform"].stores.map((s: any) => `${s.name} ${s.provision}`)).toEqual([
      "orders-db container", "cache container",
    ]);
  });

  test("ops configuration and secrets are variables, not values", () => {
    const variables = out.stacks.test.variable;
    expect(Object.keys(variables).sort()).toEqual(["cache_password", "orders_db_password", "worker_queue_host"]);
    expect(variables.orders_db_password.sensitive).toBe(true);
    expect(variables.cache_password.sensitive).toBe(true);
  });

  test("a secret value given at synth appears nowhere in the output", () => {
    const files = allFiles(out.outdir);
    expect(files.length).toBeGreaterThan(0);
    const forms = [SECRET, Buffer.from(SECRET).toString("base64"), JSON.stringify(SECRET).slice(1, -1)];
    for (const { file, text } of files) {
      for (const form of forms) {
        expect({ file, found: text.includes(form) }).toEqual({ file, found: false });
      }
    }
    expect(JSON.stringify(out.stacks)).not.toContain("db.internal");
  });
});
