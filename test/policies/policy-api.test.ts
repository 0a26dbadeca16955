import { Checker, Policies, Policy, Release, Stages } from "../../lib";
import { app, contextOf } from "./context";

const names = (settings: { policies: readonly Policy[] }) => settings.policies.map((p) => p.name);

describe("adjusting a stage's policies in a team's own stack", () => {
  test("relax drops the named policies and leaves Stages untouched", () => {
    const before = names(Stages.production);
    const relaxed = Policies.relax(Stages.production, "min-replicas", "min-zones");
    expect(names(relaxed)).toEqual(before.filter((n) => n !== "min-replicas" && n !== "min-zones"));
    expect(names(Stages.production)).toEqual(before);
    expect(relaxed).toMatchObject({ name: "production", minReplicas: 2, deletionProtection: true });
  });

  test("plain spread and filter does the same", () => {
    const settings = { ...Stages.production, policies: Stages.production.policies.filter((p) => p.name !== "min-replicas") };
    expect(names(settings)).toEqual(names(Policies.relax(Stages.production, "min-replicas")));
  });

  test("naming a policy the stage does not have throws at once, listing what it has", () => {
    expect(() => Policies.relax(Stages.production, "min-replica")).toThrow(
      /Policies\.relax: stage "production" has no policy "min-replica"; its policies are "min-replicas", "probes", /,
    );
    expect(() => Policies.warnOnly(Stages.test, "probes")).toThrow('stage "test" has no policy "probes"; its policies are "no-plain-secrets"');
    expect(() => Policies.warnOnly(Policies.relax(Stages.test, "no-plain-secrets"), "probes"))
      .toThrow('stage "test" has no policy "probes"; its policies are none');
    expect(() => Policies.replace(Stages.prerelease, Policies.deletionProtection())).toThrow('has no policy "deletion-protection"');
  });

  test("warnOnly keeps the policy in place, reporting warnings", () => {
    const settings = Policies.warnOnly(Stages.production, "pinned-images");
    expect(names(settings)).toEqual(names(Stages.production));
    const context = contextOf(app(), Release.of({ app: "latest" }), settings);
    const found = settings.policies.flatMap((p) => p.check(context));
    expect(found).toEqual([expect.objectContaining({ rule: "pinned-images", severity: "warning", value: '"latest"' })]);
  });

  test("replace swaps a policy for one of the same name, e.g. a higher floor", () => {
    const settings = Policies.replace(Stages.production, Policies.minReplicas({ atLeast: 3 }));
    expect(names(settings)).toEqual(names(Stages.production));
    const context = contextOf(app({ replicas: 2 }), undefined, settings);
    expect(settings.policies.flatMap((p) => p.check(context))).toEqual([
      expect.objectContaining({ rule: "min-replicas", value: "2", allowed: expect.stringContaining("at least 3 instances") }),
    ]);
  });

  test("every adjustment is recorded in the settings, so a review can show it", () => {
    const team: Policy = { name: "team-rule", check: () => [] };
    const settings = Policies.add(
      Policies.replace(Policies.warnOnly(Policies.relax(Stages.production, "min-zones"), "pinned-images"), Policies.minReplicas({ atLeast: 3 })),
      team,
    );
    expect(settings.adjustments).toEqual([
      { policy: "min-zones", change: "relaxed" },
      { policy: "pinned-images", change: "warning-only" },
      { policy: "min-replicas", change: "replaced" },
      { policy: "team-rule", change: "added" },
    ]);
    expect(settings.policies.filter((p) => p.warnsOnly).map((p) => p.name)).toEqual(["pinned-images"]);
    expect(Stages.production.adjustments).toBeUndefined();
  });

  test("add appends a team's own policy, written with the same Checker", () => {
    const noAdminServices: Policy = {
      name: "no-admin-services",
      check: ({ path, catalog }) => {
        const c = new Checker("no-admin-services");
        for (const s of catalog.services) c.expect(!s.name.startsWith("admin"), `${path}/${s.name}`, "name", s.name, "no admin tools in production");
        return c.violations;
      },
    };
    const settings = Policies.add(Stages.production, noAdminServices);
    expect(names(settings).slice(-1)).toEqual(["no-admin-services"]);
    const context = contextOf(app({}, "admin-console"), undefined, settings);
    expect(settings.policies.flatMap((p) => p.check(context))).toEqual([
      { path: "production/admin-console", field: "name", value: '"admin-console"', allowed: "no admin tools in production",
        rule: "no-admin-services", severity: "error" },
    ]);
    expect(() => Policies.add(settings, noAdminServices)).toThrow('already has "no-admin-services"; use Policies.replace');
  });
});
