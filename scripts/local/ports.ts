import * as fs from "fs";

/** A listening TCP socket as /proc/net/tcp{,6} lists it. */
export interface ListeningSocket {
  /** Dotted IPv4 (an IPv4-mapped IPv6 address too), or lowercase IPv6 hex groups; `0.0.0.0` / `::` for any. */
  readonly address: string;
  readonly port: number;
  readonly inode: number;
}

/** A process that holds a socket. */
export interface SocketOwner {
  readonly pid: number;
  /** Its command line, shortened. */
  readonly command: string;
}

const LISTEN = "0A";

/** The listening sockets in the text of /proc/net/tcp (`ipv6` false) or /proc/net/tcp6 (true). */
export function parseProcNetTcp(text: string, ipv6: boolean): ListeningSocket[] {
  return text.split("\n").slice(1).map((line) => line.trim().split(/\s+/)).filter((f) => f.length > 9 && f[3] === LISTEN)
    .map((fields) => {
      const [hexAddress, hexPort] = fields[1].split(":");
      return { address: ipv6 ? ipv6Address(hexAddress) : ipv4Address(hexAddress), port: parseInt(hexPort, 16), inode: Number(fields[9]) };
    });
}

/** /proc keeps each 32-bit word of an address in host (little-endian) byte order. */
function wordBytes(hex: string): number[] {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function ipv4Address(hex: string): string {
  return wordBytes(hex).join(".");
}

function ipv6Address(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (bytes.every((b) => b === 0)) return "::";
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join(".");
  const groups = [0, 2, 4, 6, 8, 10, 12, 14].map((i) => ((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(":");
}

/** Every listening TCP socket of this machine's network namespace. */
export function listeningSockets(): ListeningSocket[] {
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
  return [...parseProcNetTcp(read("/proc/net/tcp"), false), ...parseProcNetTcp(read("/proc/net/tcp6"), true)];
}

/** Whether a socket bound to `address` stands in the way of binding `wanted` on the same port. */
export function conflicts(address: string, wanted: string): boolean {
  const any = (a: string) => a === "0.0.0.0" || a === "::";
  return any(address) || any(wanted) || address === wanted;
}

/**
 * The processes holding the sockets `inodes`, found through /proc/<pid>/fd. Processes of other
 * users are invisible without root; their sockets stay unattributed.
 */
export function socketOwners(inodes: readonly number[]): Map<number, SocketOwner[]> {
  const wanted = new Set(inodes.map((inode) => `socket:[${inode}]`));
  const owners = new Map<number, SocketOwner[]>();
  for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!wanted.has(link)) continue;
      const inode = Number(link.slice("socket:[".length, -1));
      const list = owners.get(inode) ?? [];
      if (!list.some((o) => o.pid === Number(pid))) list.push({ pid: Number(pid), command: commandOf(pid) });
      owners.set(inode, list);
    }
  }
  return owners;
}

function commandOf(pid: string): string {
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return command.length > 100 ? `${command.slice(0, 97)}...` : command;
  } catch {
    return "?";
  }
}

/** Who holds `ip:port` for TCP, one description per socket in the way; empty when it is free. */
export function portHolders(ip: string, port: number, sockets = listeningSockets()): string[] {
  const inWay = sockets.filter((s) => s.port === port && conflicts(s.address, ip));
  const owners = socketOwners(inWay.map((s) => s.inode));
  return inWay.map((s) => {
    const who = owners.get(s.inode);
    const where = s.address.includes(":") ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
    return who
      ? `${where} by ${who.map((o) => `pid ${o.pid} (${o.command})`).join(", ")}`
      : `${where} by a process this user cannot see (as root: ss -ltnp 'sport = :${port}')`;
  });
}
