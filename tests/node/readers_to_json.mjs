#!/usr/bin/env node
// Reads .ics files with ts-ics or node-ical, two parsers that web and Node calendar apps use,
// and prints what each shows, as JSON, for the Python tests to compare (tests/clients.py):
//
//   node tests/node/readers_to_json.mjs ts-ics|node-ical FILE.ics...
//
// Output: {"FILE.ics": {events, unresolvedTzids, occurrences}, ...}, one process for many files.
// `events` are the VEVENTs as ics_to_json.mjs gives them: {uid, summary, description, location,
// status, transp, sequence, allDay, start, end}, timed start and end as UTC ISO instants, all-day
// ones as dates. `occurrences` ({uid, start, end}) are every occurrence as the library repeats a
// recurring event: EXDATE left out, a VEVENT with a RECURRENCE-ID in place of the one it names.
// `unresolvedTzids` are the TZIDs of times the file's own VTIMEZONE does not give.
//
// How each library reads times, and so what runs here:
// - ts-ics takes a TZID's offset from the file's VTIMEZONE: the latest observance onset at or
//   before the local time, each RRULE repeated by `extendTimezoneProps`. When no onset precedes
//   the time it silently asks the JavaScript runtime's zone database under the TZID's name;
//   such a TZID is listed in `unresolvedTzids`, as the time did not come from the file.
//   It repeats an RRULE with `extendByRecurrenceRule` (its own utility) in the process's local
//   time, so the tests run expansion with TZ set to the course's zone; relating RECURRENCE-ID
//   events to their occurrence is left to the application (done here by instant).
// - node-ical resolves an IANA TZID by name with the runtime's zone database and uses the
//   VTIMEZONE only for names it does not know; it repeats an RRULE with rrule-temporal and
//   relates EXDATE and RECURRENCE-ID itself (`expandRecurringEvent`). All-day dates are made in
//   the process's local time and shown with the local date, as its README says to.
import { readFileSync } from "node:fs";
import { convertIcsCalendar, extendByRecurrenceRule, extendTimezoneProps } from "ts-ics";
import ical from "node-ical";

// Occurrences looked for: every year a course may have.
const FROM = new Date(Date.UTC(1900, 0, 1));
const TO = new Date(Date.UTC(2201, 0, 1));

// A date (YYYY-MM-DD) from the year, month and day of `parts`.
function isoDate(year, month, day) {
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---- ts-ics ---------------------------------------------------------------------------

// A ts-ics date object ({date, type, local}) as a date string (all-day) or a UTC ISO instant.
function tsicsTime(value) {
  if (!value) {
    return null;
  }
  const { date } = value;
  return value.type === "DATE" ? isoDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
    : date.toISOString();
}

// Whether the file's VTIMEZONE gives the offset of a local time: an onset at or before it.
function tsicsCovered(timezones, value) {
  const zone = (timezones ?? []).find((tz) => tz.id === value.local.timezone);
  return Boolean(zone) && extendTimezoneProps(value.local.date, zone.props).some((prop) => prop.start <= value.local.date);
}

// The TZIDs of the event's local times that the VTIMEZONE does not give.
function tsicsUnresolved(timezones, event, found) {
  const values = [event.start, event.end, event.recurrenceId?.value, ...(event.exceptionDates ?? [])];
  for (const value of values) {
    if (value?.local && !tsicsCovered(timezones, value)) {
      found.add(value.local.timezone);
    }
  }
}

// Every occurrence of the recurring ts-ics event `master`, with the events `overrides` that name one.
function tsicsOccurrences(master, overrides) {
  const span = master.end.date - master.start.date;
  const starts = master.recurrenceRule ? extendByRecurrenceRule(master.recurrenceRule, {
    start: master.start.date,
    end: TO,
    exceptions: (master.exceptionDates ?? []).map((value) => value.date),
  }) : [master.start.date];
  return starts.map((start) => {
    const moved = overrides.find((o) => o.recurrenceId.value.date.getTime() === start.getTime());
    if (moved) {
      return { uid: moved.uid, start: tsicsTime(moved.start), end: tsicsTime(moved.end) };
    }
    const end = { ...master.end, date: new Date(start.getTime() + span) };
    return { uid: master.uid, start: tsicsTime({ ...master.start, date: start }), end: tsicsTime(end) };
  });
}

// One file as ts-ics reads it.
function readTsics(text) {
  const calendar = convertIcsCalendar(undefined, text);
  const events = calendar.events ?? [];
  const unresolved = new Set();
  for (const event of events) {
    tsicsUnresolved(calendar.timezones, event, unresolved);
  }
  const overrides = events.filter((e) => e.recurrenceId);
  return {
    events: events.map((e) => ({
      uid: e.uid,
      summary: e.summary ?? null,
      description: e.description ?? null,
      location: e.location ?? null,
      status: e.status ?? null,
      transp: e.timeTransparent ?? null,
      sequence: e.sequence ?? null,
      allDay: e.start.type === "DATE",
      start: tsicsTime(e.start),
      end: tsicsTime(e.end),
    })),
    unresolvedTzids: [...unresolved].sort(),
    occurrences: events.filter((e) => !e.recurrenceId).flatMap(
      (master) => tsicsOccurrences(master, overrides.filter((o) => o.uid === master.uid))),
  };
}

// ---- node-ical -------------------------------------------------------------------------

// A node-ical Date as a date string (all-day: its local date) or a UTC ISO instant.
function nodeicalTime(value, allDay) {
  return allDay ? isoDate(value.getFullYear(), value.getMonth(), value.getDate()) : value.toISOString();
}

// A node-ical VEVENT as the tests compare it.
function nodeicalEvent(event) {
  const allDay = event.datetype === "date";
  return {
    uid: event.uid,
    summary: textOf(event.summary),
    description: textOf(event.description),
    location: textOf(event.location),
    status: event.status ?? null,
    transp: event.transparency ?? null,
    sequence: event.sequence === undefined ? null : Number(event.sequence),
    allDay,
    start: nodeicalTime(event.start, allDay),
    end: nodeicalTime(event.end, allDay),
  };
}

// node-ical gives a text with parameters as {params, val}.
function textOf(value) {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === "object" ? value.val : value;
}

// One file as node-ical reads it: every VEVENT (the overrides of a series under its
// `recurrences`), and every occurrence as `expandRecurringEvent` gives it.
function readNodeical(text) {
  const masters = Object.values(ical.sync.parseICS(text)).filter((c) => c.type === "VEVENT");
  const events = masters.flatMap((m) => [m, ...new Set(Object.values(m.recurrences ?? {}))]);
  const occurrences = masters.flatMap((m) => ical.expandRecurringEvent(m, { from: FROM, to: TO }).map((o) => ({
    uid: o.event.uid,
    start: nodeicalTime(o.start, o.isFullDay),
    end: nodeicalTime(o.end, o.isFullDay),
  })));
  return { events: events.map(nodeicalEvent), unresolvedTzids: [], occurrences };
}

const READERS = { "ts-ics": readTsics, "node-ical": readNodeical };

// Read every file named on the command line with the reader named first.
function main([reader, ...files]) {
  if (!READERS[reader] || files.length === 0) {
    process.stderr.write("usage: node readers_to_json.mjs ts-ics|node-ical FILE.ics...\n");
    return 2;
  }
  const result = Object.fromEntries(files.map((file) => [file, READERS[reader](readFileSync(file, "utf8"))]));
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
