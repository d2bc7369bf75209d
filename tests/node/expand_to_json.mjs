#!/usr/bin/env node
// Expands every event of an .ics file with ical.js (the parser inside Thunderbird) the way
// a calendar client does: each recurring VEVENT through ICAL.Event's iterator, with the
// VEVENTs that carry its UID and a RECURRENCE-ID related to it as exceptions, so that
// EXDATEs drop occurrences and overrides move them.
//
//   node tests/node/expand_to_json.mjs path/to/calendar.ics
//
// Output: {"occurrences": [{uid, start, end}]}, start and end as UTC ISO instants (timed
// events) or date strings (all-day ones).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// Iterations per recurring event before giving up: far above any course's sessions.
const MAX_OCCURRENCES = 10000;

// Render an ICAL.Time as a date string (all-day) or a UTC ISO instant.
function timeToString(time) {
  if (time.isDate) {
    return time.toString();
  }
  return new Date(time.toUnixTime() * 1000).toISOString();
}

// Every occurrence of one master event, its exceptions applied.
function expand(event) {
  if (!event.isRecurring()) {
    return [{ uid: event.uid, start: timeToString(event.startDate), end: timeToString(event.endDate) }];
  }
  const found = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && found.length < MAX_OCCURRENCES; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    found.push({ uid: event.uid, start: timeToString(details.startDate), end: timeToString(details.endDate) });
  }
  return found;
}

// Parse the file named on the command line and print every occurrence.
function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node expand_to_json.mjs FILE.ics\n");
    return 2;
  }
  const vcalendar = new ICAL.Component(ICAL.parse(readFileSync(argv[0], "utf8")));
  for (const vtimezone of vcalendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const vevents = vcalendar.getAllSubcomponents("vevent");
  const masters = vevents.filter((v) => !v.hasProperty("recurrence-id")).map((v) => new ICAL.Event(v));
  for (const vevent of vevents.filter((v) => v.hasProperty("recurrence-id"))) {
    const exception = new ICAL.Event(vevent);
    const master = masters.find((m) => m.uid === exception.uid);
    if (master) {
      master.relateException(exception);
    }
  }
  process.stdout.write(JSON.stringify({ occurrences: masters.flatMap(expand) }, null, 2) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
