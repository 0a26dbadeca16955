/**
 * Hostile input of three classes — secrets under other names, shell syntax in
 * probes, template and token text in labels and values — each either refused
 * with one clear error (path, field, value, what is allowed; never a secret's
 * value), or rendered in a way shown to be harmless.
 */
import * as fs from "fs";
import * as path from "path";
import { App, Lazy, Token } from "cdktf";
import {
  AlicloudEnvironment, DockerEnvironment, EnvValue, Image, Policies, Port, Probe, Release, Service, ServiceCatalog, ServiceProps,
  StageSettings, Stages,
} from "../../lib";
import { dockerHealthcheck } from "../../lib/platforms/docker/healthcheck";
import { BASE_PROPS } from "../platforms/alicloud/support";
import { formsFoundIn } from "../secrets/forms";
import { synthApp, synthError, tempApp } from "../support/synth";
import { Expected, expectOneError } from "./rejected";

const image = Image.fromRegistry("shop/app");
/** A stage that refuses plain secrets and checks nothing else. */
const STRICT: StageSettings = { ...Stages.test, policies: [Policies.noPlainSecrets()] };
const REDACTED_NAME = "(literal with a secret's name; value redacted)";
const REDACTED_SHAPE = "(literal shaped like a credential; value redacted)";

function docker(props: Partial<ServiceProps>, settings: StageSettings = STRICT): App {
  const catalog = new ServiceCatalog();
  new Service(catalog, "app", { image, ...props });
  const app = tempApp();
  new DockerEnvironment(app, "test", { catalog, release: Release.of({ app: "1.0.0" }), settings });
  return app;
}

function alicloud(props: Partial<ServiceProps>): App {
  const catalog = new ServiceCatalog();
  new Service(catalog, "app", { image, ...props });
  const app = tempApp();
  new AlicloudEnvironment(app, "prerelease", {
    ...BASE_PROPS, catalog, release: Release.of({ app: "1.0.0" }), settings: { ...Stages.prerelease, policies: [] },
  });
  return app;
}

const literal = (name: string, value: string) => ({ env: { [name]: EnvValue.literal(value) } });

describe("secrets under other names are refused, and the value is never shown", () => {
  test.each([
    ["ADMIN_PW", "Adm1n-pw-value", REDACTED_NAME],
    ["DBPASSWORD", "db-pass-value-1", REDACTED_NAME],
    ["SESSION_KEY", "session-key-value-1", REDACTED_NAME],
    ["db_pwd", "lower-case-pwd-1", REDACTED_NAME],
    ["GITHUBTOKEN", "plain-token-value", REDACTED_NAME],
    ["CLIENTSECRET", "client-secret-val", REDACTED_NAME],
    ["GOOGLE_CREDENTIALS", "cred-value-0001", REDACTED_NAME],
    ["DB_URL", "jdbc://orders:Pa55-jdbc@db:5432/orders", REDACTED_SHAPE],
    ["DATABASE_URL", "jdbc:mysql://app:s3cr3t-mysql@db:3306/shop", REDACTED_SHAPE],
    ["CALLBACK", "https://x.example.com/cb?password=hunter2-query", REDACTED_SHAPE],
    ["WEBHOOK", "https://api.example.com/v1/hook?a=1&token=tok-in-query-9", REDACTED_SHAPE],
    ["CONNECTION", "Server=db;User Id=app;Password=p4ss-conn-str", REDACTED_SHAPE],
    ["BROKER", "connect to amqp://shop:mq-pass-77@mq:5672/ at start", REDACTED_SHAPE],
  ])("env literal %s", (name, value, shown) => {
    const report = expectOneError(docker(literal(name, value)), "test",
      ["test/app", `env.${name}`, shown, "Secret.fromVariable"]);
    expect(formsFoundIn(report.message + JSON.stringify(report.violations), value)).toEqual([]);
  });

  test.each([
    ["SESSION", "session_key"],
    ["ADMIN", "admin_pw"],
    ["DB", "dbpassword"],
  ])("a plain variable whose name looks secret: %s from %s must be a Secret", (name, variable) => {
    expectOneError(docker({ env: { [name]: EnvValue.fromVariable(variable) } }), "test",
      ["test/app", `env.${name}`, `"${variable}"`, `Secret.fromVariable("${variable}")`]);
  });

  test.each([
    ["api-token", "label-token-value", REDACTED_NAME],
    ["source", "https://ci:label-pass-3@git.example.com/shop.git", REDACTED_SHAPE],
  ])("label %s", (key, value, shown) => {
    const report = expectOneError(docker({ labels: { [key]: value } }), "test",
      ["test/app", `labels.${key}`, shown, "a label without a secret"]);
    expect(formsFoundIn(report.message, value)).toEqual([]);
  });

  test("the test stage warns about a plain secret, without its value, and still writes the stack", () => {
    const app = docker(literal("ADMIN_PW", "test-stage-pw-1"), Stages.test);
    const doc = synthApp(app).stacks.test;
    expect(doc.resource.docker_container["app-1"].env).toContain("ADMIN_PW=test-stage-pw-1");
    const manifest = fs.readFileSync(path.join(app.outdir, "manifest.json"), "utf8");
    expect(manifest).toContain(`"message": "test/app: env.ADMIN_PW = ${REDACTED_NAME}`);
    expect(formsFoundIn(manifest, "test-stage-pw-1")).toEqual([]);
  });
});

