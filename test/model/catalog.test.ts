/**
 * A catalog declared with its service names checks every service name and
 * every release key at compile time (each `@ts-expect-error` below fails the
 * type check if the line compiles), and the releases it builds are the same
 * as `Release.of` at run time.
 */
import { Image, Release, Service, ServiceCatalog } from "../../lib";

const image = Image.fromRegistry("shop/app");

function shop(): ServiceCatalog<"web" | "orders-api"> {
  const catalog = new ServiceCatalog<"web" | "orders-api">();
  const api = new Service(catalog, "orders-api", { image });
  new Service(catalog, "web", { image, dependsOn: [api] });
  return catalog;
}

describe("a catalog declared with its service names", () => {
  test("builds a release naming each of them", () => {
    const release = shop().release({ web: "1.3.0", "orders-api": { version: "2.1.0", replicas: 3 } });
    expect(release).toBeInstanceOf(Release);
    expect(release.entries()).toEqual([["web", { version: "1.3.0" }], ["orders-api", { version: "2.1.0", replicas: 3 }]]);
  });

  test("refuses, at compile time, a release key that names no service", () => {
    const entries = { web: "1.3.0", "orders-api": "2.1.0" };
    // @ts-expect-error "orders-apii" is not a service of the catalog
    const release = shop().release({ ...entries, "orders-apii": "2.1.0" });
    // At run time the entry is there; the environment reports it as an error (test/validation/bad-input.test.ts).
    expect(release.versionOf("orders-apii")).toBe("2.1.0");
  });

  test("refuses, at compile time, a release that leaves a service out", () => {
    // @ts-expect-error "orders-api" has no version
    const release = shop().release({ web: "1.3.0" });
    expect(release.versionOf("orders-api")).toBeUndefined();
  });

  test("refuses, at compile time, a service whose name it does not declare", () => {
    const catalog = shop();
    // @ts-expect-error "webb" is not declared
    const typo = new Service(catalog, "webb", { image });
    expect(catalog.services.map((s) => s.name)).toEqual(["orders-api", "web", typo.name]);
  });

  test("without declared names, any name compiles and is checked when an environment synthesizes", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "anything", { image });
    expect(catalog.release({ anything: "1.0.0", other: "2.0.0" }).entries()).toHaveLength(2);
  });
});
