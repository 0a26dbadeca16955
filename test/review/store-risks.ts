import { Duration, EnvValue, Size } from "../../lib";
import type { Review as ReviewResult } from "../../lib/review";
import { ExampleChange, synthExample } from "./example-app";

/** What the risk table's tests pass in: a review of the example App changed, and its rows as lines. */
interface Helpers {
  readonly review: (change: ExampleChange, base?: string) => ReviewResult;
  readonly groups: (review: ReviewResult) => string[];
}

/**
 * The rows about stores and configuration, each from a synthesized pair of
 * the example App: its managed stores resized, opened, backed up less, and
 * its shared and per-stage values changed.
 */
export function storeRiskTests({ review, groups }: Helpers): void {
  describe("store downgraded", () => {
    test("a smaller class and disk for production's database, a smaller cache: high in production", () => {
      const r = review({
        production: { stores: { "orders-db": { instanceClass: "mysql.n2.small.2c", storage: Size.gibibytes(50) }, cache: { instanceClass: "redis.shard.small.ce" } } },
      });
      expect(groups(r)).toEqual([
        "high store-downgraded [-] store orders-db instance class mysql.n2.medium.2c → mysql.n2.small.2c (2 cores, 4 GiB → 1 core, 2 GiB): " +
          "less room for load; storage 100 GB → 50 GB: RDS cannot shrink a disk, the apply fails @ production:high",
        "high store-downgraded [-] store cache instance class redis.shard.mid.ce → redis.shard.small.ce (2 GiB → 1 GiB): less room for load @ production:high",
      ]);
    });

    test("a bigger class is not a downgrade", () => {
      expect(groups(review({ production: { stores: { "orders-db": { instanceClass: "mysql.n4.medium.2c" } } } }))).toEqual([]);
    });
  });

  describe("store whitelist widened", () => {
    test("a VPN's block admitted in prerelease and production; a public address named as such", () => {
      const vpn = { stores: { "orders-db": { allowFrom: ["192.168.50.0/24"] } } };
      expect(groups(review({ prerelease: vpn, production: vpn }))).toEqual([
        "high store-exposed [-] store orders-db admits 192.168.50.0/24 besides its network @ prerelease:medium,production:high",
      ]);
    });
  });

  describe("store backups reduced", () => {
    test("production keeps a week instead of a month (a data-loss row); prerelease's backups off (RDS's minimum)", () => {
      const r = review({
        production: { stores: { "orders-db": { backupRetention: Duration.days(7) } } },
        prerelease: { stores: { "orders-db": { backupRetention: "off" } } },
      });
      expect(groups(r)).toEqual([
        "high data-loss [-] alicloud_db_backup_policy.store-orders-db-backups keeps backups 30 → 7 days (backup_retention_period): " +
          "backups older than 7 days are deleted, 23 days of them @ production:high",
        "medium backups-reduced [-] store orders-db backups log backups off: no restore to a point in time, none kept once the instance is released, " +
          "taken 7 → 2 days a week @ prerelease:medium",
      ]);
    });
  });

  describe("configuration changed", () => {
    test("a shared value changed is one row per stage naming every service that reads it, however many containers carry it", () => {
      const r = review({
        shared: (values) => ({ ...values, LOG_LEVEL: EnvValue.perStage({ test: "trace", prerelease: "info", production: "error" }) }),
      });
      expect(groups(r)).toEqual([
        'medium config-changed [-] shared value LOG_LEVEL "warn" → "error", read by orders-api, web, worker @ production:medium',
        'low config-changed [-] shared value LOG_LEVEL "debug" → "trace", read by orders-api, web, worker @ test:low',
      ]);
      // On Docker the six replicas that read it roll to the new value; on SAE only the config map changes.
      const test = r.changes.stacks.find((s) => s.stack === "test")!;
      expect(test.resources.filter((c) => c.action === "replace").length).toBe(6);
      const production = r.changes.stacks.find((s) => s.stack === "production")!;
      expect(production.resources.filter((c) => c.action !== "no-op").map((c) => c.address)).toEqual(["alicloud_sae_config_map.shared-config"]);
    });

    test("a per-stage value of a service changed in two stages is a row per stage", () => {
      const timeout = (production: string) => ({ worker: { props: (p: any) => ({
        ...p, env: { ...p.env, JOB_TIMEOUT: EnvValue.perStage({ test: "5s", prerelease: "30s", production }) },
      }) } });
      const base = synthExample({ services: timeout("60s") });
      const r = review({ services: { worker: { props: (p: any) => ({
        ...p, env: { ...p.env, JOB_TIMEOUT: EnvValue.perStage({ test: "10s", prerelease: "30s", production: "90s" }) },
      }) } } }, base);
      expect(groups(r)).toEqual([
        'medium config-changed [worker] worker JOB_TIMEOUT for stage production "60s" → "90s" @ production:medium',
        'low config-changed [worker] worker JOB_TIMEOUT for stage test "5s" → "10s" @ test:low',
      ]);
    });
  });
}
