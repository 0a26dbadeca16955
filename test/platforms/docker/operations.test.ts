/**
 * Docker, the test stage, cannot scale, route a canary or raise an alarm: it
 * runs the floor, renders neither a canary nor alarms, and says what it did
 * not honour as a warning on the service.
 */
import { Testing } from "cdktf";
import {
  Alarms, Autoscaling, Canary, DockerEnvironment, Image, Port, Probe, Release, Route, ScalingTarget, Service, ServiceCatalog,
  ServiceProps,
} from "../../../lib";

function render(props: Partial<ServiceProps>, release: Release) {
  const catalog = new ServiceCatalog();
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    ports: [Port.http(8080, { route: Route.internal({ listenerPort: 8080 }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
    ...props,
  });
  const stack = new DockerEnvironment(Testing.app(), "test", { catalog, release });
  const json = JSON.parse(Testing.synth(stack));
  return {
    replicas: Object.keys(json.resource.docker_container).filter((id) => /^web-\d+$/.test(id)).sort(),
    types: Object.keys(json.resource).sort(),
    warnings: stack.report.filter((v) => v.severity === "warning").map((v) => [v.path, v.field, v.value, v.allowed, v.rule]),
  };
}

const autoscaling = Autoscaling.between(2, 10, { targets: [ScalingTarget.cpu(70)] });

describe("autoscaling, canaries and alarms on Docker", () => {
  test("an autoscaled service runs its floor, autoscaling.min, and the platform says autoscaling is not simulated", () => {
    expect(render({ autoscaling }, Release.of({ web: "1.0.0" }))).toEqual({
      replicas: ["web-1", "web-2"],
      types: ["docker_container", "docker_image", "docker_network", "docker_volume"],
      warnings: [["test/web", "autoscaling", "2-10 instances on cpu 70%",
        "rendered as 2 fixed instances: Docker does not simulate autoscaling: the containers run the floor " +
        "(the release's replica count, else autoscaling.min)", "not-honoured"]],
    });
  });

  test("the release's replica count is the floor", () => {
    expect(render({ autoscaling }, Release.of({ web: { version: "1.0.0", replicas: 3 } })).replicas).toEqual(["web-1", "web-2", "web-3"]);
  });

  test("a canary is not rendered: every replica runs the release's version, and the platform says so", () => {
    const release = Release.of({ web: { version: "1.1.0", canary: Canary.forRequests({ cookies: { tester: "canary" } }) } });
    const { replicas, warnings } = render({ replicas: 2 }, release);
    expect(replicas).toEqual(["web-1", "web-2"]);
    expect(warnings).toEqual([["test/web", "release.canary", '["cookie tester"]',
      "dropped: Docker has no canary: every replica runs the release's version and takes any request", "not-honoured"]]);
  });

  test("no alarm is rendered and nothing is warned: Docker is the test stage", () => {
    const quiet = render({ replicas: 2, alarms: Alarms.defaults({ cpuPercent: 60 }) }, Release.of({ web: "1.0.0" }));
    expect(quiet.types.filter((t) => !t.startsWith("docker_"))).toEqual([]);
    expect(quiet.warnings).toEqual([]);
  });

  test("alerting, which TypeScript refuses on Docker, is refused at synth when JavaScript passes it", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "web", { image: Image.fromRegistry("shop/web") });
    const props = { catalog, release: Release.of({ web: "1.0.0" }), alerting: { contacts: ["oncall"] } };
    // Not an object literal, so TypeScript does not check it for properties it does not know: as JavaScript passes it.
    const stack = new DockerEnvironment(Testing.app(), "test", props);
    expect(stack.report.filter((v) => v.severity === "error").map((v) => [v.path, v.field, v.value, v.allowed])).toEqual([[
      "test", "alerting", '{"contacts":["oncall"]}',
      "not set: Docker renders no alarms, so no one is notified; alerting belongs to an AlicloudEnvironment",
    ]]);
    // `npm run typecheck` fails should DockerEnvironment ever accept it as an object literal.
    // @ts-expect-error -- alerting is not an option of DockerEnvironment
    new DockerEnvironment(Testing.app(), "literal", { catalog, release: props.release, alerting: props.alerting });
  });
});
