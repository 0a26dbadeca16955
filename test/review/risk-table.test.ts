import * as fs from "fs";
import * as path from "path";
import { TerraformResource, TerraformStack } from "cdktf";
import {
  Autoscaling, Cpu, Duration, EnvValue, LogStore, Policies, Port, Probe, Rollout, Route, Secret, Size, Stages,
} from "../../lib";
import { RISK_TABLE, Review, RiskKind, verdictLine } from "../../lib/review";
import { productionNetwork } from "../../stacks/production";
import { ExampleChange, renamedIn, synthExample, without } from "./example-app";
import { consequenceRiskTests } from "./consequence-risks";
import { operationsRiskTests } from "./operations-risks";
import { storeRiskTests } from "./store-risks";
import { exampleOutput, reviewDirs } from "./support";

// Every row of the risk table (lib/review/risk-table.ts, docs/plan-review.md),
// each from a real before/after pair: the example App's catalog, releases or
// environments changed as a pull request would change them, both sides
// synthesized in this process and reviewed.

const seen = new Set<RiskKind>();

/** The review's risk groups as `severity kind [service] message @ stack:severity,…` lines. */
function groups(review: Review): string[] {
  return review.riskGroups.map((g) => {
    seen.add(g.kind);
    return `${g.severity} ${g.kind} [${g.service ?? "-"}] ${g.message} @ ${g.stacks.map((s) => `${s.stack}:${s.severity}`).join(",")}`;
  });
}

/** Reviews the example App changed by `change` against `base` (the example App itself by default). */
function review(change: ExampleChange, base = exampleOutput()): Review {
  return reviewDirs(base, synthExample(change)).review;
}

const everywhere = (edit: (release: any) => any) => ({ test: edit, prerelease: edit, production: edit });

/** Network parts teams add next to the library's VPC: NAT gateway, EIP, PrivateZone. */
/** A resource added by escape hatch, as a team adds what the library does not render. */
function resource(stack: TerraformStack, id: string, type: string, attributes: Record<string, unknown>): TerraformResource {
  const r = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [name, value] of Object.entries(attributes)) r.addOverride(name, value);
  return r;
}

/** The id of a resource the stack already has, as a token (a reference Terraform resolves). */
const idOf = (stack: TerraformStack, id: string) => (stack.node.findChild(id) as TerraformResource).getStringAttribute("id");

/**
 * Network parts teams add next to the library's VPC: NAT gateway, EIP, PrivateZone. The
 * bootstrap's deployer policy has no RAM actions for them, so these Apps go without it.
 */
function networkExtras(options: { zone?: string; isp?: string } = {}): ExampleChange["stacks"] {
  return (s) => {
    const vpc = idOf(s.production, "vpc");
    const nat = resource(s.production, "nat", "alicloud_nat_gateway", { vpc_id: vpc, vswitch_id: idOf(s.production, "vswitch-cn-hangzhou-h"), nat_type: "Enhanced" });
    const eip = resource(s.production, "egress", "alicloud_eip_address", { address_name: "shop-egress", isp: options.isp ?? "BGP" });
    resource(s.production, "egress-nat", "alicloud_eip_association", { allocation_id: eip.getStringAttribute("id"), instance_id: nat.getStringAttribute("id") });
    const zone = resource(s.production, "zone", "alicloud_pvtz_zone", { zone_name: options.zone ?? "shop.internal" });
    resource(s.production, "zone-vpc", "alicloud_pvtz_zone_attachment", { zone_id: zone.getStringAttribute("id"), vpc_ids: [vpc] });
    resource(s.production, "db", "alicloud_pvtz_zone_record", { zone_id: zone.getStringAttribute("id"), rr: "db", type: "A", value: "10.20.1.10" });
  };
}

