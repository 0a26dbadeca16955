export * from "./model";
export * from "./environments/environment-stack";
export * from "./environments/policy";
export * from "./environments/stage";
export * from "./validation/violation";
export * from "./platforms/docker/docker-environment";
export { renderNginxConfig, NO_ROUTE_ANSWER } from "./platforms/docker/nginx-config";
export { planListeners } from "./platforms/docker/load-balancer-plan";
