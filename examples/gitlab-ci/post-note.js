#!/usr/bin/env node
// Posts a plan-review report as one merge-request note: creates it on the
// first run, updates it on every later one (found by a marker). Without the
// report file (the job failed before the review ran) it posts that instead, so
// the last review never stays up unnoticed.
//
// Usage (GitLab CI after_script): node examples/gitlab-ci/post-note.js review/review.md
// Needs: CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID (set by GitLab), PLAN_REVIEW_TOKEN.
const fs = require("fs");

const MARKER = "<!-- plan-review -->";

async function main(file) {
  const { CI_API_V4_URL: api, CI_PROJECT_ID: project, CI_MERGE_REQUEST_IID: mr, PLAN_REVIEW_TOKEN: token, CI_JOB_URL: job } = process.env;
  if (!token) {
    console.error("post-note: PLAN_REVIEW_TOKEN is not set; the review is not posted (see the job's artifacts)");
    return;
  }
  const report = fs.existsSync(file)
    ? fs.readFileSync(file, "utf8")
    : `## Plan review\n\n**✗ Review incomplete: the job failed before the review ran.** See the [job log](${job ?? ""}).\n`;
  const body = `${MARKER}\n${report}`;
  const notes = `${api}/projects/${encodeURIComponent(project)}/merge_requests/${mr}/notes`;
  const call = async (url, method, payload) => {
    const response = await fetch(url, {
      method,
      headers: { "PRIVATE-TOKEN": token, "Content-Type": "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  for (let page = 1; ; page++) {
    const found = await call(`${notes}?per_page=100&page=${page}&sort=asc`, "GET");
    const previous = found.find((note) => typeof note.body === "string" && note.body.startsWith(MARKER));
    if (previous) {
      await call(`${notes}/${previous.id}`, "PUT", { body });
      return;
    }
    if (found.length < 100) break;
  }
  await call(notes, "POST", { body });
}

main(process.argv[2] ?? "review/review.md").catch((error) => {
  console.error(`post-note: ${error.message}`);
  process.exitCode = 1;
});
