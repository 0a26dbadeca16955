import { spawnSync } from "child_process";
import * as path from "path";
import { EnvValue, Image, LogStore, Port, Probe, Release, Route, Service } from "../../lib";
import { renderMermaid } from "../../lib/review";
import { runPlanReview } from "../../lib/review/cli";
import { ExampleChange, synthExample, without } from "./example-app";
import { exampleOutput, recordingIo, reviewDirs } from "./support";

// Each environment's picture, drawn from the synthesized example App on both
// sides of a change, and parsed by Mermaid itself as GitHub and GitLab do.

/** Mermaid's own parser on each diagram: null where it parses, its error where not. */
function parseErrors(diagrams: readonly string[]): (string | null)[] {
  const result = spawnSync(process.execPath, [path.join(__dirname, "mermaid-check.mjs")], { input: JSON.stringify(diagrams), encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as (string | null)[];
}

/** The Mermaid blocks of a report. */
const blocks = (markdown: string) => [...markdown.matchAll(/```mermaid\n([^`]*)```/g)].map((m) => m[1]);

const review = (change: ExampleChange) => reviewDirs(exampleOutput(), synthExample(change));

describe("the topology picture", () => {
  test("production as the example App draws it: internet, load balancers, routes, services, dependencies, stores, logs", () => {
    const { review: r } = reviewDirs(exampleOutput(), exampleOutput());
    expect(r.topologies.map((t) => t.stack)).toEqual(["test", "prerelease", "production"]);
    expect(renderMermaid(r.topologies.find((t) => t.stack === "production")!)).toEqual([
      "flowchart LR",
      '  n0(("internet"))',
      '  n1(["internal load balancer production-internal"])',
      '  n2(["public load balancer production-public"])',
      '  n3["orders-api<br/>2.0.3 ×2"]',
      '  n4["web<br/>1.2.0 ×3"]',
      '  n5["worker<br/>1.0.4 ×2"]',
      '  n6[("database instance store-orders-db")]',
      '  n7[("Redis instance store-cache")]',
      '  n8[("log project production-logs-…")]',
      "  n0 --> n2",
      "  n3 -.- n8",
      "  n4 -.- n8",
      "  n5 -.- n8",
      '  n2 -->|"shop.example.com/ :80"| n4',
      '  n1 -->|":8085"| n3',
      "  n3 -.-> n6",
      "  n4 -.-> n3",
      "  n4 -.-> n7",
      "  n5 -.-> n3",
    ]);
    expect(renderMermaid(r.topologies.find((t) => t.stack === "test")!)).toEqual([
      "flowchart LR",
      '  n0(("this host (127.0.0.1)"))',
      '  n1(["load balancer test-lb"])',
      '  n2["orders-api<br/>2.1.0 ×2"]',
      '  n3["web<br/>1.3.0 ×2"]',
      '  n4["worker<br/>1.0.4 ×2"]',
      '  n5[("store container store-cache")]',
      '  n6[("store container store-orders-db")]',
      "  n0 --> n1",
      '  n1 -->|"shop.example.com :80"| n3',
      '  n1 -->|":8085"| n2',
      "  n2 -.-> n6",
      "  n3 -.-> n2",
      "  n3 -.-> n5",
      "  n4 -.-> n2",
    ]);
  });

  test("what a change adds, removes and changes is marked, and every diagram of the report parses", () => {
    const { markdown, review: r } = review({
      services: {
        // orders-api made public: its internal route goes, a public one comes (its application stays as it is); worker removed.
        "orders-api": { props: (p) => ({ ...p, ports: [Port.http(8085, { route: Route.public({ domains: ["api.example.com"] }) })] }) },
        worker: null,
      },
      releases: {
        test: (x) => without(x.with("web", "1.4.0"), "worker"),
        prerelease: (x) => without(x, "worker"),
        production: (x) => without(x.with("web", { version: "1.2.0", replicas: 2 }), "worker"),
      },
    });
    const production = renderMermaid(r.topologies.find((t) => t.stack === "production")!);
    expect(production).toEqual([
      "flowchart LR",
      '  n0(("internet"))',
      '  n1(["− internal load balancer production-internal"])',
      '  n2(["public load balancer production-public"])',
      '  n3["orders-api<br/>2.0.3 ×2"]',
      '  n4["~ web<br/>1.2.0 ×3 → 2"]',
      '  n5["− worker<br/>1.0.4 ×2"]',
      '  n6[("database instance store-orders-db")]',
      '  n7[("Redis instance store-cache")]',
      '  n8[("log project production-logs-…")]',
      "  n0 --> n2",
      "  n3 -.- n8",
      "  n4 -.- n8",
      '  n2 -->|"+ api.example.com/ :80"| n3',
      '  n2 -->|"shop.example.com/ :80"| n4',
      "  n3 -.-> n6",
      "  n4 -.-> n3",
      "  n4 -.-> n7",
      '  n5 -.-|"− removed"| n8',
      '  n1 -->|"− :8085"| n3',
      '  n5 -.->|"− removed"| n3',
      "  classDef removed fill:#ffeef0,stroke:#cb2431,stroke-width:2px,stroke-dasharray:5 3",
      "  class n1,n5 removed",
      "  classDef changed fill:#fff5b1,stroke:#b08800,stroke-width:2px",
      "  class n4 changed",
      "  linkStyle 3 stroke:#22863a,stroke-width:2px",
      "  linkStyle 8 stroke:#cb2431,stroke-width:2px,stroke-dasharray:5 3",
      "  linkStyle 9 stroke:#cb2431,stroke-width:2px,stroke-dasharray:5 3",
      "  linkStyle 10 stroke:#cb2431,stroke-width:2px,stroke-dasharray:5 3",
    ]);
    expect(markdown).toContain("<details open><summary>Topology of <b>production</b>: 2 services, 1 load balancer, 2 stores, 1 log project — changes −internal load balancer production-internal, ~web, −worker, routes or dependencies</summary>");
    const diagrams = blocks(markdown);
    expect(diagrams).toHaveLength(3);
    expect(parseErrors(diagrams)).toEqual([null, null, null]);
  });

  test("a service added is marked new, with its route, its dependency and its logs", () => {
    const search = (release: Release) => release.with("search", "1.0.0");
    const { review: r } = review({
      add: (catalog) => {
        const ordersApi = catalog.services.find((x) => x.name === "orders-api")!;
        new Service(catalog, "search", {
          image: Image.fromRegistry("shop/search"), replicas: 2, probe: Probe.tcp(8090), resources: ordersApi.resources,
          ports: [Port.http(8090, { route: Route.internal({ listenerPort: 8090 }) })],
          env: { ORDERS_API_HOST: EnvValue.hostOf(ordersApi) }, dependsOn: [ordersApi], logs: LogStore.stdout("search"),
        });
      },
      releases: { test: search, prerelease: search, production: search },
    });
    const production = renderMermaid(r.topologies.find((t) => t.stack === "production")!);
    expect(production.filter((line) => line.includes("+") || / added|linkStyle/.test(line))).toEqual([
      '  n4["+ search<br/>1.0.0 ×2"]',
      '  n4 -.-|"+ new"| n9',
      '  n1 -->|"+ :8090"| n4',
      '  n4 -.->|"+ new"| n3',
      "  classDef added fill:#e6ffed,stroke:#22863a,stroke-width:2px",
      "  class n4 added",
      "  linkStyle 2 stroke:#22863a,stroke-width:2px",
      "  linkStyle 7 stroke:#22863a,stroke-width:2px",
      "  linkStyle 9 stroke:#22863a,stroke-width:2px",
    ]);
    expect(parseErrors([production.join("\n")])).toEqual([null]);
  });
});

describe("plan-review --graph (npm run graph)", () => {
  test("prints each environment's diagram, the same the report shows; with --base, what changes is marked", async () => {
    const head = synthExample({ releases: { production: (x) => x.with("web", { version: "1.2.0", replicas: 2 }) } });
    const io = recordingIo(process.cwd());
    expect(await runPlanReview(["--graph", "--head", head, "--base", exampleOutput()], io)).toBe(0);
    const { review: r, markdown } = reviewDirs(exampleOutput(), head);
    expect(io.out).toBe(r.topologies.map((t) => ["### " + t.stack, "", "```mermaid", ...renderMermaid(t), "```", ""].join("\n")).join("\n"));
    expect(blocks(io.out)).toEqual(blocks(markdown));
    expect(io.out).toContain('["~ web<br/>1.2.0 ×3 → 2"]');
  });

  test("npm run graph synthesizes the project's App and prints one environment when asked", () => {
    const root = path.join(__dirname, "../..");
    const result = spawnSync("npm", ["run", "-s", "graph", "--", "--environments", "production"], { cwd: root, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const { review: r } = reviewDirs(exampleOutput(), exampleOutput());
    expect(result.stdout).toBe(["### production", "", "```mermaid", ...renderMermaid(r.topologies.find((t) => t.stack === "production")!), "```", ""].join("\n"));
  }, 120_000);
});