describe("network replaced", () => {
  test("a production VPC CIDR and zone change replaces the VPC, vSwitches, the intranet SLB and every application", () => {
    const moved = {
      cidrBlock: "10.30.0.0/16",
      zones: [
        { zoneId: "cn-hangzhou-h", cidrBlock: "10.30.1.0/24" },
        { zoneId: "cn-hangzhou-i", cidrBlock: "10.30.2.0/24" },
        { zoneId: "cn-hangzhou-k", cidrBlock: "10.30.3.0/24" },
      ],
    };
    expect(productionNetwork.zones.map((z) => z.zoneId)).toContain("cn-hangzhou-j");
    const r = review({ production: { network: moved } });
    // The database sits in the VPC's vSwitches: moving them replaces it, and its data is lost.
    expect(verdictLine(r)).toBe("⚠ production: network replaced, 3 services restarted, data lost");
    const network = (what: string) =>
      `high network-replaced [-] network ${what}; what runs in it loses its connections and the addresses it is reached by change @ production:high`;
    const down = (service: string) =>
      `high service-down [${service}] ${service} is down while its application is destroyed and created again: vpc_id changes (alicloud_vpc.vpc is replaced) @ production:high`;
    expect(groups(r)).toEqual([
      network("replaced: alicloud_slb_load_balancer.internal-load-balancer is destroyed and created again"),
      network("replaced: alicloud_vpc.vpc is destroyed and created again"),
      network("replaced: alicloud_vswitch.vswitch-cn-hangzhou-h is destroyed and created again"),
      network("replaced: alicloud_vswitch.vswitch-cn-hangzhou-i is destroyed and created again"),
      network("removed: alicloud_vswitch.vswitch-cn-hangzhou-j is destroyed"),
      down("orders-api"), down("web"), down("worker"),
      "high data-loss [-] alicloud_db_database.store-orders-db-database is destroyed and created again, losing the data in it @ production:high",
      "high data-loss [-] alicloud_db_instance.store-orders-db is destroyed and created again, losing every database on it @ production:high",
    ]);
  });

  test("NAT gateway, EIP and PrivateZone next to the VPC are replaced with it, and a zone or EIP of their own", () => {
    const base = synthExample({ stacks: networkExtras(), bootstrap: false });
    const kinds = (change: ExampleChange) =>
      review({ ...change, bootstrap: false }, base).risks.filter((x) => x.kind === "network-replaced").map((x) => x.subject).sort();
    // The PrivateZone attachment lists the VPC among others and is updated in place, not replaced.
    expect(kinds({ production: { network: { ...productionNetwork, cidrBlock: "10.20.0.0/15" } }, stacks: networkExtras() })).toEqual([
      "alicloud_eip_association.egress-nat", "alicloud_nat_gateway.nat", "alicloud_slb_load_balancer.internal-load-balancer", "alicloud_vpc.vpc",
      "alicloud_vswitch.vswitch-cn-hangzhou-h", "alicloud_vswitch.vswitch-cn-hangzhou-i", "alicloud_vswitch.vswitch-cn-hangzhou-j",
    ]);
    expect(kinds({ stacks: networkExtras({ zone: "shop-db.internal" }) })).toEqual([
      "alicloud_pvtz_zone.zone", "alicloud_pvtz_zone_attachment.zone-vpc", "alicloud_pvtz_zone_record.db",
    ]);
    expect(kinds({ stacks: networkExtras({ isp: "BGP_PRO" }) })).toEqual(["alicloud_eip_address.egress", "alicloud_eip_association.egress-nat"]);
  });
});

describe("downtime", () => {
  test("a new SAE namespace replaces every application of production: destroyed before created", () => {
    expect(groups(review({ production: { saeNamespace: "shop" } }))).toEqual(["orders-api", "web", "worker"].map((s) =>
      `high service-down [${s}] ${s} is down while its application is destroyed and created again: ` +
      "namespace_id changes (alicloud_sae_namespace.sae-namespace is replaced) @ production:high"));
  });

  test("Docker replicas replaced without create-before-destroy are down; with it (the platform's way) they roll", () => {
    const bump = { releases: { test: (r: any) => r.with("web", "1.4.0") } };
    expect(groups(review(bump))).toEqual([]);
    const withoutCbd = review({
      ...bump,
      stacks: (s) => ["web-1", "web-2"].forEach((id) => (s.test.node.findChild(id) as TerraformResource).addOverride("lifecycle.create_before_destroy", false)),
    });
    expect(groups(withoutCbd)).toEqual([
      "low service-down [web] web is down while its 2 containers are destroyed and created again: " +
        "labels changes, name changes, image changes (docker_image.web-image is replaced) @ test:low",
      "low rollout-safety [web] web replicas no longer start before the old ones stop (create_before_destroy off) @ test:low",
    ]);
  });
});

