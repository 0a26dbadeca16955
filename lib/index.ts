/**
 * Describe each microservice once and get Terraform for a Docker test environment and
 * Alibaba Cloud prerelease and production. The plan review has its own entry point,
 * `cdktf-service-platform/review`. This is the build for cdktf 0.21; the build for cdktn 0.24,
 * `cdktf-service-platform/cdktn`, exports the same API (see docs/cdktn.md).
 *
 * Only what a team's stack uses is exported here; renderers and rule tables stay inside.
 * @module cdktf-service-platform
 */

// First: the framework, constructs and bindings this build loads from the app are there (see peers.ts).
import "./environments/peers";

// The service model: what a team writes once for every environment.
export { ServiceCatalog, type DefaultStage, type ReleaseEntries, type StageValues } from "./model/catalog";
export { Service, type ServiceProps } from "./model/service";
export { Image } from "./model/image";
export { Port, type PortOptions, type PortProtocol } from "./model/port";
export { Route, type RouteOptions, type RouteVisibility } from "./model/route";
export {
  Probe, type ProbeCheck, type ProbeTiming, type PortProbeOptions, type HttpProbeOptions, type ResolvedProbeTiming,
} from "./model/probe";
export { EnvValue, Secret, type VariableOptions } from "./model/config";
export {
  MysqlStore, RedisStore, Store, type ConnectionField, type MysqlConnection, type MysqlStoreProps, type RedisStoreProps,
  type StoreConnection, type StoreEngine, type StoreProps,
} from "./model/store";
export { SharedConfig } from "./model/shared-config";
export { LogStore, type LogSource, type LogStoreOptions } from "./model/log-store";
export { Rollout, type BatchRolloutOptions } from "./model/rollout";
export { Duration } from "./model/duration";
export { Cpu, Size, type Resources } from "./model/size";
export { Release, type ReleaseEntry } from "./model/release";
export {
  Autoscaling, ScalingSchedule, ScalingTarget, type AutoscalingOptions, type ScalingMeasure, type ScalingWindowOptions, type Weekday,
} from "./model/autoscaling";
export { Alarms, type AlarmThresholds, type Alerting, type ResolvedAlarmThresholds } from "./model/alarms";
export { Canary, type CanaryMatch, type CanaryOptions } from "./model/canary";

// Stages and their policies; Checker and Violation for a team's own policies.
export { Stages } from "./environments/stage";
export type { Policy, PolicyContext, StageSettings, StorePlan, StoreSettings } from "./policies/policy";
export type {
  RenderedAlarm, RenderedAttribute, RenderedConfiguration, RenderedEnv, RenderedExpression, RenderedLiteral, RenderedLogStore, RenderedProbe,
  RenderedStore, RenderedVariable, RenderedWorkload,
} from "./policies/rendered";
export { Policies, type DefaultPolicyName, type PolicyName } from "./policies/policies";
export type { AutoscalingPolicyOptions } from "./policies/autoscaling";
export type { AlarmsPolicyOptions } from "./policies/alarms";
export type { LogRetentionOptions } from "./policies/log-retention";
export type { MinReplicasOptions } from "./policies/min-replicas";
export type { MinZonesOptions } from "./policies/min-zones";
export type { StoreSafetyOptions } from "./policies/store-safety";
export { Checker, type Rule } from "./validation/checker";
export { ValidationError, type Severity, type StackReport, type Violation } from "./validation/violation";

// The environments, and the stack that bootstraps their remote state.
export { CheckedStack } from "./environments/checked-stack";
export { EnvironmentStack, type EnvironmentProps } from "./environments/environment-stack";
export { DockerEnvironment } from "./platforms/docker/docker-environment";
export type { DockerEnvironmentProps, DockerStoreProps } from "./platforms/docker/docker-props";
export { AlicloudEnvironment } from "./platforms/alicloud/alicloud-environment";
export type {
  AlicloudAccessLogs, AlicloudEnvironmentProps, AlicloudNetworkProps, AlicloudRegistry, AlicloudRegistryProps, AlicloudStateProps,
  AlicloudStoreProps, AlicloudZone,
  PersonalRegistryEndpoint, PersonalRegistryProps, RegistryEdition,
} from "./platforms/alicloud/alicloud-props";
export { ALICLOUD_REGIONS } from "./platforms/alicloud/regions";
export { StateBootstrap } from "./platforms/alicloud/state-bootstrap";
export type { StateLocation } from "./platforms/alicloud/state";
export type { DeployerProps, DeployerRoleProps, StateBootstrapProps } from "./platforms/alicloud/state-bootstrap-props";
export type { DeployerExemption } from "./platforms/alicloud/least-privilege";
export { RAM_ACTIONS_BY_TYPE } from "./platforms/alicloud/ram-actions";
export type { RamPolicyDocument, RamStatement } from "./platforms/alicloud/deployer-policy";

// Moving from compose templates of Alibaba Cloud's container service.
export * from "./compose";
