import { Node } from "yaml";
import { PORT } from "../validation/rules";
import { Report } from "./report";
import { YamlSource } from "./yaml-source";

/** A container port the file declares. */
export interface DeclaredPort {
  readonly port: number;
  readonly line: number;
}

/**
 * Reads `ports` (`"8080"`, `"80:8080"`, `"127.0.0.1:80:8080/tcp"`, or the long
 * form with `target`) and `expose`. Only the container port is kept: services
 * are reached through routes and names here, never through host ports.
 */
export function readPorts(source: YamlSource, node: Node | null, line: number, key: "ports" | "expose", service: string, report: Report): DeclaredPort[] {
  const declared: DeclaredPort[] = [];
  for (const item of source.items(node, line, key, service)) {
    const long = source.isMapping(item.value);
    const fields = long ? Object.fromEntries(source.entries(item.value, item.line, key, service).map((e) => [e.key, source.text(e.value)])) : {};
    const text = long ? fields.target : source.text(item.value);
    const m = text === undefined ? null : /^(?:(.*):)?(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(text.trim());
    const protocol = long ? fields.protocol ?? "tcp" : m?.[4] ?? "tcp";
    const published = long ? fields.published : m?.[1];
    if (m === null || !PORT.test(Number(m[2]))) {
      report.problem(item.line, `${key} entry is not a port; allowed: [[ip:]host:]container[/tcp], e.g. "8080" or "80:8080"`, service, key);
    } else if (m[3] !== undefined) {
      report.finding("unmapped", item.line, key, `port range ${m[2]}-${m[3]} not mapped: declare each port the service listens on`, service);
    } else if (protocol !== "tcp") {
      report.finding("unmapped", item.line, key, `${protocol} port ${m[2]} not mapped: services here listen on TCP`, service);
    } else {
      if (published !== undefined && published !== "") {
        report.finding("approximated", item.line, key, `host port ${published} not published: reach port ${m[2]} through a route ` +
          "or by the service's name inside the environment", service);
      }
      if (!declared.some((d) => d.port === Number(m[2]))) declared.push({ port: Number(m[2]), line: item.line });
    }
  }
  return declared;
}
