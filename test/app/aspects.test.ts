/**
 * Checks judge what is written: every hostile Aspect and override — on an
 * environment stack, on the state bootstrap, from another stack of the App —
 * is applied before the App's checks, so what a check refuses can never be
 * written, and what is written is what was checked. Each row is a real synth.
 */
import * as fs from "fs";
import * as path from "path";
import { App, Aspects, IAspect, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { LogStore as LogStoreResource } from "../../.gen/providers/alicloud/log-store";
import { OssBucket } from "../../.gen/providers/alicloud/oss-bucket";
import { PvtzZone } from "../../.gen/providers/alicloud/pvtz-zone";
import { PvtzZoneRecord } from "../../.gen/providers/alicloud/pvtz-zone-record";
import { EnvValue, Secret, StateBootstrap, StateBootstrapProps, Stages, ValidationError } from "../../lib";
import { BASE_PROPS } from "../platforms/alicloud/support";
import { synthApp, tempApp } from "../support/synth";
import { HostileRow, alicloud, docker, expectRow, web } from "./hostile";

const ONCALL = { contacts: ["shop-oncall"] };
const production = { settings: Stages.production, alerting: ONCALL };

/** An Aspect that calls `f` on every construct it visits. */
function aspect(f: (node: IConstruct) => void): IAspect {
  return { visit: f };
}

/** An Aspect that overrides `attribute` with `value` on every resource of `type`. */
function overriding(type: string, attribute: string, value: unknown): IAspect {
  return aspect((node) => {
    if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === type) node.addOverride(attribute, value);
  });
}

function bootstrap(app: App, deployer?: StateBootstrapProps["deployer"]): StateBootstrap {
  return new StateBootstrap(app, "bootstrap", { region: BASE_PROPS.region, state: BASE_PROPS.state, deployer });
}

const stripped = "true: settings.deletionProtection is on and this resource holds state";

