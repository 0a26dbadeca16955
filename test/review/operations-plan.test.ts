import * as fs from "fs";
import * as path from "path";
import { reviewChanges } from "../../lib/review";
import { readPlan } from "../../lib/review/plan-json";
import { exampleOutput } from "./support";

// `terraform show -json` writes nested blocks as lists (`scaling_rule_metric:
// [{…}]`) and references as the IDs they resolved to. The example App's own
// production resources, reshaped so, must read as the configurations do.

const production = () => JSON.parse(fs.readFileSync(path.join(exampleOutput(), "stacks", "production", "cdk.tf.json"), "utf8")).resource;

/** A resource's configured values as a plan shows them: the metadata gone, the listed blocks as one-element lists, references resolved. */
function planned(values: any, blocks: string[], ids: Record<string, string>): any {
  const { "//": _metadata, ...rest } = values;
  const listed = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, blocks.includes(k) ? [v] : v]));
  return JSON.parse(JSON.stringify(listed).replace(/\$\{[^}]*\}/g, (reference) => ids[reference] ?? "resolved"));
}

test("a plan's block lists and resolved IDs: a target raised, a threshold raised, a contact taken out", () => {
  const config = production();
  const ids = { "${alicloud_sae_application.app-web.id}": "app-1f2e", "${alicloud_cms_alarm_contact_group.alarm-contacts.alarm_contact_group_name}": "production-services" };
  const app = planned(config.alicloud_sae_application["app-web"], ["update_strategy_v2", "liveness_v2", "readiness_v2"], ids);
  const rule = planned(config.alicloud_sae_application_scaling_rule["scaling-web"], ["scaling_rule_metric", "scaling_rule_timer"], ids);
  const alarm = planned(config.alicloud_cms_alarm["alarm-web-cpu"], ["escalations_critical"], ids);
  const group = planned(config.alicloud_cms_alarm_contact_group["alarm-contacts"], [], ids);
  expect([rule.scaling_rule_metric[0].metrics[0].metric_type, alarm.escalations_critical[0].threshold, group.contacts]).toEqual(["CPU", "85", ["shop-oncall", "orders-team"]]);

  const later = JSON.parse(JSON.stringify({ rule, alarm }));
  later.rule.scaling_rule_metric[0].metrics[0].metric_target_average_utilization = 90;
  later.alarm.escalations_critical[0].threshold = "95";
  const change = (address: string, type: string, before: any, after: any) =>
    ({ address, type, mode: "managed", change: { actions: before === after ? ["no-op"] : ["update"], before, after, after_unknown: {} } });
  const web = { ...app, id: "app-1f2e" };
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change("alicloud_sae_application.app-web", "alicloud_sae_application", web, web),
      change("alicloud_sae_application_scaling_rule.scaling-web", "alicloud_sae_application_scaling_rule", rule, later.rule),
      change("alicloud_cms_alarm.alarm-web-cpu", "alicloud_cms_alarm", alarm, later.alarm),
      change("alicloud_cms_alarm_contact_group.alarm-contacts", "alicloud_cms_alarm_contact_group", group, { ...group, contacts: ["shop-oncall"] }),
    ],
  };
  const review = reviewChanges({ source: "plan", label: "production", stacks: [readPlan("production", plan)] });
  expect(review.risks.map((r) => `${r.severity} ${r.kind} ${r.message}`)).toEqual([
    "high autoscaling-weakened web autoscaling target cpu 70% → 90%: fewer instances when load comes",
    "high alarms-weakened web alarms critical threshold 85 → 95 (cpu): trouble is noticed later, or not at all",
    "high alarm-contacts-removed alicloud_cms_alarm_contact_group.alarm-contacts no longer tells orders-team",
  ]);
});