describe("service removed", () => {
  test("deleting worker destroys its application and its containers, not only its logstore", () => {
    const r = review({ services: { worker: null }, releases: everywhere((x) => without(x, "worker")) });
    expect(verdictLine(r)).toBe("⚠ production: 1 service removed, data lost; prerelease: 1 service removed, data lost; test: 1 service removed");
    expect(groups(r)).toEqual([
      "high service-removed [worker] worker is removed: its application is destroyed @ prerelease:medium,production:high",
      "high data-loss [-] alicloud_log_store.log-store-worker is destroyed, losing the logs it keeps @ prerelease:medium,production:high",
      "low service-removed [worker] worker is removed: its 2 containers are destroyed @ test:low",
    ]);
  });
});

describe("service renamed", () => {
  test("worker → order-worker (same image, one removed, one added) is one rename, destroy-then-create", () => {
    const r = review({ services: { worker: { name: "order-worker" } }, releases: everywhere((x) => renamedIn(x, "worker", "order-worker")) });
    expect(verdictLine(r)).toBe("⚠ production: 1 service renamed; prerelease: 1 service renamed; test: 1 service renamed");
    const renamed = "worker renamed to order-worker (same image shop/worker), a destroy-then-create:";
    const after = "created anew, nothing carries over, and whatever reaches worker by name stops finding it";
    expect(groups(r)).toEqual([
      `high service-renamed [worker] ${renamed} its application is destroyed and order-worker's application ${after} @ prerelease:medium,production:high`,
      `low service-renamed [worker] ${renamed} its 2 containers are destroyed and order-worker's 2 containers ${after} @ test:low`,
    ]);
  });
});

describe("data loss", () => {
  test("a log store renamed destroys the old store in every cloud stage, high everywhere", () => {
    const r = review({ services: { "orders-api": { props: (p) => ({ ...p, logs: LogStore.stdout("orders") }) } } });
    expect(groups(r)).toEqual([
      "high data-loss [-] alicloud_log_store.log-store-orders-api is destroyed, losing the logs it keeps @ prerelease:medium,production:high",
    ]);
  });
});

describe("state backend changed", () => {
  test("another state bucket for production is high", () => {
    // The bootstrap creates the environments' state where they keep it: these Apps go without it.
    const state = { bucket: "shop-terraform-state-2", tablestoreEndpoint: "https://shop-tf-lock.cn-hangzhou.ots.aliyuncs.com" };
    const r = review({ production: { state }, bootstrap: false }, synthExample({ bootstrap: false }));
    expect(groups(r)).toEqual([
      "high backend-changed [-] the state backend changes (oss.bucket shop-terraform-state-1234567890123456 → shop-terraform-state-2, " +
        "oss.tablestore_endpoint https://shoplock90123456.cn-hangzhou.ots.aliyuncs.com → https://shop-tf-lock.cn-hangzhou.ots.aliyuncs.com): state must be migrated, or Terraform starts from empty state and creates every resource again @ production:high",
    ]);
  });
});

