// Runs the decision benchmark's ffpolicy decisions in a loop, for a CPU profile:
//   npm run build && node --cpu-prof --cpu-prof-dir=/tmp/ffp-prof out/bench/profile-decide.js [ROLES] [allow|deny|all] [SECONDS]
// (setup — parsing the policy, Cedar's pre-parse — is in the profile too, but small next to the loop).

import { decideCases } from "./decide.js";

const roles = Number(process.argv[2] ?? 1000);
const which = process.argv[3] ?? "all";
const seconds = Number(process.argv[4] ?? 10);
const cases = decideCases(roles).filter((c) => which === "all" || c.request.expect === which);
const end = performance.now() + seconds * 1000;
let count = 0;
while (performance.now() < end) {
  for (const c of cases) c.ffpolicy();
  count += cases.length;
}
process.stdout.write(`${roles} roles, ${which}: ${count} decisions, ${((seconds * 1e6) / count).toFixed(1)} µs each\n`);
