#!/usr/bin/env node
// Reads an .ics file with ical.js (the parser inside Thunderbird) and prints
// what a calendar client would see, as JSON, for the Python tests to compare:
//
//   node tests/node/ics_to_json.mjs path/to/calendar.ics [more.ics ...]
//
// Output, for one file: {"events": [{uid, summary, description, location, status, transp,
// sequence, allDay, start, end}], "unresolvedTzids": [...]}. Timed start/end are UTC ISO
// strings; all-day start/end are the date strings (YYYY-MM-DD). For several files: that object
// for each file, by its path as given.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// Register every VTIMEZONE of the calendar so that TZID parameters resolve.
function registerTimezones(vcalendar) {
  for (const vtimezone of vcalendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
}

// Collect the TZID parameters no registered time zone answers for.
function unresolvedTzids(component, found = new Set()) {
  if (component.name === "vtimezone") {
    return found;
  }
  for (const property of component.getAllProperties()) {
    const tzid = property.getParameter("tzid");
    if (tzid && !ICAL.TimezoneService.has(tzid)) {
      found.add(tzid);
    }
  }
  for (const child of component.getAllSubcomponents()) {
    unresolvedTzids(child, found);
  }
  return found;
}

// Render an ICAL.Time as a date string (all-day) or a UTC ISO instant.
function timeToString(time) {
  if (!time) {
    return null;
  }
  if (time.isDate) {
    return time.toString();
  }
  return new Date(time.toUnixTime() * 1000).toISOString();
}

// Turn one VEVENT into the plain object the tests compare.
function eventToJson(vevent) {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description ?? null,
    location: event.location ?? null,
    status: vevent.getFirstPropertyValue("status"),
    transp: vevent.getFirstPropertyValue("transp"),
    sequence: event.sequence ?? null,
    allDay: event.startDate.isDate,
    start: timeToString(event.startDate),
    end: timeToString(event.endDate),
  };
}

// The JSON summary of one file, read with only its own VTIMEZONEs registered.
function summary(path) {
  ICAL.TimezoneService.reset();
  const vcalendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  registerTimezones(vcalendar);
  return {
    events: vcalendar.getAllSubcomponents("vevent").map(eventToJson),
    unresolvedTzids: [...unresolvedTzids(vcalendar)].sort(),
  };
}

// Parse the files named on the command line and print the JSON summary: of the file, for one;
// by path, for several (each read on its own: no file's time zones answer for another's).
function main(argv) {
  if (argv.length === 0) {
    process.stderr.write("usage: node ics_to_json.mjs FILE.ics [FILE.ics ...]\n");
    return 2;
  }
  const result = argv.length === 1 ? summary(argv[0]) : Object.fromEntries(argv.map((path) => [path, summary(path)]));
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