describe("deletion protection off", () => {
  test("production without deletion protection: protection off on every protected resource, and the policy relaxed", () => {
    const r = review({ production: { settings: { ...Policies.relax(Stages.production, "deletion-protection", "store-safety"), deletionProtection: false } } });
    const lines = groups(r);
    expect(lines).toContain("high protection-off [-] alicloud_slb_load_balancer.public-load-balancer: deletion protection switched off (delete_protection: on → off) @ production:high");
    expect(lines).toContain("high protection-off [-] alicloud_log_project.log-project: lifecycle.prevent_destroy removed, Terraform may now destroy it @ production:high");
    expect(lines).toContain("high policy-relaxed [-] policy deletion-protection relaxed: stateful resources without deletion protection are no longer refused @ production:high");
    // The stores lose the provider's protection and Terraform's, and the policy that asked for them is relaxed too.
    expect(lines).toContain("high protection-off [-] alicloud_db_instance.store-orders-db: deletion protection switched off (deletion_protection: true → false) @ production:high");
    expect(lines).toContain("high protection-off [-] alicloud_kvstore_instance.store-cache: release protection switched off (instance_release_protection: true → false) @ production:high");
    expect(lines).toContain("high protection-off [-] alicloud_db_database.store-orders-db-database: lifecycle.prevent_destroy removed, Terraform may now destroy it @ production:high");
    expect(lines.filter((l) => l.startsWith("high policy-relaxed [-] policy store-safety relaxed"))).toHaveLength(1);
    expect(lines).toHaveLength(15);
  });
});

describe("secret no longer sensitive", () => {
  test("a secret moved to plain env is high in every stage", () => {
    // A store's password is always a secret: the orders API's own payment token is the one moved.
    const token = (secret: boolean): ExampleChange["services"] => ({ "orders-api": { props: (p) => secret
      ? { ...p, secrets: { ...p.secrets, PAYMENT_TOKEN: Secret.fromVariable("payment_token") } }
      : { ...p, env: { ...p.env, PAYMENT_TOKEN: EnvValue.fromVariable("payment_token") } } } });
    const plain = (settings: typeof Stages.production) => Policies.relax(settings, "no-plain-secrets");
    const r = review({
      services: token(false),
      prerelease: { settings: plain(Stages.prerelease) },
      production: { settings: plain(Stages.production) },
    }, synthExample({ services: token(true) }));
    expect(groups(r)).toEqual([
      "high secret-unprotected [-] variable payment_token is no longer sensitive: its value would show in plans and logs @ test:high,prerelease:high,production:high",
      "high policy-relaxed [-] policy no-plain-secrets relaxed: secrets written as plain values are no longer refused @ prerelease:medium,production:high",
    ]);
  });
});

describe("exposure", () => {
  test("an internal route made public faces the internet in prerelease and production", () => {
    const r = review({ services: { "orders-api": { props: (p) => ({ ...p, ports: [Port.http(8085, { route: Route.public({ domains: ["api.example.com"] }) })] }) } } });
    expect(groups(r)).toEqual([
      "high network-replaced [-] network removed: alicloud_slb_load_balancer.internal-load-balancer is destroyed; " +
        "what runs in it loses its connections and the addresses it is reached by change @ prerelease:medium,production:high",
      "high exposure [orders-api] route to orders-api at api.example.com/ (port 80) becomes reachable from the internet @ prerelease:medium,production:high",
    ]);
  });

  test("a Docker load balancer published beyond loopback is medium even in test", () => {
    const r = review({
      services: { "orders-api": { props: (p) => ({ ...p, ports: [Port.http(8085, { route: Route.public({ domains: ["api.example.com"] }) })] }) } },
      test: { publishAddress: "0.0.0.0", settings: { ...Stages.test, allowInternet: true } },
    });
    expect(groups(r).filter((line) => line.includes("@ test"))).toEqual([
      "medium exposure [-] host port 80 of docker_container.load-balancer becomes reachable from the internet @ test:medium",
      "medium exposure [-] host port 5000 of docker_container.registry becomes reachable from the internet @ test:medium",
    ]);
  });
});