describe("names and values that only look like secrets pass", () => {
  test.each([
    ["KEYBOARD_LAYOUT", "us"],
    ["MONKEY_COUNT", "3"],
    ["CACHE_KEY", "user-profile"],
    ["TOKENIZER_MODEL", "bpe"],
    ["PASSWORD_FILE", "/run/secrets/db"],
    ["HOME_URL", "https://shop.example.com/?q=1&page=2"],
  ])("%s = %s", (name, value) => {
    expect(synthError(docker(literal(name, value)))).toBeUndefined();
  });
});

describe("shell syntax in an http probe path is one wget argument, not a command", () => {
  test.each([
    "/health?a=1&b=2", "/h;touch$IFS/tmp/pwned", "/h`id`", "/h$(id)", "/h'\"quotes", "/h|cat${IFS}/etc/passwd", "/h>/tmp/out",
  ])("%s", (probePath) => {
    const doc = synthApp(docker({ ports: [Port.http(8080)], probe: Probe.http(8080, { path: probePath }) }, Stages.test)).stacks.test;
    const url = `http://127.0.0.1:8080${probePath}`;
    expect(dockerHealthcheck(Probe.http(8080, { path: probePath })).test).toEqual(["CMD", "wget", "-q", "-O", "/dev/null", url]);
    // In the stack, Terraform's template sequences in it are escaped; the argument count is the same.
    expect(doc.resource.docker_container["app-1"].healthcheck.test)
      .toEqual(["CMD", "wget", "-q", "-O", "/dev/null", url.replace(/\$\{/g, () => "$${")]);
  });

  test.each([
    ["a line break", "/h\ntouch /tmp/pwned"],
    ["a tab", "/h\tx"],
    ["a space", "/h x"],
  ])("a path with %s is refused", (_what, probePath) => {
    expectOneError(docker({ ports: [Port.http(8080)], probe: Probe.http(8080, { path: probePath }) }, Stages.test), "test",
      ["test/app", "probe.path", JSON.stringify(probePath), "an absolute path without spaces"]);
  });
});

/** The string cdktf writes for a number token: a special double. */
const NUMBER_MARKER = String(Token.asNumber(Lazy.numberValue({ produce: () => 1 })));

const rejected: [string, () => App, Expected][] = [
  ["a label value with a line break", () => docker({ labels: { team: "ops\nrm" } }, Stages.test),
    ["test/app", "labels.team", '"ops\\nrm"', "without control characters"]],
  ["a label value over 128 characters", () => docker({ labels: { team: "x".repeat(129) } }, Stages.test),
    ["test/app", "labels.team", `"${"x".repeat(129)}"`, "at most 128 characters"]],
  ["a label taking over the library's own", () => docker({ labels: { "org.cdktf-service-platform.service": "web" } }, Stages.test),
    ["test/app", "labels.org.cdktf-service-platform.service", '"org.cdktf-service-platform.service"', "the library's own labels"]],
  ["a label named like an SAE tag the library sets", () => alicloud({ labels: { service: "other" } }),
    ["prerelease/app", "labels.service", '"service"', "a key other than the tags the library sets"]],
  ["a label key Alibaba Cloud reserves", () => alicloud({ labels: { "aliyun-team": "ops" } }),
    ["prerelease/app", "labels.aliyun-team", '"aliyun-team"', "an Alibaba Cloud tag key"]],
  ["a label value with a URL, which Alibaba Cloud refuses in tags", () => alicloud({ labels: { docs: "https://wiki.example.com" } }),
    ["prerelease/app", "labels.docs", '"https://wiki.example.com"', "an Alibaba Cloud tag value"]],
  ["a forged list token marker in an env literal", () => docker(literal("LIST", "#{TfToken[TOKEN.3]}"), Stages.test),
    ["test/app", "env.LIST", '"#{TfToken[TOKEN.3]}"', "cdktf token markers"]],
  ["a forged map token marker in a label", () => docker({ labels: { team: "&{TfToken[TOKEN.3]}" } }, Stages.test),
    ["test/app", "labels.team", '"&{TfToken[TOKEN.3]}"', "cdktf token markers"]],
  ["a forged number token in an env literal", () => docker(literal("COUNT", `n=${NUMBER_MARKER}`), Stages.test),
    ["test/app", "env.COUNT", JSON.stringify(`n=${NUMBER_MARKER}`), "an encoded token number"]],
  ["a forged string token marker in a probe command", () => docker({ probe: Probe.command(["echo", "${TfToken[TOKEN.1]}"]) }, Stages.test),
    ["test/app", "probe.command[1]", '"${TfToken[TOKEN.1]}"', "such as a secret variable"]],
];

describe("template and token text that cannot be data is refused", () => {
  test.each(rejected)("%s", (_name, build, expected) => {
    expectOneError(build(), expected[0].split("/")[0], expected);
  });
});
