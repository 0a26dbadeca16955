import { synthApp, tempApp } from "../../support/synth";
import { synthExampleApp } from "../../support/run-app";
import { all, bootstrap, environment, only } from "./bootstrap-support";

/** Terraform's reference to an attribute of the one resource of `type`. */
const ref = (json: any, type: string, attribute: string) => `\${${type}.${Object.keys(json.resource[type])[0]}.${attribute}}`;

describe("the example App's state bootstrap", () => {
  const out = synthExampleApp({ TF_VAR_orders_db_password: "not-used-at-synth" });
  const boot = out.stacks.bootstrap;

  test("creates exactly the bucket, lock instance and table the prerelease and production backends name", () => {
    const bucket = only(boot, "alicloud_oss_bucket").bucket;
    const instance = only(boot, "alicloud_ots_instance").name;
    const table = only(boot, "alicloud_ots_table");
    const region = boot.provider.alicloud[0].region;
    expect(table.instance_name).toBe(ref(boot, "alicloud_ots_instance", "name"));
    for (const name of ["prerelease", "production"]) {
      const oss = out.stacks[name].terraform.backend.oss;
      expect({ name, bucket: oss.bucket, region: oss.region, table: oss.tablestore_table })
        .toEqual({ name, bucket, region, table: table.table_name });
      expect({ name, endpoint: oss.tablestore_endpoint })
        .toEqual({ name, endpoint: `https://${instance}.${region}.ots.aliyuncs.com` });
    }
    expect(boot.output.tablestore_endpoint.value).toBe(out.stacks.production.terraform.backend.oss.tablestore_endpoint);
  });

  test("the bucket is versioned, encrypted, private and blocks public access, each through its own resource", () => {
    const bucketRef = ref(boot, "alicloud_oss_bucket", "bucket");
    expect(only(boot, "alicloud_oss_bucket_versioning")).toMatchObject({ bucket: bucketRef, status: "Enabled" });
    expect(only(boot, "alicloud_oss_bucket_server_side_encryption")).toMatchObject({ bucket: bucketRef, sse_algorithm: "AES256" });
    expect(only(boot, "alicloud_oss_bucket_acl")).toMatchObject({ bucket: bucketRef, acl: "private" });
    expect(only(boot, "alicloud_oss_bucket_public_access_block")).toMatchObject({ bucket: bucketRef, block_public_access: true });
    // The bucket's own blocks for the same settings are left to those resources.
    const bucket = only(boot, "alicloud_oss_bucket");
    expect(bucket).not.toHaveProperty("acl");
    expect(bucket).not.toHaveProperty("versioning");
    expect(bucket.lifecycle.ignore_changes).toEqual(["versioning", "server_side_encryption_rule"]);
  });

  test("the lock table has the string primary key LockID the OSS backend writes, and keeps locks forever", () => {
    expect(only(boot, "alicloud_ots_table")).toMatchObject({
      table_name: "terraform_state_lock", primary_key: [{ name: "LockID", type: "String" }], time_to_live: -1, max_version: 1,
    });
    // The environments reach the lock through the public endpoint, so the instance admits the internet network only.
    expect(only(boot, "alicloud_ots_instance").network_type_acl).toEqual(["INTERNET"]);
  });

  test("bucket, lock instance and lock table cannot be destroyed by Terraform", () => {
    for (const type of ["alicloud_oss_bucket", "alicloud_ots_instance", "alicloud_ots_table"]) {
      expect({ type, prevent: only(boot, type).lifecycle?.prevent_destroy }).toEqual({ type, prevent: true });
    }
  });

  test("its own state is local: it creates the remote state the others use", () => {
    expect(Object.keys(boot.terraform.backend)).toEqual(["local"]);
  });
});

describe("StateBootstrap", () => {
  test("derives instance, region and network from a VPC endpoint, and honours state.region and the table name", () => {
    const app = tempApp();
    bootstrap(app, {
      region: "cn-hangzhou",
      state: {
        bucket: "eu-state", region: "eu-central-1", tablestoreTable: "locks",
        tablestoreEndpoint: "https://eu-lock.eu-central-1.vpc.tablestore.aliyuncs.com",
      },
    });
    const json = synthApp(app).stacks.bootstrap;
    expect(json.provider.alicloud[0].region).toBe("eu-central-1");
    expect(only(json, "alicloud_ots_instance")).toMatchObject({ name: "eu-lock", network_type_acl: ["VPC"] });
    expect(only(json, "alicloud_ots_table").table_name).toBe("locks");
    expect(only(json, "alicloud_oss_bucket").bucket).toBe("eu-state");
  });

  test("without deployer settings it creates no RAM policy, role or attachment", () => {
    const app = tempApp();
    environment(app);
    bootstrap(app);
    const json = synthApp(app).stacks.bootstrap;
    expect(Object.keys(json.resource).filter((t) => t.startsWith("alicloud_ram_"))).toEqual([]);
    expect(Object.keys(json.output).sort()).toEqual(["state_bucket", "tablestore_endpoint", "tablestore_table"]);
    expect(all(json, "alicloud_oss_bucket")).toHaveLength(1);
  });
});
