// Runs the rules of now.js (what depends on now) on the cases tests/test_now.py writes:
// node now.cjs CASES.json prints, for each case, "next for you", the timeline, the row marked
// next on each page, every page's marks, and the sessions page's week; "next for you" and the
// timeline hold of the tracks a case's student chose (mine) only theirs, as on the page.
"use strict";
const fs = require("fs");
const path = require("path");
const rules = require(path.join(__dirname, "..", "..", "overrides", "assets", "javascripts", "now.js"));

// Candidates as the page's data-cg-* attributes give them.
function items(list) {
  return list.map((data) => ({ key: data.key, start: Number(data.start), end: Number(data.end), group: data.group,
    live: data.live === "1", choice: data.choice, track: data.track }));
}

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = cases.map(function (c) {
  const marks = {};
  for (const [page, rows] of Object.entries(c.pages)) {
    const states = rules.marks(items(rows), c.now);
    marks[page] = states;
  }
  const next = rules.choose(rules.mine(items(c.next), c.mine), c.fallback.map((key) => ({ key })), c.now,
    c.nextLimit);
  const week = rules.weekOf(c.weeks, c.today);
  return {
    next: next.map((found) => found.key),
    timeline: rules.coming(rules.mine(items(c.timeline), c.mine), c.now, c.timelineLimit).map((found) => found.key),
    marks: marks,
    week: week ? week.number : null,
  };
});
process.stdout.write(JSON.stringify(results));
