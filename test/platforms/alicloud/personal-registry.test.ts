import { Stages } from "../../../lib";
import { one, render, resources, stage } from "./support";

describe("AlicloudEnvironment: images from ACR Personal Edition", () => {
  test("SAE pulls by URL from the VPC endpoint of the environment's region, without an Enterprise instance", () => {
    const { json } = render(one(), { registry: { personal: {} } });
    const app = resources(json, "alicloud_sae_application")["app-app"];
    expect(app.image_url).toBe("registry-vpc.cn-hangzhou.aliyuncs.com/shop/app:1.0.9");
    expect(app).not.toHaveProperty("acr_instance_id");
    for (const type of ["alicloud_cr_ee_instance", "alicloud_cr_ee_namespace", "alicloud_cr_ee_repo", "alicloud_cr_vpc_endpoint_linked_vpc",
      "alicloud_cr_namespace", "alicloud_cr_repo"]) {
      expect({ type, count: Object.keys(resources(json, type)).length }).toEqual({ type, count: 0 });
    }
  });

  test("the internet endpoint may serve another region", () => {
    const { json } = render(one(), { registry: { personal: { region: "cn-shanghai", endpoint: "internet" } } });
    expect(resources(json, "alicloud_sae_application")["app-app"].image_url)
      .toBe("registry.cn-shanghai.aliyuncs.com/shop/app:1.0.9");
  });

  test("managed repositories: one namespace per image namespace, one private repository per image, protected in production", () => {
    const build = (c: Parameters<ReturnType<typeof one>>[0]) => {
      one({ replicas: 2 }, "web")(c);
      one({ replicas: 2 }, "api")(c);
    };
    const { json } = render(build, { registry: { personal: { manageRepositories: true } }, settings: stage(Stages.production) }, "production");
    expect(resources(json, "alicloud_cr_namespace")).toEqual({
      "registry-namespace-shop": { name: "shop", auto_create: false, default_visibility: "PRIVATE", lifecycle: { prevent_destroy: true } },
    });
    expect(resources(json, "alicloud_cr_repo")).toEqual({
      "registry-repo-shop-web": {
        namespace: "${alicloud_cr_namespace.registry-namespace-shop.name}", name: "web", repo_type: "PRIVATE",
        summary: "Images of web", lifecycle: { prevent_destroy: true },
      },
      "registry-repo-shop-api": {
        namespace: "${alicloud_cr_namespace.registry-namespace-shop.name}", name: "api", repo_type: "PRIVATE",
        summary: "Images of api", lifecycle: { prevent_destroy: true },
      },
    });
  });

  test("the Enterprise Edition path is unchanged: the instance id goes to SAE", () => {
    const { json } = render(one());
    const app = resources(json, "alicloud_sae_application")["app-app"];
    expect(app.image_url).toBe("shop-registry-vpc.cn-hangzhou.cr.aliyuncs.com/shop/app:1.0.9");
    expect(app.acr_instance_id).toBe("cri-test0001");
  });
});
