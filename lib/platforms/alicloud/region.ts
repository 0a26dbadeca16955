import { matching } from "../../validation/rules";

/** A region id such as `cn-hangzhou` or `ap-southeast-1`. */
export const REGION = matching(/^[a-z]{2}(-[a-z0-9]+)+$/, "a region id such as cn-hangzhou or ap-southeast-1");