describe("capacity lowered", () => {
  test("fewer replicas: each environment's release sets a lower floor", () => {
    const web = (version: string, replicas: number) => (x: any) => x.with("web", { version, replicas });
    const r = review({ releases: { test: web("1.3.0", 1), prerelease: web("1.3.0", 1), production: web("1.2.0", 2) } });
    const floor = (from: number, to: number) =>
      `web replicas ${from} → ${to}${from === 3 ? " (1 instead of 2 kept ready during an update)" : ""}, autoscaling scaling_rule_metric.min_replicas ${from} → ${to}, ` +
      `autoscaling scaling_rule_timer.schedules[1].min_replicas ${from} → ${to}: less room for load`;
    expect(groups(r)).toEqual([
      `high capacity [web] ${floor(3, 2)} @ production:high`,
      `medium capacity [web] ${floor(2, 1)} @ prerelease:medium`,
      "medium rollout-safety [web] web instances kept ready during an update 1 → 0: an update may stop every instance at once; " +
        "update strategy BatchUpdate removed: no batches and no gray step " +
        "@ prerelease:medium",
      // Docker runs the floor and has no scaling rule.
      "low capacity [web] web replicas 2 → 1: less room for load @ test:low",
    ]);
  });

  test("smaller instances and a lower autoscaling ceiling", () => {
    const r = review({
      services: {
        "orders-api": { props: (p) => ({ ...p, resources: { cpu: Cpu.cores(0.5), memory: Size.gibibytes(1) } }) },
        web: {
          props: (p) => ({ ...p, autoscaling: Autoscaling.between(p.autoscaling!.min, 5, { targets: [...p.autoscaling!.targets], schedules: [...p.autoscaling!.schedules] }) }),
        },
      },
    });
    expect(groups(r)).toEqual([
      "high capacity [orders-api] orders-api cpu (cores) 1 → 0.5, memory (MiB) 2048 → 1024: less room for load @ test:low,prerelease:medium,production:high",
      "high capacity [web] web autoscaling scaling_rule_metric.max_replicas 10 → 5, autoscaling scaling_rule_timer.schedules[0].max_replicas 10 → 5, " +
        "autoscaling scaling_rule_timer.schedules[1].max_replicas 10 → 5: less room for load @ prerelease:medium,production:high",
    ]);
  });
});

describe("rollout safety lowered", () => {
  test("production orders-api down to one instance: min ready 0, update strategy removed, the policy relaxed", () => {
    const r = review({
      production: { settings: Policies.relax(Stages.production, "min-replicas") },
      releases: { production: (x) => x.with("orders-api", { version: "2.0.3", replicas: 1 }) },
    });
    expect(verdictLine(r)).toBe("⚠ production: capacity lowered, rollout safety lowered, canary route changed, min-replicas relaxed: lets through fewer instances than the stage's floor");
    expect(groups(r)).toEqual([
      "high capacity [orders-api] orders-api replicas 2 → 1, autoscaling scaling_rule_metric.min_replicas 2 → 1: less room for load @ production:high",
      "high rollout-safety [orders-api] orders-api instances kept ready during an update 1 → 0: an update may stop every instance at once; " +
        "update strategy GrayBatchUpdate removed: no batches and no gray step @ production:high",
      "high policy-relaxed [-] policy min-replicas relaxed: fewer instances than the stage's floor are no longer refused @ production:high",
      // The new release entry has no canary (one instance cannot hold one), so its route goes.
      "medium canary-route-changed [orders-api] orders-api canary route removed: during a canary, requests with header X-Shop-Canary " +
        "or cookie shop-tester no longer go to it @ production:medium",
    ]);
  });

  test("no gray step (production's canary keeps its own gray batch)", () => {
    const r = review({ services: { "orders-api": { props: (p) => ({ ...p, rollout: Rollout.batches({ batches: 2 }) }) } } });
    expect(groups(r)).toEqual([
      "medium rollout-safety [orders-api] orders-api gray first batch dropped: a bad version reaches every batch without a first look " +
        "@ prerelease:medium",
    ]);
  });

  test("one batch for two instances, with the policy that forbids it relaxed: SAE still keeps one ready, so only the policy is flagged", () => {
    const r = review({
      services: { "orders-api": { props: (p) => ({ ...p, rollout: Rollout.batches({ batches: 1, grayFirst: true }) }) } },
      prerelease: { settings: Policies.relax(Stages.prerelease, "rollout-batches") },
      production: { settings: Policies.relax(Stages.production, "rollout-batches") },
    });
    expect(groups(r)).toEqual([
      "high policy-relaxed [-] policy rollout-batches relaxed: releases that restart every instance at once are no longer refused @ prerelease:medium,production:high",
    ]);
  });
});

