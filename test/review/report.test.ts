import { renderMarkdown } from "../../lib/review";
import { synthExample } from "./example-app";
import { editedOutput, exampleOutput, resourceOf, reviewDirs, reviewEdit } from "./support";

const SECRET = "Kn0wn-s3cret/value+for=review";

describe("the Markdown report", () => {
  test("shows a JSON-encoded field (SAE envs) by element, not as one long string", () => {
    const { markdown } = reviewEdit((s) => {
      const web = resourceOf(s.production, "alicloud_sae_application", "app-web");
      // The envs hold Terraform references (a store's address, the config map's id): appended as text, as JSON.
      web.envs = web.envs.replace(/\]$/, `,${JSON.stringify({ name: "LOG_FORMAT", value: "json" })}]`);
    });
    expect(markdown).toContain("| `envs[name=LOG_FORMAT]` | — | `{\"name\":\"LOG_FORMAT\",\"value\":\"json\"}` |");
  });

  test("shows the nginx configuration uploaded into the load balancer as a line diff", () => {
    const { markdown } = reviewEdit((s) => {
      const upload = resourceOf(s.test, "docker_container", "load-balancer").upload[0];
      upload.content = upload.content.replace("    server web-2:8080 max_fails=3 fail_timeout=5s;\n", "");
    });
    expect(markdown).toContain("`upload[file=/etc/nginx/nginx.conf].content` (forces replacement) | _(diff below)_ | _(diff below)_ |");
    expect(markdown).toMatch(/```diff\n@@ -\d+,7 \+\d+,6 @@\n(.*\n){3}- {4}server web-2:8080 max_fails=3 fail_timeout=5s;\n/);
  });

  test("a new image version replaces the image and, through `image`, every container of the service", () => {
    const { review, markdown } = reviewEdit((s) => {
      resourceOf(s.test, "docker_image", "web-image").name = "localhost:5000/shop/web:1.4.0";
    });
    const test = review.changes.stacks.find((s) => s.stack === "test")!;
    expect(test.resources.filter((r) => r.action === "replace").map((r) => r.address)).toEqual([
      "docker_container.web-1", "docker_container.web-2", "docker_image.web-image",
    ]);
    expect(markdown).toContain("| replace | `docker_container.web-1` | image, name force replacement; new one created before the old one is destroyed |");
  });

  test("the first screen: verdict, counts in promotion order, grouped risks; each environment's details collapsed", () => {
    const { markdown } = reviewDirs(exampleOutput(), synthExample({
      releases: { test: (r) => r.with("web", "1.4.0"), production: (r) => r.with("web", { version: "1.2.0", replicas: 2 }) },
    }));
    const lines = markdown.split("\n");
    expect(lines.slice(2, 12)).toEqual([
      "**⚠ production: capacity lowered**",
      "",
      "| Environment | Add | Change | Replace | Remove | Risks |",
      "|---|--:|--:|--:|--:|---|",
      "| test | 0 | 0 | 3 | 0 | — |",
      // No stage recorded: placed with prerelease, by name.
      "| bootstrap | 0 | 0 | 0 | 0 | — |",
      "| prerelease | 0 | 0 | 0 | 0 | — |",
      "| production | 0 | 2 | 0 | 0 | 1 high |",
      "",
      "### Risks",
    ]);
    expect(markdown).toContain("<details><summary><b>test</b>: 3 replaced</summary>");
    expect(markdown).toContain("<details><summary><b>production</b>: 2 changed</summary>");
    expect(markdown).not.toContain("<summary><b>prerelease</b>");
  });

  test("a type outside the replacement list is compared as in-place and marked as such", () => {
    // The library renders no NAS file system, so the list does not name the type.
    const withFileSystem = (type: string) => editedOutput(exampleOutput(), (s) => {
      s.production.resource.alicloud_nas_file_system = { shared: { file_system_type: type, protocol_type: "NFS" } };
    });
    const { review, markdown } = reviewDirs(withFileSystem("standard"), withFileSystem("extreme"));
    const nas = review.changes.stacks.find((s) => s.stack === "production")!.resources.find((r) => r.type === "alicloud_nas_file_system")!;
    expect(nas.action).toBe("update");
    expect(markdown).toContain("_Not in the replacement list, shown as in-place updates: `alicloud_nas_file_system`. A plan tells for sure._");
  });

  test("a report beyond the size limit drops attribute details, not the risks", () => {
    const { review } = reviewEdit((s) => {
      for (const n of [1, 2]) resourceOf(s.test, "docker_container", `web-${n}`).healthcheck.timeout = "9s";
    });
    const full = renderMarkdown(review);
    const short = renderMarkdown(review, { maxLength: 1200 });
    expect(full).toContain("<details>");
    expect(short).not.toContain("<details>");
    expect(short).toContain("web health check timeout 2s → 9s");
    expect(full.length).toBeGreaterThan(1200);
    expect(short.length).toBeLessThanOrEqual(1200);
  });
});

describe("secrets in the report", () => {
  test("a sensitive default, a sensitive attribute and a provider credential are never printed", () => {
    const registry = (password: string) => ({ registry: { instance_name: "shop", instance_type: "Advanced", payment_type: "Subscription", password } });
    const { markdown, summary } = reviewEdit((s) => {
      s.production.variable.orders_db_password.default = SECRET;
      s.production.resource.alicloud_cr_ee_instance = registry(`${SECRET}-2`);
      s.production.provider.alicloud[0].secret_key = SECRET;
      s.test.variable.api_token = { type: "string", sensitive: true, default: SECRET };
      resourceOf(s.test, "docker_container", "web-1").env.push(`LEAKED_TOKEN=${SECRET}`);
    });
    const forms = [SECRET, Buffer.from(SECRET).toString("base64"), JSON.stringify(SECRET).slice(1, -1), encodeURIComponent(SECRET)];
    for (const form of forms) {
      expect(markdown).not.toContain(form);
      expect(summary).not.toContain(form);
    }
    expect(markdown).toContain("| `orders_db_password` | default: (none) → (sensitive) |");
    expect(markdown).toContain("| `password` | — | _(sensitive)_ |");
    expect(markdown).toContain("| `[0].secret_key` | — | _(sensitive)_ |");
    expect(markdown).toContain("| `env.LEAKED_TOKEN` (forces replacement) | — | _(sensitive)_ |");
  });
});