const rows: HostileRow[] = [
  {
    name: "an Aspect that strips prevent_destroy from the bootstrap's state bucket",
    build: (app) => Aspects.of(bootstrap(app)).add(overriding("alicloud_oss_bucket", "lifecycle.prevent_destroy", false)),
    errors: [["bootstrap", "alicloud_oss_bucket.state-bucket.lifecycle.prevent_destroy", "false", "the environments' state is kept here"]],
  },
  {
    name: "an Aspect that sets the bootstrap bucket's lifecycle through the binding",
    build: (app) => Aspects.of(bootstrap(app)).add(aspect((node) => {
      if (node instanceof OssBucket) node.lifecycle = { preventDestroy: false };
    })),
    errors: [["bootstrap", "alicloud_oss_bucket.state-bucket.lifecycle.prevent_destroy", "false", "the environments' state is kept here"]],
  },
  {
    name: "an Aspect that strips prevent_destroy from production's log project, logstores and load balancer",
    build: (app) => {
      const stack = alicloud(app, "production", web(), production);
      for (const type of ["alicloud_log_project", "alicloud_log_store", "alicloud_slb_load_balancer"]) {
        Aspects.of(stack).add(overriding(type, "lifecycle.prevent_destroy", false));
      }
    },
    errors: [
      ["production", "alicloud_log_project.log-project.lifecycle.prevent_destroy", "false", stripped],
      ["production", "alicloud_log_store.log-store-web.lifecycle.prevent_destroy", "false", stripped],
      ["production", "alicloud_slb_load_balancer.internal-load-balancer.lifecycle.prevent_destroy", "false", stripped],
    ],
  },
  {
    name: "an Aspect added to one resource only",
    build: (app) => {
      const stack = alicloud(app, "production", web(), production);
      Aspects.of(stack.node.findChild("log-project")).add(aspect((node) =>
        (node as TerraformResource).addOverride("lifecycle.prevent_destroy", undefined)));
    },
    errors: [["production", "alicloud_log_project.log-project.lifecycle.prevent_destroy", "(not set)", stripped]],
  },
  {
    name: "an Aspect that adds an unprotected logstore to production",
    build: (app) => {
      const stack = alicloud(app, "production", web(), production);
      let added = false;
      Aspects.of(stack).add(aspect((node) => {
        if (added || node !== stack) return;
        added = true;
        new LogStoreResource(stack, "extra-logs", { projectName: "production-service-logs", logstoreName: "extra" });
      }));
    },
    errors: [["production", "alicloud_log_store.extra-logs.lifecycle.prevent_destroy", "(not set)", stripped]],
  },
  {
    name: "an Aspect on another stack of the App that reaches into production",
    build: (app) => {
      const stack = alicloud(app, "production", web(), production);
      const other = new TerraformStack(app, "team-extras");
      Aspects.of(other).add(aspect((node) => {
        if (node === other) (stack.node.findChild("log-project") as TerraformResource).addOverride("lifecycle.prevent_destroy", false);
      }));
    },
    errors: [["production", "alicloud_log_project.log-project.lifecycle.prevent_destroy", "false", stripped]],
  },
  {
    name: "a stack override (no Aspect) that strips prevent_destroy",
    build: (app) => alicloud(app, "production", web(), production)
      .addOverride("resource.alicloud_log_project.log-project.lifecycle.prevent_destroy", false),
    errors: [["production", "alicloud_log_project.log-project.lifecycle.prevent_destroy", "false", stripped]],
  },
  {
    name: "an Aspect that adds an output reading a secret, not sensitive",
    build: (app) => {
      const stack = docker(app, "test", web({ secrets: { DB_PASSWORD: Secret.fromVariable("db_password") } }));
      Aspects.of(stack).add(aspect((node) => {
        if (node === stack && !stack.node.tryFindChild("leak")) {
          new TerraformOutput(stack, "leak", { value: "${var.db_password}" });
        }
      }));
    },
    // The output's text is escaped like every other string: it reads nothing, so it is harmless.
  },
  {
    name: "an Aspect that makes a secret's variable not sensitive",
    build: (app) => {
      const stack = docker(app, "test", web({ secrets: { DB_PASSWORD: Secret.fromVariable("db_password") } }));
      Aspects.of(stack).add(aspect((node) => {
        if (node.node.id === "db_password") (node as TerraformResource).addOverride("sensitive", false);
      }));
    },
    errors: [["test", "variable.db_password.sensitive", "false", "the variable carries a secret"]],
  },
  {
    name: "an Aspect that outputs a resource carrying a secret, not sensitive",
    build: (app) => {
      const stack = docker(app, "test", web({ secrets: { DB_PASSWORD: Secret.fromVariable("db_password") } }));
      Aspects.of(stack).add(aspect((node) => {
        if (node === stack && !stack.node.tryFindChild("leak")) {
          new TerraformOutput(stack, "leak", { value: (stack.node.findChild("web-1") as TerraformResource).getListAttribute("env") });
        }
      }));
    },
    errors: [["test", "output.leak.sensitive", "(not set)", "carries the sensitive variable var.db_password"]],
  },
  {
    name: "an Aspect that adds a PrivateZone zone for the cloud's own domain",
    build: (app) => {
      const stack = alicloud(app, "prerelease");
      Aspects.of(stack).add(aspect((node) => {
        if (node !== stack || stack.node.tryFindChild("hijack")) return;
        const zone = new PvtzZone(stack, "hijack", { zoneName: "aliyuncs.com", proxyPattern: "RECORD" });
        new PvtzZoneRecord(stack, "hijack-oss", { zoneId: zone.id, rr: "oss-cn-hangzhou-internal", type: "A", value: "10.0.0.9" });
      }));
    },
    errors: [
      ["prerelease", "alicloud_pvtz_zone_record.hijack-oss.rr", '"oss-cn-hangzhou-internal.aliyuncs.com"', "lies under aliyuncs.com"],
      ["prerelease", "alicloud_pvtz_zone.hijack.zone_name", '"aliyuncs.com"', "aliyuncs.com is an Alibaba Cloud service domain"],
    ],
  },
  {
    name: "an Aspect that adds an /etc/hosts entry for the registry to the containers",
    build: (app) => Aspects.of(docker(app, "test")).add(overriding("docker_container", "host",
      [{ host: "registry-vpc.cn-hangzhou.aliyuncs.com", ip: "10.0.0.9" }])),
    errors: [
      ["test", "docker_container.load-balancer.host[0].host", '"registry-vpc.cn-hangzhou.aliyuncs.com"', "lies under aliyuncs.com"],
      ["test", "docker_container.registry.host[0].host", '"registry-vpc.cn-hangzhou.aliyuncs.com"', "lies under aliyuncs.com"],
      ["test", "docker_container.web-1.host[0].host", '"registry-vpc.cn-hangzhou.aliyuncs.com"', "lies under aliyuncs.com"],
      ["test", "docker_container.web-2.host[0].host", '"registry-vpc.cn-hangzhou.aliyuncs.com"', "lies under aliyuncs.com"],
    ],
  },
  {
    name: "an Aspect that widens the deployer policy to every action",
    build: (app) => Aspects.of(bootstrap(app, { environments: [alicloud(app, "prerelease")] })).add(overriding("alicloud_ram_policy",
      "policy_document", JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] }))),
    errors: [["bootstrap", "alicloud_ram_policy.deployer-policy.policy_document", '"*"', "* grants every action of every product"]],
  },
  {
    name: "an override of the deployer policy output, which admins attach elsewhere",
    build: (app) => bootstrap(app, { environments: [alicloud(app, "prerelease")] }).addOverride("output.deployer_policy_document.value",
      JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "ram:AttachPolicyToUser", Resource: "*" }] })),
    errors: [["bootstrap", "output.deployer_policy_document.value", '"ram:AttachPolicyToUser"', "a way to change its own or another principal's permissions"]],
  },
  {
    name: "an Aspect that attaches AdministratorAccess to the deployer role",
    build: (app) => {
      const stack = bootstrap(app, { environments: [alicloud(app, "prerelease")], role: { name: "shop-deployer", trustedPrincipals: ["acs:ram::1234567890123456:root"] } });
      Aspects.of(stack).add(overriding("alicloud_ram_role_policy_attachment", "policy_name", "AdministratorAccess"));
      Aspects.of(stack).add(overriding("alicloud_ram_role_policy_attachment", "policy_type", "System"));
    },
    errors: [["bootstrap", "alicloud_ram_role_policy_attachment.deployer-role-policy.policy_name", '"AdministratorAccess"', "a custom policy of this stack"]],
  },
  {
    name: "an Aspect that lets everyone assume the deployer role",
    build: (app) => {
      const stack = bootstrap(app, { environments: [alicloud(app, "prerelease")], role: { name: "shop-deployer", trustedPrincipals: ["acs:ram::1234567890123456:root"] } });
      Aspects.of(stack).add(overriding("alicloud_ram_role", "document",
        JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: ["*"] } }] })));
    },
    errors: [["bootstrap", "alicloud_ram_role.deployer-role.document", '"*"', "never everyone"]],
  },
  {
    name: "an Aspect that renames production's contact group to prerelease's",
    build: (app) => {
      alicloud(app, "prerelease", web(), { alerting: ONCALL });
      const stack = alicloud(app, "production", web(), production);
      Aspects.of(stack).add(overriding("alicloud_cms_alarm_contact_group", "alarm_contact_group_name", "prerelease-services"));
    },
    errors: [["production/alarm-contacts", "alicloud_cms_alarm_contact_group.alarm-contacts.alarm_contact_group_name", '"prerelease-services"',
      "prerelease already uses \"prerelease-services\""]],
  },
  {
    name: "an Aspect that gives production the SLS project of prerelease",
    build: (app) => {
      alicloud(app, "prerelease", web(), { logProject: "shop-prerelease-logs" });
      Aspects.of(alicloud(app, "production", web(), production)).add(overriding("alicloud_log_project", "project_name", "shop-prerelease-logs"));
    },
    errors: [["production/log-project", "alicloud_log_project.log-project.project_name", '"shop-prerelease-logs"', "its own SLS project"]],
  },
];

