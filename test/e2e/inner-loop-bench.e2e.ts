/**
 * The inner-loop part of `npm run bench` (scripts/bench/inner-loop.ts), for real: one round of
 * `npm run up` from down, `npm run up` again and `npm run down`, each beside its floor, on the
 * example's test environment. Its floors are real too: the environment the "up from down" floor
 * builds through the Engine API answers on its routes before the clock stops, and the "down"
 * floor leaves nothing. Starts with the environment down (`npm run down`) and leaves it down.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { objectsOf } from "../../scripts/local/docker-objects";
import { STACK } from "../../scripts/local/environment";
import { ROOT } from "./support";

test("npm run bench -- --parts inner-loop: up from down, up again and down, each with its floor; nothing left", () => {
  const down = spawnSync("npm", ["run", "down"], { cwd: ROOT, encoding: "utf8", timeout: 600_000 });
  expect({ status: down.status, stderr: down.status === 0 ? "" : down.stderr }).toEqual({ status: 0, stderr: "" });

  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inner-loop-bench-")), "bench.json");
  const result = spawnSync("npm", ["run", "bench", "--", "--parts", "inner-loop", "--loop-runs", "1", "--json", out], {
    cwd: ROOT, encoding: "utf8", timeout: 900_000,
  });
  expect({ status: result.status, stderr: result.status === 0 ? "" : result.stderr }).toEqual({ status: 0, stderr: "" });
  expect(result.stdout).toMatch(/^npm run up, from down .*the containers' own create, start and health/m);
  expect(result.stdout).toMatch(/^npm run up, again .*terraform plan finding no change/m);
  expect(result.stdout).toMatch(/^npm run down .*docker rm -f/m);

  const { innerLoop, innerLoopRuns, summaries } = JSON.parse(fs.readFileSync(out, "utf8"));
  expect(summaries).toEqual([]);
  // The services and the load balancer and registry, and the example's two stores.
  expect(innerLoopRuns.containers).toBe(10);
  for (const figure of ["upFromDown", "upAgain", "down"]) {
    expect(innerLoopRuns[figure]).toHaveLength(1);
    const { library, floor, steps } = innerLoopRuns[figure][0];
    expect({ figure, library: library > 0, floor: floor > 0 }).toEqual({ figure, library: true, floor: true });
    expect(innerLoop[figure].ratio).toBeCloseTo(library / floor, 5);
    // Each command's own report of where its time went.
    expect(Object.keys(steps)).toContain("terraform");
  }
  expect(Object.keys(innerLoopRuns.upAgain[0].steps)).toEqual(["engine", "synthesis", "checks", "images", "terraform", "ready"]);
  expect(objectsOf(STACK)).toEqual([]);
}, 20 * 60 * 1000);
