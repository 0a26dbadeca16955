import * as fs from "fs";
import * as net from "net";
import { conflicts, listeningSockets, parseProcNetTcp, portHolders } from "../../scripts/local/ports";

function listen(host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => resolve(server));
  });
}

function portOf(server: net.Server): number {
  return (server.address() as net.AddressInfo).port;
}

describe("who holds a port the test environment publishes", () => {
  test("reads listening sockets from /proc/net/tcp and tcp6, addresses in host byte order", () => {
    const tcp = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0",
      "   1: 00000000:1F95 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 100 0 0 10 0",
      "   2: 0100007F:A1B2 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 20 4 30 10 -1",
    ].join("\n");
    expect(parseProcNetTcp(tcp, false)).toEqual([
      { address: "127.0.0.1", port: 80, inode: 4242 },
      { address: "0.0.0.0", port: 8085, inode: 4343 },
    ]);
    const tcp6 = [
      "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 00000000000000000000000000000000:1388 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 100 0 0 10 0",
      "   1: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5252 1 0000000000000000 100 0 0 10 0",
      "   2: 00000000000000000000000001000000:0051 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5353 1 0000000000000000 100 0 0 10 0",
    ].join("\n");
    expect(parseProcNetTcp(tcp6, true)).toEqual([
      { address: "::", port: 5000, inode: 5151 },
      { address: "127.0.0.1", port: 80, inode: 5252 },
      { address: "0:0:0:0:0:0:0:1", port: 81, inode: 5353 },
    ]);
  });

  test("a socket on the same address or a wildcard is in the way; one on another address is not", () => {
    expect(conflicts("127.0.0.1", "127.0.0.1")).toBe(true);
    expect(conflicts("0.0.0.0", "127.0.0.1")).toBe(true);
    expect(conflicts("::", "127.0.0.1")).toBe(true);
    expect(conflicts("127.0.0.1", "0.0.0.0")).toBe(true);
    expect(conflicts("127.0.0.2", "127.0.0.1")).toBe(false);
  });

  test("names the port and the process holding it, found through /proc", async () => {
    const server = await listen("127.0.0.1");
    try {
      const port = portOf(server);
      expect(listeningSockets()).toContainEqual(expect.objectContaining({ address: "127.0.0.1", port }));
      const command = fs.readFileSync(`/proc/${process.pid}/cmdline`, "utf8").split("\0")[0];
      expect(portHolders("127.0.0.1", port)).toEqual([expect.stringMatching(new RegExp(`^127\\.0\\.0\\.1:${port} by pid ${process.pid} \\(${command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))]);
      expect(portHolders("127.0.0.2", port)).toEqual([]);
    } finally {
      server.close();
    }
  });

  test("a process on every address holds the port for loopback too; a free port has no holder", async () => {
    const server = await listen("::");
    const port = portOf(server);
    try {
      expect(portHolders("127.0.0.1", port)).toEqual([expect.stringContaining(`[::]:${port} by pid ${process.pid}`)]);
    } finally {
      server.close();
    }
    await new Promise((resolve) => server.once("close", resolve));
    expect(portHolders("127.0.0.1", port)).toEqual([]);
  });
});
