/**
 * One fresh process that does what one `cdktf synth` of a large App does: loads the library,
 * builds `services` generated services wired to the example's environments and synthesizes them
 * into `outdir`, once. Started by scripts/bench/fresh.ts through scripts/run-ts.js, as cdktf.json
 * starts the App.
 *
 *   node scripts/run-ts.js scripts/bench/fresh-library.ts <services> <scope> <outdir>
 */
import { Scope, runLibrary } from "./library-app";
import { reportProcess } from "./fresh-report";

runLibrary(Number(process.argv[2]), process.argv[3] as Scope, process.argv[4]);
reportProcess();
