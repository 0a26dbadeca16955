import { spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { asNonRoot } from "../support/non-root";

const SCRIPT = path.resolve(__dirname, "../../scripts/docker-engine.sh");

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
