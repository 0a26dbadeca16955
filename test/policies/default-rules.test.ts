import {
  Duration, EnvValue, LogStore, Policies, PolicyContext, Port, Probe, Release, Route, Stages, Violation,
} from "../../lib";
import { app, contextOf } from "./context";

/** What the stage's own policies find in `context`. */
function found(context: PolicyContext): Violation[] {
  return context.settings.policies.flatMap((policy) => policy.check(context));
}

const probe = Probe.tcp(8080);
const routedWithProbe = { ports: [Port.http(8080, { route: Route.internal() })], probe };

describe("the sets of the three stages", () => {
  const names = (policies: readonly { name: string }[]) => policies.map((p) => p.name);

  test("production enforces every default rule", () => {
    expect(names(Stages.production.policies)).toEqual([
      "min-replicas", "probes", "pinned-images", "min-zones", "log-retention", "deletion-protection", "route-exposure",
      "no-plain-secrets", "rollout-batches", "autoscaling", "alarms", "store-safety", "store-exposure",
    ]);
  });

  test("prerelease enforces the same but deletion protection, alarms and the stores' safety", () => {
    expect(names(Stages.prerelease.policies))
      .toEqual(names(Stages.production.policies).filter((n) => !["deletion-protection", "alarms", "store-safety"].includes(n)));
  });

  test("test checks names and structure, and only warns about plain secrets", () => {
    expect(names(Stages.test.policies)).toEqual(["no-plain-secrets"]);
    const context = contextOf(app({ env: { ADMIN_PW: EnvValue.literal("hunter2"), SESSION_KEY: EnvValue.fromVariable("session_key") } }),
      Release.of({ app: "1.0.0" }), Stages.test);
    expect(found(context).map((v) => [v.field, v.severity, v.rule])).toEqual([
      ["env.ADMIN_PW", "warning", "no-plain-secrets"],
      ["env.SESSION_KEY", "warning", "no-plain-secrets"],
    ]);
  });

  test("a well-formed production environment passes every rule", () => {
    expect(found(contextOf(app(routedWithProbe)))).toEqual([]);
  });
});

describe("min-replicas", () => {
  test("production refuses a single instance, naming service, count and the minimum", () => {
    expect(found(contextOf(app({ replicas: 1, probe })))).toEqual([{
      path: "production/app", field: "replicas", value: "1", rule: "min-replicas", severity: "error",
      allowed: expect.stringContaining('at least 2 instances in stage "production"'),
    }]);
  });

  test("a release's replica count counts, either way", () => {
    const lowered = Release.of({ app: { version: "1.0.0", replicas: 1 } });
    expect(found(contextOf(app({ replicas: 3 }), lowered)).map((v) => v.value)).toEqual(["1"]);
    const raised = Release.of({ app: { version: "1.0.0", replicas: 2 } });
    expect(found(contextOf(app({ replicas: 1 }), raised))).toEqual([]);
  });

  test("prerelease allows one instance", () => {
    expect(found(contextOf(app({ replicas: 1 }), undefined, Stages.prerelease))).toEqual([]);
  });

  test("lowering settings.minReplicas does not lower production's floor; raising it raises the bar", () => {
    const lowered = { ...Stages.production, minReplicas: 1 };
    expect(found(contextOf(app({ replicas: 1 }), undefined, lowered)).map((v) => v.rule)).toEqual(["min-replicas"]);
    const raised = { ...Stages.production, minReplicas: 3 };
    expect(found(contextOf(app({ replicas: 2 }), undefined, raised))[0].allowed).toContain("at least 3 instances");
  });
});

describe("probes", () => {
  test("a routed service without a probe is refused", () => {
    expect(found(contextOf(app({ ports: [Port.http(8080), Port.http(9090, { route: Route.internal() })] })))).toEqual([{
      path: "production/app", field: "probe", value: "(not set)", rule: "probes", severity: "error",
      allowed: expect.stringContaining("a readiness and liveness probe (Probe.http, Probe.tcp or Probe.command): ports[1] is routed"),
    }]);
  });

  test("a service without routes may run without a probe", () => {
    expect(found(contextOf(app({ ports: [Port.tcp(5432)] })))).toEqual([]);
  });
});

describe("pinned-images", () => {
  test.each(["1.4.2", "v1.4.2", "0.0.1", "1.4.2-rc.1", "1.4.2-alpine", "2024.5.17", `sha256:${"ab".repeat(32)}`])(
    "%s is pinned", (version) => {
      expect(found(contextOf(app(), Release.of({ app: version })))).toEqual([]);
    });

  test.each(["latest", "stable", "main", "1", "1.2", "v1", "1.2.x", "1.4.2-latest", "1.4.2-SNAPSHOT", "01.2.3", "feature-x"])(
    "%s floats", (version) => {
      expect(found(contextOf(app(), Release.of({ app: version })))).toEqual([{
        path: "production/app", field: "release.version", value: JSON.stringify(version), rule: "pinned-images",
        severity: "error", allowed: expect.stringContaining("a full MAJOR.MINOR.PATCH version such as 1.4.2 or 1.4.2-rc.1, or a sha256: digest"),
      }]);
    });
});

describe("min-zones", () => {
  test("production needs settings.minZones of at least 2", () => {
    expect(found(contextOf(app(), undefined, { ...Stages.production, minZones: 1 }))).toEqual([{
      path: "production", field: "settings.minZones", value: "1", rule: "min-zones", severity: "error",
      allowed: expect.stringContaining('at least 2 in stage "production"'),
    }]);
  });
});

