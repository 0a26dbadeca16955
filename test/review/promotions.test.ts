import { ResourceChange, parseImage, promotionTable } from "../../lib/review";

const image = (address: string, before?: string, after?: string): ResourceChange => ({
  address, type: "docker_image", action: before === after ? "no-op" : "replace", attributes: [],
  before: before === undefined ? undefined : { name: before }, after: after === undefined ? undefined : { name: after },
});

describe("image references", () => {
  test.each([
    ["localhost:5000/shop/web:1.4.0", "web", "1.4.0"],
    ["shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/orders-api:2.0.3", "orders-api", "2.0.3"],
    ["registry.example.com:5000/shop/worker", "worker", "latest"],
    ["shop/web@sha256:0123abcd", "web", "sha256:0123abcd"],
    ["nginx:stable", "nginx", "stable"],
  ])("%s is %s at %s", (reference, service, version) => {
    expect(parseImage(reference)).toEqual({ service, version });
  });
});

describe("promotion table", () => {
  test("without platform labels, docker_image names give service and version", () => {
    const rows = promotionTable([
      { stack: "test", variables: [], settings: [], unknownReplacementTypes: [], resources: [
        image("docker_image.api", "localhost:5000/shop/api:1.0.0", "localhost:5000/shop/api:1.1.0"),
        image("docker_image.cache", undefined, "redis:7"),
      ] },
      { stack: "staging", variables: [], settings: [], unknownReplacementTypes: [], resources: [
        image("docker_image.api", "localhost:5000/shop/api:1.0.0", "localhost:5000/shop/api:1.0.0"),
      ] },
    ]);
    expect(rows).toEqual([
      { service: "api", environments: { test: { before: "1.0.0", after: "1.1.0" }, staging: { before: "1.0.0", after: "1.0.0" } } },
      { service: "redis", environments: { test: { before: undefined, after: "7" } } },
    ]);
  });
});