describe("health checks loosened or moved", () => {
  const probe = (path: string, timeout: number) =>
    Probe.http(8080, { path, initialDelay: Duration.seconds(3), timeout: Duration.seconds(timeout), period: Duration.seconds(5) });

  test("one probe change in three stages is one row with the stages listed", () => {
    const r = review({ services: { web: { props: (p) => ({ ...p, probe: probe("/healthz", 4) }) } } });
    expect(groups(r)).toEqual([
      "high health-check [web] web health check timeout 2s → 4s: failures are noticed later @ test:low,prerelease:medium,production:high",
    ]);
  });

  test("a probe moved to another path, and a probe removed", () => {
    const r = review({ services: { web: { props: (p) => ({ ...p, probe: probe("/health", 2) }) }, worker: { props: (p) => ({ ...p, probe: undefined }) } } });
    expect(groups(r)).toEqual([
      "high health-check [web] web health check moved (path /healthz → /health): make sure the new target fails when the service does @ prerelease:medium,production:high",
      "high health-check [worker] worker health check removed: failing instances are no longer detected @ test:low,prerelease:medium,production:high",
      "low health-check [web] web health check moved (command CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz → " +
        "CMD wget -q -O /dev/null http://127.0.0.1:8080/health): make sure the new target fails when the service does @ test:low",
    ]);
  });
});

describe("variables", () => {
  test("a new required variable without default: the next apply stops or prompts", () => {
    const r = review({ services: { "orders-api": { props: (p) => ({ ...p, env: { ...p.env, CACHE_HOST: EnvValue.fromVariable("orders_cache_host") } }) } } });
    expect(verdictLine(r)).toBe("⚠ production: 1 new required variable; prerelease: 1 new required variable; test: 1 new required variable");
    expect(groups(r)).toEqual([
      "high variable-required [-] new variable orders_cache_host has no default: the next apply stops or prompts until TF_VAR_orders_cache_host is set " +
        "@ test:low,prerelease:medium,production:high",
    ]);
  });

  test("a secret variable renamed is one rename, named, never valued", () => {
    const r = review({ stores: { "orders-db": (p) => ({ ...p, password: Secret.fromVariable("orders_database_password") }) } });
    expect(groups(r)).toEqual([
      "high secret-renamed [-] secret variable orders_db_password renamed to orders_database_password: supply TF_VAR_orders_database_password " +
        "where the environment's secrets are kept, or the next apply stops or prompts @ test:low,prerelease:medium,production:high",
    ]);
  });
});

describe("policy relaxed", () => {
  test("a production policy made warning-only is high; the Policies section shows it and the synthesis warnings", () => {
    const head = synthExample({ production: { settings: Policies.warnOnly(Stages.production, "pinned-images") } });
    const { review: r, markdown } = reviewDirs(exampleOutput(), head);
    expect(groups(r)).toEqual([
      "high policy-relaxed [-] policy pinned-images made warning-only: image versions that are not pinned only warn, they no longer stop synthesis @ production:high",
    ]);
    expect(markdown).toContain(`| production | production | ${Stages.production.policies.length} (1 warning-only) | \`pinned-images\` warning-only | 2 |`);
    // The example's canary is one SAE can only approximate: cdktf's warning annotation, listed per environment.
    expect(markdown).toContain("\n- production: production/orders-api: release.canary = ");
  });
});

operationsRiskTests({ review, groups });
consequenceRiskTests({ review, groups });
storeRiskTests({ review, groups });

describe("the risk table", () => {
  test("every row has a test above built from a synthesized pair", () => {
    expect([...seen].sort()).toEqual(Object.keys(RISK_TABLE).sort());
  });

  test("docs/plan-review.md has every row with the same severities", () => {
    const docs = fs.readFileSync(path.join(__dirname, "../../docs/plan-review.md"), "utf8");
    const rows = docs.split("\n").filter((l) => l.startsWith("| ")).map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
    for (const [kind, row] of Object.entries(RISK_TABLE)) {
      const documented = rows.find((cells) => cells[0] === row.consequence);
      expect([kind, documented?.slice(2, 5)]).toEqual([kind, [row.severity.test, row.severity.prerelease, row.severity.production]]);
    }
  });
});
