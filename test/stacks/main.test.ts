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
      "nginx:stable",
      "registry:2",
    ]);
    const network = "docker_network.network.name";
    const reads = {
      "orders-api": ["var.orders_db_host", "var.orders_db_user", "terraform_data.orders-api-secret-rotation.id", "docker_image.orders-api-image.image_id", network],
      web: ["docker_image.web-image.image_id", network],
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
    expect(Object.keys(test.docker_container)).toHaveLength(8);
    expect(test.docker_volume["registry-data"].name).toBe("test-registry-data");
  });

  test("each stack records how it was checked in its comment block, where Terraform does not look", () => {
    expect(out.stacks.production["//"]["cdktf-service-platform"]).toEqual({
      stage: "production",
      services: ["orders-api", "web", "worker"],
      // Production's own set, each stopping synthesis.
      policies: Stages.production.policies.map((p) => ({ name: p.name, enforcement: "error" })),
      adjustments: [],
    });
    expect(Stages.production.policies.map((p) => p.name)).toEqual(expect.arrayContaining(["min-replicas", "pinned-images", "deletion-protection"]));
    expect(out.stacks.test["//"]["cdktf-service-platform"]).toMatchObject({
      stage: "test", policies: [{ name: "no-plain-secrets", enforcement: "warning" }], adjustments: [],
    });
  });

  test("ops configuration and secrets are variables, not values", () => {
    const variables = out.stacks.test.variable;
    expect(Object.keys(variables).sort()).toEqual(["orders_db_host", "orders_db_password", "orders_db_user", "worker_queue_host"]);
    expect(variables.orders_db_password.sensitive).toBe(true);
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