describe("log-retention", () => {
  test("production keeps logs 30 days, by default and in every store", () => {
    const short = { ...Stages.production, logRetention: Duration.days(7), minLogRetention: Duration.days(7) };
    expect(found(contextOf(app({ logs: LogStore.stdout("app", { retention: Duration.days(14) }) }), undefined, short))).toEqual([
      expect.objectContaining({ path: "production", field: "settings.logRetention", value: "7d", rule: "log-retention",
        allowed: expect.stringContaining('at least 30d in stage "production"') }),
      expect.objectContaining({ path: "production/app", field: "logs.retention", value: "14d", rule: "log-retention" }),
    ]);
    expect(found(contextOf(app({ logs: LogStore.stdout("app", { retention: Duration.days(90) }) })))).toEqual([]);
  });

  test("prerelease holds stores to the stage's own minimum", () => {
    const week = { ...Stages.prerelease, minLogRetention: Duration.days(7) };
    const stores = app({ logs: LogStore.files("app", ["/var/log/app.log"], { retention: Duration.days(3) }) });
    expect(found(contextOf(stores, undefined, Stages.prerelease))).toEqual([]);
    expect(found(contextOf(stores, undefined, week)).map((v) => [v.field, v.allowed.slice(0, 11)])).toEqual([["logs.retention", "at least 7d"]]);
  });
});

describe("deletion-protection", () => {
  test("production must turn it on; prerelease may leave it off", () => {
    expect(found(contextOf(app(), undefined, { ...Stages.production, deletionProtection: false }))).toEqual([{
      path: "production", field: "settings.deletionProtection", value: "false", rule: "deletion-protection", severity: "error",
      allowed: expect.stringContaining("the load balancer, image registry and log project must refuse deletion"),
    }]);
    expect(found(contextOf(app(), undefined, Stages.prerelease))).toEqual([]);
  });
});

describe("route-exposure", () => {
  test("internet exposure itself is left to the platform rules, so it is reported once and cannot be relaxed", () => {
    const closed = { ...Stages.production, allowInternet: false };
    const route = Route.public({ domains: ["shop.example.com"] });
    expect(found(contextOf(app({ ports: [Port.http(8080, { route })], probe }), undefined, closed))).toEqual([]);
  });

  test("a public route without domains is a warning", () => {
    expect(found(contextOf(app({ ports: [Port.http(8080, { route: Route.public() })], probe })))).toEqual([{
      path: "production/app", field: "ports[0].route.domains", value: "[]", rule: "route-exposure", severity: "warning",
      allowed: expect.stringContaining("answers every host name pointed at the load balancer"),
    }]);
  });
});

describe("no-plain-secrets", () => {
  const env = (values: Record<string, EnvValue>) => found(contextOf(app({ env: values })));

  test("a literal under a secret's name is refused without showing the value", () => {
    expect(env({ DB_PASSWORD: EnvValue.literal("hunter2-but-longer") })).toEqual([{
      path: "production/app", field: "env.DB_PASSWORD", value: "(literal with a secret's name; value redacted)",
      rule: "no-plain-secrets", severity: "error",
      allowed: expect.stringContaining('secrets: { DB_PASSWORD: Secret.fromVariable("<variable>") }'),
    }]);
  });

  test("a literal shaped like a credential is refused under any name, without showing it", () => {
    const url = "postgres://orders:s3cr3t-pw@db.internal:5432/orders";
    const [violation] = env({ DATABASE_URL: EnvValue.literal(url) });
    expect(violation).toMatchObject({ field: "env.DATABASE_URL", value: "(literal shaped like a credential; value redacted)" });
    expect(JSON.stringify(violation)).not.toContain("s3cr3t-pw");
  });

  test("a plain variable under a secret's name is refused: plans would print it", () => {
    expect(env({ API_TOKEN: EnvValue.fromVariable("api_token") })).toEqual([expect.objectContaining({
      field: "env.API_TOKEN", value: '"api_token"', allowed: expect.stringContaining('Secret.fromVariable("api_token")'),
    })]);
    expect(env({ UPSTREAM: EnvValue.fromVariable("upstream_password") }).map((v) => v.field)).toEqual(["env.UPSTREAM"]);
  });

  test("configuration about secrets, and plain values, pass", () => {
    expect(env({
      DB_PASSWORD_FILE: EnvValue.literal("/run/secrets/db_password"),
      TOKEN_TTL: EnvValue.literal("3600"),
      ORDERS_API_URL: EnvValue.literal("http://orders-api:8085"),
      COMMIT: EnvValue.literal("4f2a9c0d1e7b3a5f6c8d9e0f1a2b3c4d5e6f7a8b"),
      LOG_LEVEL: EnvValue.literal("info"),
      DB_HOST: EnvValue.fromVariable("orders_db_host"),
    })).toEqual([]);
  });
});

describe("policies adjusted by a team", () => {
  test("a downgraded rule still reports, as a warning", () => {
    const settings = Policies.warnOnly(Stages.production, "min-replicas");
    expect(found(contextOf(app({ replicas: 1 }), undefined, settings))).toEqual([
      expect.objectContaining({ rule: "min-replicas", severity: "warning", value: "1" }),
    ]);
  });
});
