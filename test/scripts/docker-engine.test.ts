import { spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { asNonRoot, nonRootScript } from "../support/non-root";

const SCRIPT = nonRootScript("scripts/docker-engine.sh");

/** `scripts/docker-engine.sh start` as a user that is not root (nobody, when the tests run as root). */
function startAsNonRoot(socket: string) {
  const [file, args] = asNonRoot("env", [`DOCKER_SOCKET=${socket}`, SCRIPT, "start"]);
  return spawnSync(file, args, { encoding: "utf8", timeout: 60_000 });
}

describe("scripts/docker-engine.sh start without root", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-engine-"));
  fs.chmodSync(dir, 0o755);

  test("no engine: says that starting one needs root, and how to start it", () => {
    const result = startAsNonRoot(path.join(dir, "absent.sock"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ERROR: no Docker engine answers on \S+absent\.sock, and starting one needs root \(\S+ is not\)\. Start it as root: sudo scripts\/docker-engine\.sh start .*sudo systemctl start docker/);
  });

  test("an engine's socket this user may not use: names owner and mode, and the group to join", async () => {
    const socket = path.join(dir, "private.sock");
    const server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      // As Docker's own socket is for root (this user is nobody then); closed even to its owner otherwise.
      const mode = process.getuid?.() === 0 ? 0o660 : 0o000;
      fs.chmodSync(socket, mode);
      const result = startAsNonRoot(socket);
      expect(result.status).toBe(1);
      const owner = os.userInfo().username;
      expect(result.stderr).toMatch(new RegExp(`ERROR: a Docker engine's socket \\S+private\\.sock exists, but \\S+ may not use it \\(owner ${owner}:\\S+, mode ${mode.toString(8)}\\)\\. Add yourself to its group \\(sudo usermod -aG \\S+ \\S+, then log in again\\) or run as root\\.`));
    } finally {
      server.close();
    }
  });
});

describe("scripts/docker-engine.sh start under the machine-wide lock", () => {
  const rootOnly = process.getuid?.() === 0 ? test : test.skip;

  // A stand-in dockerd (it records the descriptors it was started with) and docker CLI (it answers
  // once that record exists): what the script starts, without a second engine on the machine.
  rootOnly("the dockerd it starts holds none of the caller's descriptors, so `flock … start` releases the lock", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-engine-lock-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    const fds = path.join(dir, "dockerd-fds");
    fs.writeFileSync(path.join(bin, "dockerd"), `#!/bin/sh\nls -l /proc/$$/fd > ${fds}.tmp; mv ${fds}.tmp ${fds}\nexec sleep 60\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, "docker"), `#!/bin/sh\n[ -s ${fds} ]\n`, { mode: 0o755 });
    const lock = path.join(dir, "docker.lock");
    const pidfile = path.join(dir, "dockerd.pid");
    const env = {
      ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_SOCKET: path.join(dir, "docker.sock"),
      DOCKERD_LOG: path.join(dir, "dockerd.log"), DOCKERD_PIDFILE: pidfile, DOCKERD_DATA_ROOT: path.join(dir, "data"),
    };
    try {
      const started = spawnSync("flock", [lock, SCRIPT, "start"], { env, encoding: "utf8", timeout: 60_000 });
      expect({ status: started.status, stderr: started.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("dockerd up") });
      const held = fs.readFileSync(fds, "utf8").split("\n").filter((line) => / \d+ -> /.test(line)).map((line) => line.replace(/^.* (\d+ -> .*)$/, "$1"));
      expect(held.length).toBeGreaterThanOrEqual(3);
      expect(held.filter((line) => line.endsWith(lock))).toEqual([]);
      // Taken again at once: nothing the engine runs keeps it.
      expect(spawnSync("flock", ["--nonblock", lock, "true"]).status).toBe(0);
    } finally {
      const pid = fs.existsSync(pidfile) ? Number(fs.readFileSync(pidfile, "utf8")) : 0;
      if (pid > 0) process.kill(pid, "SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
