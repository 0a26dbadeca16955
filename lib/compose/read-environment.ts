import { Node } from "yaml";
import { ENV_NAME } from "../validation/rules";
import { Report } from "./report";
import { YamlSource } from "./yaml-source";

/** One environment variable as the file gave it. */
export interface EnvEntry {
  readonly name: string;
  /** The value; undefined when the file names the variable without one. */
  readonly value?: string;
  readonly line: number;
}

/** What a service's `environment` holds: variables, and the zone spread its scheduling constraints ask for. */
export interface EnvironmentResult {
  readonly entries: EnvEntry[];
  minZones?: number;
}

/**
 * Reads `environment` as a list (`NAME=value`, `NAME`) or a mapping. The
 * container service also read scheduling constraints from it
 * (`availability:az==2`, `affinity:…`, `constraint:…`, `reschedule:…`): they
 * are no variables. Values are kept only to hand them to Terraform variables;
 * no message ever shows one.
 */
export function readEnvironment(source: YamlSource, node: Node | null, line: number, service: string, report: Report): EnvironmentResult {
  const result: EnvironmentResult = { entries: [] };
  const seen = new Set<string>();
  const add = (name: string, value: string | undefined, at: number) => {
    if (!ENV_NAME.test(name)) {
      report.problem(at, `an environment entry whose name is not ${ENV_NAME.allowed}`, service, "environment");
    } else if (seen.has(name)) {
      report.problem(at, `environment variable ${name} is set twice`, service, "environment");
    } else {
      seen.add(name);
      result.entries.push({ name, value, line: at });
    }
  };
  if (source.isList(node)) {
    for (const item of source.items(node, line, "environment", service)) {
      const text = source.text(item.value);
      if (text === undefined) {
        report.problem(item.line, "an environment entry must be NAME=value or NAME", service, "environment");
      } else if (/^(availability|affinity|constraint|reschedule):/.test(text)) {
        readConstraint(text, item.line, service, result, report);
      } else {
        const eq = text.indexOf("=");
        add(eq < 0 ? text : text.slice(0, eq), eq < 0 ? undefined : text.slice(eq + 1), item.line);
      }
    }
  } else {
    for (const entry of source.entries(node, line, "environment", service)) add(entry.key, source.text(entry.value), entry.line);
  }
  for (const entry of result.entries.filter((e) => e.value === undefined)) {
    report.finding("approximated", entry.line, `environment.${entry.name}`, "no value in the file (compose took it from the " +
      "deploying shell): the variable has no value in --tfvars; supply it per environment", service);
  }
  return result;
}

function readConstraint(text: string, line: number, service: string, result: EnvironmentResult, report: Report): void {
  const key = `environment.${text.slice(0, text.indexOf(":"))}`;
  if (!text.startsWith("availability:")) {
    report.finding("unmapped", line, key, "a scheduling constraint of the container service's nodes: SAE places instances " +
      "itself, spread over the environment's zones", service);
    return;
  }
  const m = /^availability:az==(~?)(\d+)$/.exec(text.replace(/\s+/g, ""));
  const zones = m === null ? NaN : Number(m[2]);
  if (m === null || zones < 1 || zones > 10) {
    report.problem(line, `${text.replace(/\s+/g, "")} is not a zone constraint; allowed: availability:az==N or availability:az==~N, ` +
      "N from 1 to 10", service, key);
    return;
  }
  result.minZones = Math.max(result.minZones ?? 0, zones);
  report.finding("requirement", line, key, `spread over at least ${zones} zones${m[1] ? " (the container service's '~' made it " +
    "a preference; here it is a requirement)" : ""}: give the Alibaba Cloud environments ${zones} or more zones and ` +
    `settings.minZones >= ${zones}; not an environment variable`, service);
}
