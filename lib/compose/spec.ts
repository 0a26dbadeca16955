/**
 * What the importer read, as plain data: the model objects (build.ts) and the
 * TypeScript module (typescript.ts) are both made from it, so they cannot differ.
 */

import type { PortProtocol } from "../model/port";
import type { ProbeCheck } from "../model/probe";
import type { RouteVisibility } from "../model/route";

/** A route of one port. */
export interface RouteSpec {
  readonly visibility: RouteVisibility;
  readonly domains: readonly string[];
}

/** A container port. */
export interface PortSpec {
  readonly port: number;
  readonly protocol: PortProtocol;
  readonly route?: RouteSpec;
}

/** A probe and the timings the file set, in whole seconds. */
export interface ProbeSpec {
  readonly check: ProbeCheck;
  readonly timeoutSeconds?: number;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
}

/** A log store. */
export interface LogSpec {
  readonly name: string;
  /** "stdout", or the file paths collected. */
  readonly source: "stdout" | readonly string[];
  readonly retentionDays?: number;
}

/** One environment variable: its value is never kept here, only the Terraform variable that carries it. */
export interface EnvSpec {
  readonly name: string;
  readonly variable: string;
  readonly secret: boolean;
}

/** Everything imported about one service. */
export interface ServiceSpec {
  readonly name: string;
  /** Image repository path, e.g. `aixue/aixue-recommender`. */
  readonly repository: string;
  /** Image tag or digest: the release version. */
  readonly version: string;
  readonly replicas: number;
  readonly ports: readonly PortSpec[];
  readonly probe?: ProbeSpec;
  readonly resources?: { readonly millicores: number; readonly mebibytes: number };
  readonly env: readonly EnvSpec[];
  readonly logs?: LogSpec;
  readonly dependsOn: readonly string[];
  readonly aliases: readonly string[];
  /** Labels of the team's own. */
  readonly labels: Readonly<Record<string, string>>;
  /** Batches of a rolling update; none for the library's default. */
  readonly batches?: number;
}

/** A Terraform variable the catalog reads and the value the file gave it (never for a secret). */
export interface ImportedVariable {
  /** The Terraform variable's name, `<service>_<env name>` in lowercase. */
  readonly name: string;
  /** Whether it is sensitive: the name or the value looked like a secret. */
  readonly secret: boolean;
  /** The file's value; undefined for secrets and for entries without a value. */
  readonly value?: string;
}

/** What the environments must offer for these services to run as they did. */
export interface EnvironmentRequirements {
  /** Fewest availability zones (from `availability:az==N`); none when the file asks for none. */
  readonly minZones?: number;
  /** Regions of the ACR Personal Edition registries the images came from. */
  readonly personalRegistryRegions: readonly string[];
}
