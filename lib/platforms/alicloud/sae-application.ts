import { TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
import {
  SaeApplication, SaeApplicationLivenessV2, SaeApplicationUpdateStrategyV2,
} from "../../../.gen/providers/alicloud/sae-application";
import { LogStore as SlsLogStore } from "../../../.gen/providers/alicloud/log-store";
import { withDefinedAttributes } from "../../environments/defined-attributes";
import { ReportLoss } from "../../environments/loss";
import { ContainerEnv } from "../../environments/variables";
import { Canary } from "../../model/canary";
import { Duration } from "../../model/duration";
import { Probe } from "../../model/probe";
import { Rollout } from "../../model/rollout";
import { Service } from "../../model/service";
import { canonicalJson } from "./json-text";
import { SlsConfig } from "./logs";

/** Everything an SAE application is rendered from, besides its service. */
export interface ApplicationInputs {
  /** Long SAE namespace id (the namespace resource's id). */
  readonly namespaceId: string;
  /** Name of the service's discovery record. */
  readonly discoveryName: string;
  readonly vpcId: string;
  readonly vswitchIds: readonly string[];
  /** ACR Enterprise Edition instance the image is in; none for Personal Edition, which SAE pulls from by URL. */
  readonly registryInstanceId?: string;
  readonly imageUrl: string;
  /** Instances at deploy; with autoscaling the floor, and SAE's scaling rule owns the count afterwards. */
  readonly replicas: number;
  readonly autoscaled: boolean;
  /** The release's canary phase, if it has one. */
  readonly canary?: Canary;
  readonly env: readonly ContainerEnv[];
  /** The id of the environment's config map, which shared values are read from. */
  readonly configMapId?: string;
  readonly slsConfigs: readonly SlsConfig[];
  /** The logstore the application writes to; created before the application. */
  readonly logStore: SlsLogStore;
  /** What the stores the service uses need in place before it starts (their instance, account and rights). */
  readonly storesReady?: readonly TerraformResource[];
  readonly tags: Record<string, string>;
  /** Told of every setting of the service rendered other than asked. */
  readonly reportLoss: ReportLoss;
}

/** One per service: rendered with only the attributes set. */
const Application = withDefinedAttributes(SaeApplication);

/** One SAE application running `service`'s image. */
export function renderApplication(scope: Construct, service: Service, inputs: ApplicationInputs): SaeApplication {
  const probe = service.probe ? saeProbe(service.probe, inputs.reportLoss) : undefined;
  return new Application(scope, `app-${service.name}`, {
    appName: service.name,
    appDescription: `${service.name} (${scope.node.id})`,
    namespaceId: inputs.namespaceId,
    packageType: "Image",
    imageUrl: inputs.imageUrl,
    acrInstanceId: inputs.registryInstanceId,
    vpcId: inputs.vpcId,
    // SAE spreads instances over every vSwitch of a comma-separated list.
    vswitchId: inputs.vswitchIds.join(","),
    replicas: inputs.replicas,
    cpu: service.resources.cpu.toMillicores(),
    memory: service.resources.memory.toMebibytes(),
    envs: envsJson(inputs.env, inputs.configMapId),
    slsConfigs: canonicalJson(inputs.slsConfigs),
    livenessV2: probe,
    readinessV2: probe,
    minReadyInstances: service.rollout.minReadyInstances(inputs.replicas),
    // The scaling rule moves the count: the ready share follows it (SAE uses the ratio before the count).
    minReadyInstanceRatio: inputs.autoscaled ? service.rollout.minReadyPercent(inputs.replicas) : undefined,
    updateStrategyV2: updateStrategy(service.rollout, inputs.replicas, inputs.reportLoss, inputs.canary),
    // SAE pauses a scaling rule while it deploys; this turns it back on afterwards.
    autoEnableApplicationScalingRule: inputs.autoscaled ? true : undefined,
    pvtzDiscoverySvc: service.ports.length === 0 ? undefined : {
      enable: true,
      namespaceId: inputs.namespaceId,
      serviceName: inputs.discoveryName,
      portProtocols: service.ports.map((p) => ({ port: p.port, protocol: "TCP" })),
    },
    deploy: true,
    tags: inputs.tags,
    dependsOn: [inputs.logStore, ...(inputs.storesReady ?? [])],
    // The scaling rule changes the instance count; applying the floor again would undo its work.
    lifecycle: inputs.autoscaled ? { ignoreChanges: ["replicas"] } : undefined,
  });
}

/**
 * SAE `envs`: a JSON array of `{name, value}`; variable values never appear in
 * the synthesized file (json-text.ts). A shared value is read from the
 * environment's config map: `{name, valueFrom: {configMapRef: {configMapId, key}}}`,
 * the id a number Terraform fills in.
 */
export function envsJson(env: readonly ContainerEnv[], configMapId?: string): string {
  return canonicalJson(env.map((e) => (e.shared !== undefined && configMapId !== undefined
    ? { name: e.name, valueFrom: { configMapRef: { configMapId: Token.asNumber(configMapId), key: e.shared } } }
    : { name: e.name, value: e.value })));
}

/** The thresholds SAE applies to every probe; it has no setting for them. */
const SAE_THRESHOLDS = { failureThreshold: 3, successThreshold: 1 } as const;

/**
 * The probe as SAE liveness/readiness. SAE has no failure or success
 * threshold (it always applies 3 and 1), and counts in whole seconds: times
 * are rounded up so a check is never stricter than asked. Each difference
 * from what was asked is reported.
 */
export function saeProbe(probe: Probe, report: ReportLoss): SaeApplicationLivenessV2 {
  const check = probe.check;
  const timing = probe.timing;
  for (const field of ["failureThreshold", "successThreshold"] as const) {
    if (timing[field] !== SAE_THRESHOLDS[field]) {
      report({ field: `probe.${field}`, asked: timing[field], rendered: SAE_THRESHOLDS[field],
        reason: `SAE has no such setting and always applies ${SAE_THRESHOLDS[field]}` });
    }
  }
  const seconds = (field: "initialDelay" | "period" | "timeout") => {
    const whole = Math.ceil(timing[field].toSeconds());
    if (whole * 1000 !== timing[field].toMillis()) {
      report({ field: `probe.${field}`, asked: timing[field], rendered: Duration.seconds(whole),
        reason: "SAE counts probe times in whole seconds; rounded up so no check is stricter than asked" });
    }
    return whole;
  };
  return {
    initialDelaySeconds: seconds("initialDelay"),
    periodSeconds: seconds("period"),
    timeoutSeconds: seconds("timeout"),
    httpGet: check.kind === "http" ? { path: check.path, port: check.port, scheme: "HTTP" } : undefined,
    tcpSocket: check.kind === "tcp" ? { port: check.port } : undefined,
    exec: check.kind === "command" ? { command: [...check.command] } : undefined,
  };
}

/**
 * Batch updates with automatic release between batches (a manual release
 * would leave `terraform apply` waiting on a console click, which the
 * provider treats as a failed deploy). A phased release needs more than one
 * instance, and SAE cannot use more batches than instances; it counts the
 * pause in whole minutes. Each difference from what was asked is reported. A
 * canary makes the first batch a gray batch and holds each batch for its
 * `verifyFor` (the model rules give a canary at least 2 instances and whole minutes).
 */
export function updateStrategy(
  rollout: Rollout, replicas: number, report: ReportLoss, canary?: Canary,
): SaeApplicationUpdateStrategyV2 | undefined {
  if (replicas < 2) {
    report({ field: "rollout", asked: rollout, rendered: undefined,
      reason: "a single instance is replaced in one step (SAE rolls in batches only from 2 instances), with a gap in service" });
    return undefined;
  }
  const batch = Math.min(rollout.batches, replicas);
  if (batch !== rollout.batches) {
    report({ field: "rollout.batches", asked: rollout.batches, rendered: batch,
      reason: `SAE cannot use more batches than instances (${replicas})` });
  }
  const pause = canary?.verifyFor ?? rollout.interval;
  // Rounded up so the pause is never shorter than asked.
  const minutes = Math.ceil(pause.toMillis() / 60_000);
  if (minutes * 60_000 !== pause.toMillis()) {
    report({ field: "rollout.interval", asked: pause, rendered: `${minutes} minute${minutes === 1 ? "" : "s"}`,
      reason: "SAE counts the pause between batches in whole minutes; rounded up so it is never shorter than asked" });
  }
  return {
    type: rollout.grayFirst || canary ? "GrayBatchUpdate" : "BatchUpdate",
    batchUpdate: { releaseType: "auto", batch, batchWaitTime: minutes },
  };
}
