/**
 * The escaping sink (lib/environments/template-escaping.ts): text becomes
 * Terraform data, the library's own tokens stay live, places Terraform reads
 * literally are left alone — checked on real synthesized stacks and read back
 * by a real Terraform.
 */
import { LocalBackend, TerraformOutput, TerraformVariable } from "cdktf";
import {
  DockerEnvironment, EnvValue, Image, Release, Secret, Service, ServiceCatalog,
} from "../../lib";
import { escapeTemplateText } from "../../lib/environments/template-escaping";
import { render, one } from "../platforms/alicloud/support";
import { synthApp, tempApp } from "../support/synth";
import { terraformReads } from "../support/terraform";

function dockerStack(props: { env?: Record<string, EnvValue>; secrets?: Record<string, Secret> } = {}) {
  const catalog = new ServiceCatalog();
  new Service(catalog, "app", { image: Image.fromRegistry("shop/app"), ...props });
  const app = tempApp();
  const stack = new DockerEnvironment(app, "test", { catalog, release: Release.of({ app: "1.0.0" }) });
  return { app, stack };
}

const variable = (stack: DockerEnvironment, name: string) =>
  stack.node.findChild("variables").node.findChild(name) as TerraformVariable;

describe("escaping text", () => {
  test.each([
    ["${x}", "$${x}"],
    ["%{ if a }b%{ endif }", "%%{ if a }b%%{ endif }"],
    ["$${already}", "$$${already}"],
    ["%%{twice}", "%%%{twice}"],
    ["$ and % and { alone", "$ and % and { alone"],
    ["${${nested}}", "$${$${nested}}"],
  ])("%s is written %s, which Terraform reads back as the text", (text, escaped) => {
    expect(escapeTemplateText(text)).toBe(escaped);
  });

  test("Terraform reads every escaped text back unchanged", () => {
    const texts = ["${x}", "%{ if a }b%{ endif }", "$${already}", "%%{twice}", "${${nested}}", '${file("/etc/passwd")}', "a$b%c{d}"];
    expect(terraformReads(texts.map(escapeTemplateText)).values).toEqual(texts);
  });
});

describe("the sink on a synthesized stack", () => {
  test("a literal next to a library token: the text is escaped, the token stays a live reference", () => {
    const { json } = render(one({ env: { A: EnvValue.literal("open ${ and never closed"), B: EnvValue.fromVariable("b") } }));
    const envs = json.resource.alicloud_sae_application["app-app"].envs;
    // cdktf reads a bare `${` in a string that holds a token as the start of an expression; the sink's escape survives it.
    expect(envs).toBe('[{"name":"A","value":"open $${ and never closed"},{"name":"B","value":${jsonencode(var.b)}}]');
  });

  test("a team's own output: a plain \"${…}\" string is text, a token is a reference", () => {
    const { app, stack } = dockerStack({ secrets: { DB_PASSWORD: Secret.fromVariable("db_password") } });
    new TerraformOutput(stack, "text", { value: "${var.db_password}" });
    new TerraformOutput(stack, "reference", { value: variable(stack, "db_password").stringValue, sensitive: true });
    const output = synthApp(app).stacks.test.output;
    expect(output.text.value).toBe("$${var.db_password}");
    expect(output.reference.value).toBe("${var.db_password}");
  });

  test("descriptions and the terraform block are read literally by Terraform, so they are left as written", () => {
    const description = "host of ${team} %{ if x }";
    const { app, stack } = dockerStack({ env: { DB_HOST: EnvValue.fromVariable("db_host", { description }) } });
    new LocalBackend(stack, { path: "state/${x}.tfstate" });
    new TerraformOutput(stack, "host", { value: variable(stack, "db_host").stringValue, description });
    const doc = synthApp(app).stacks.test;
    expect(doc.variable.db_host.description).toBe(description);
    expect(doc.output.host).toEqual({ value: "${var.db_host}", description });
    expect(doc.terraform.backend.local.path).toBe("state/${x}.tfstate");
    expect(terraformReads([], [description]).descriptions).toEqual([description]);
  });

  test("every string and map key of a resource is escaped, cdktf's metadata is not", () => {
    const { app } = dockerStack({ env: { GREETING: EnvValue.literal("${x}") } });
    const doc = synthApp(app).stacks.test;
    const container = doc.resource.docker_container["app-1"];
    expect(container.env).toEqual(["GREETING=$${x}"]);
    // The replica's generation is the library's own expression: it stays live.
    expect(container.name).toMatch(/^app-1_[^$]*-\$\{substr\(sha256\(jsonencode\(\["[0-9a-f]{16}", docker_image\./);
    expect(container["//"]).toEqual({ metadata: { path: "test/app-1", uniqueId: "app-1" } });
  });

  test("the HCL output goes through the same sink", () => {
    const { stack } = dockerStack({ env: { GREETING: EnvValue.literal("${x} %{y}") } });
    const hcl: string = stack.toHclTerraform().hcl;
    expect(hcl).toContain("GREETING=$${x} %%{y}");
    expect(hcl).not.toMatch(/[^$]\$\{x\}/);
  });
});
