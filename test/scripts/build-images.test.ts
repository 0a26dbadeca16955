import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { asNonRoot, nonRootScript } from "../support/non-root";

const ROOT = path.resolve(__dirname, "../..");
const IMAGES = path.join(ROOT, "scripts/images");

/** The build id scripts/images/common.sh computes for `kind` and `args`, from the builders in `images`. */
function buildId(images: string, kind: string, ...args: string[]): string {
  return execFileSync("bash", ["-c", '. "$IMAGES/common.sh"; build_id "$@"', "build-id", kind, ...args], {
    env: { ...process.env, IMAGES: images },
    encoding: "utf8",
  }).trim();
}

function copyOfImages(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-images-"));
  fs.cpSync(IMAGES, dir, { recursive: true });
  return dir;
}

describe("scripts/build-images.sh and its builders", () => {
  test("--help prints the usage and nothing of the script", () => {
    const usage = execFileSync(path.join(ROOT, "scripts/build-images.sh"), ["--help"], { encoding: "utf8" });
    expect(usage).toContain("image REF...");
    expect(usage).toContain("App image contract");
    expect(usage).not.toMatch(/set -euo|IMAGES=/);
  });

  test("an image's build id follows its builder, its files, the shared ones and its arguments, and nothing else", () => {
    const images = copyOfImages();
    const before = { app: buildId(images, "app", "web", "1.3.0", "localhost:5000/shop"), nginx: buildId(images, "nginx") };
    expect(before.app).toMatch(/^[0-9a-f]{16}$/);
    expect(buildId(images, "app", "web", "1.3.0", "localhost:5000/shop")).toBe(before.app);
    expect(buildId(images, "app", "web", "1.4.0", "localhost:5000/shop")).not.toBe(before.app);

    fs.appendFileSync(path.join(images, "files/app/www/healthz"), "changed\n");
    const appFileChanged = { app: buildId(images, "app", "web", "1.3.0", "localhost:5000/shop"), nginx: buildId(images, "nginx") };
    expect(appFileChanged.app).not.toBe(before.app);
    expect(appFileChanged.nginx).toBe(before.nginx);

    fs.appendFileSync(path.join(images, "files/busybox/usr/bin/nc"), "# changed\n");
    const shared = { app: buildId(images, "app", "web", "1.3.0", "localhost:5000/shop"), nginx: buildId(images, "nginx") };
    expect(shared.app).not.toBe(appFileChanged.app);
    expect(shared.nginx).not.toBe(appFileChanged.nginx);

    fs.appendFileSync(path.join(images, "nginx.sh"), "# changed\n");
    expect(buildId(images, "nginx")).not.toBe(shared.nginx);
    expect(buildId(images, "app", "web", "1.3.0", "localhost:5000/shop")).toBe(shared.app);
  });

  test("the files copied into images keep their executable bits", () => {
    for (const file of [
      "busybox/usr/bin/nc", "app/usr/local/bin/app-entrypoint.sh", "app/usr/local/bin/deps", "app/www/cgi-bin/index.cgi", "registry/entrypoint.sh",
      "mariadb/usr/local/bin/docker-entrypoint.sh", "mariadb/usr/local/bin/healthcheck.sh",
    ]) {
      expect({ file, executable: (fs.statSync(path.join(IMAGES, "files", file)).mode & 0o111) !== 0 }).toEqual({ file, executable: true });
    }
  });

  test("refuses to build without root, saying why, before touching Docker", () => {
    const [file, args] = asNonRoot(nonRootScript("scripts/build-images.sh"), ["image", "nginx:stable"]);
    const result = spawnSync(file, args, { encoding: "utf8" });
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 1, stderr: expect.stringMatching(/^build-images: ERROR: building images needs root \(files owned by www-data, chroot checks, \S+\): run it as root/),
    });
  });
});
