import { Construct } from "constructs";
import { SaeGreyTagRoute } from "../../../.gen/providers/alicloud/sae-grey-tag-route";
import { ReportLoss } from "../../environments/loss";
import { Canary } from "../../model/canary";
import { Service } from "../../model/service";

/**
 * The canary's request rule as an SAE grey tag route (SAE API
 * CreateGreyTagRoute, one per application): while the application's gray
 * release runs, requests with any of the headers or cookies at the given
 * value go to the instances of the gray batch, every other request to the
 * running version. Two things stand between the route and the requests, and
 * every canary reports both with what the team must do: the application's
 * switch for it (`enable_grey_tag_route`) never reaches SAE through the
 * provider (1.247.0 sends it only when it redeploys an application, and its
 * diff suppression keeps the value SAE has, so `true` is never planned), so it
 * is not rendered and the team switches it on once outside Terraform; and SAE
 * evaluates these rules only for Spring Cloud and Dubbo applications under its
 * microservice governance, which the platform cannot tell from an image.
 */
export function renderCanaryRoute(
  scope: Construct, service: Service, appId: string, canary: Canary, report: ReportLoss,
): SaeGreyTagRoute {
  report({ field: "release.canary", asked: canary.selectors(), rendered: "an SAE grey tag route",
    reason: "the alicloud provider cannot switch grey tag routing on for the application (enable_grey_tag_route never reaches SAE): " +
      "switch it on once outside Terraform, in the SAE console or with the DeployApplication API's EnableGreyTagRoute=true, and " +
      "later deploys keep it; and SAE routes by header or cookie only for Spring Cloud and Dubbo applications under its " +
      "microservice governance: for any other application the gray batch takes its share of every request (docs/operations.md)" });
  return new SaeGreyTagRoute(scope, `canary-${service.name}`, {
    appId,
    greyTagRouteName: `${service.name}-canary`,
    description: `Canary of ${service.name} in ${scope.node.id}: ${canary.selectors().join(" or ")}`,
    scRules: [{
      // Every path of the service; the items are alternatives.
      path: "/",
      condition: "OR",
      items: canary.matches.map((m) => ({ type: m.kind, name: m.name, operator: "rawvalue", cond: "==", value: m.value })),
    }],
  });
}