describe("hostile Aspects and overrides", () => {
  test.each(rows)("$name", (row) => expectRow(tempApp(), row));

  test("nothing of the App is written when an Aspect is refused", () => {
    const app = tempApp();
    docker(app, "test");
    Aspects.of(bootstrap(app)).add(overriding("alicloud_ots_table", "lifecycle.prevent_destroy", false));
    expect(() => app.synth()).toThrow(ValidationError);
    for (const id of ["test", "bootstrap"]) expect(fs.existsSync(path.join(app.outdir, "stacks", id))).toBe(false);
  });

  test("an Aspect's text is escaped like the rest, so it stays text", () => {
    const app = tempApp();
    const stack = docker(app, "test", web({ env: { MODE: EnvValue.literal("fast") } }));
    Aspects.of(stack).add(overriding("docker_container", "labels", [{ label: "note", value: "${var.db_password}" }]));
    stack.addOverride("output.note", { value: "%{ if true }x%{ endif }" });
    const written = synthApp(app).stacks.test;
    expect(written.resource.docker_container["web-1"].labels).toContainEqual({ label: "note", value: "$${var.db_password}" });
    expect(written.output.note.value).toBe("%%{ if true }x%%{ endif }");
  });

  test("each Aspect visits each construct once, though cdktf also applies it when writing", () => {
    const app = tempApp();
    const stack = docker(app, "test");
    const visits = new Map<string, number>();
    Aspects.of(stack).add(aspect((node) => visits.set(node.node.path, (visits.get(node.node.path) ?? 0) + 1)));
    synthApp(app);
    expect(visits.get("test/web-1")).toBe(1);
    expect([...visits.values()].every((n) => n === 1)).toBe(true);
  });

  test("what an Aspect adds is visited by the Aspects too, and written once", () => {
    const app = tempApp();
    const stack = docker(app, "test");
    const added: string[] = [];
    Aspects.of(stack).add(aspect((node) => {
      if (node === stack && !stack.node.tryFindChild("extra")) new TerraformOutput(stack, "extra", { value: "x" });
    }));
    Aspects.of(stack).add(aspect((node) => node.node.id === "extra" && added.push(node.node.path)));
    const written = synthApp(app).stacks.test;
    expect(written.output.extra.value).toBe("x");
    expect(added).toEqual(["test/extra"]);
  });

  test("what is written is the rendering that was checked", () => {
    const app = tempApp();
    const stack = docker(app, "test");
    Aspects.of(stack).add(overriding("docker_container", "restart", "always"));
    const render = jest.spyOn(TerraformStack.prototype, "toTerraform");
    try {
      const written = synthApp(app).stacks.test;
      expect(written.resource.docker_container["web-1"].restart).toBe("always");
      // The gate renders and checks once; the write takes that rendering.
      expect(render.mock.contexts.filter((c) => c === stack)).toHaveLength(1);
      expect(written).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
    } finally {
      render.mockRestore();
    }
  });

  test("a frozen Aspect, which could run again after the checks, is refused", () => {
    const app = tempApp();
    const stack = docker(app, "test");
    Aspects.of(stack).add(Object.freeze(aspect(() => undefined)));
    expectRow(app, { name: "frozen", build: () => undefined,
      errors: [["test", "aspects", '"Object"', "an Aspect object the App can change (not frozen)"]] });
  });

  test("Aspects that never settle are refused", () => {
    const app = tempApp();
    const stack = docker(app, "test");
    let n = 0;
    Aspects.of(stack).add(aspect((node) => {
      if (node.node.id.startsWith("growing") || node === stack) new TerraformOutput(stack, `growing-${n++}`, { value: "x" });
    }));
    expectRow(app, { name: "growing", build: () => undefined,
      errors: [["test", "aspects", '"10 passes"', "Aspects that settle"]] });
  });
});
