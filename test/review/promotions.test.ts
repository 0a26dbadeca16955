import { Image } from "../../lib";
import { ResourceChange, StackChanges } from "../../lib/review";
import { promotionTable } from "../../lib/review/promotions";
import { parseImage } from "../../lib/review/workloads";
import { synthExample } from "./example-app";
import { exampleOutput, reviewDirs } from "./support";

const image = (address: string, before?: string, after?: string): ResourceChange => ({
  address, type: "docker_image", action: before === after ? "no-op" : "replace", attributes: [],
  before: before === undefined ? undefined : { name: before }, after: after === undefined ? undefined : { name: after },
});
const stack = (name: string, resources: ResourceChange[]): StackChanges =>
  ({ stack: name, variables: [], settings: [], unknownReplacementTypes: [], resources });

describe("image references", () => {
  test.each([
    ["localhost:5000/shop/web:1.4.0", "localhost:5000/shop/web", "1.4.0"],
    ["shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api:2.0.3", "shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api", "2.0.3"],
    ["registry.example.com:5000/shop/worker", "registry.example.com:5000/shop/worker", "latest"],
    ["shop/web@sha256:0123abcd", "shop/web", "sha256:0123abcd"],
    ["nginx:stable", "nginx", "stable"],
  ])("%s is %s at %s", (reference, repository, version) => {
    expect(parseImage(reference)).toEqual({ repository, version });
  });
});

describe("promotion table", () => {
  test("without platform labels, docker_image names give service and version", () => {
    const rows = promotionTable([
      stack("test", [
        image("docker_image.api", "localhost:5000/shop/api:1.0.0", "localhost:5000/shop/api:1.1.0"),
        image("docker_image.cache", undefined, "redis:7"),
      ]),
      stack("staging", [image("docker_image.api", "localhost:5000/shop/api:1.0.0", "localhost:5000/shop/api:1.0.0")]),
    ]);
    expect(rows.map((r) => [r.service, r.environments])).toEqual([
      ["api", { test: { before: "1.0.0", after: "1.1.0" }, staging: { before: "1.0.0", after: "1.0.0" } }],
      ["redis", { test: { after: "7" } }],
    ]);
  });

  test("an image repository named unlike its service adds no phantom row; load balancer and registry are not services", () => {
    const head = synthExample({
      services: { web: { props: (p) => ({ ...p, image: Image.fromRegistry("shop/storefront") }) } },
    });
    const { review, markdown } = reviewDirs(exampleOutput(), head);
    expect(review.promotions.map((r) => r.service)).toEqual(["orders-api", "web", "worker"]);
    expect(markdown).toContain("| Service | test | prerelease | production |");
    expect(markdown).toContain("| web | 1.3.0 ×2 | 1.3.0 ×2 | 1.2.0 ×3 |");
  });

  test("columns in promotion order, versions and replicas moving in bold", () => {
    const head = synthExample({
      releases: {
        prerelease: (r) => r.with("web", "1.4.0"),
        production: (r) => r.with("web", { version: "1.2.0", replicas: 2 }),
      },
    });
    const { markdown } = reviewDirs(exampleOutput(), head);
    expect(markdown).toContain("| web | 1.3.0 ×2 | **1.3.0 → 1.4.0** ×2 | 1.2.0 ×**3 → 2** |");
  });
});
