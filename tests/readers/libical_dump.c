/* Print each VEVENT of an .ics file as libical reads it, one line per event:
 * UID <TAB> start <TAB> end, where a timed value is seconds since the epoch (UTC) and an
 * all-day value is YYYY-MM-DD. Times are resolved by libical itself from the file's own
 * VTIMEZONE components. A missing DTEND prints as "-".
 *
 * With --expand, print every occurrence instead: recurrences come from
 * icalcomponent_foreach_recurrence (RRULE, EXDATE), and a VEVENT with a RECURRENCE-ID stands
 * for the occurrence it names, as a client such as Evolution shows it. An all-day event that
 * does not recur prints as above, its days as YYYY-MM-DD. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OVERRIDES 4096

static const char *override_uid[MAX_OVERRIDES];
static time_t override_at[MAX_OVERRIDES];
static int overrides = 0;

/* The RECURRENCE-ID of an event with its TZID resolved from the file's VTIMEZONE. */
static struct icaltimetype recurrence_id(icalcomponent *calendar, icalcomponent *event) {
    icalproperty *property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
    if (!property) {
        return icaltime_null_time();
    }
    struct icaltimetype t = icalproperty_get_recurrenceid(property);
    icalparameter *tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    if (tzid) {
        icaltimezone *zone = icalcomponent_get_timezone(calendar, icalparameter_get_tzid(tzid));
        if (zone) {
            t = icaltime_set_timezone(&t, zone);
        }
    }
    return t;
}

static time_t as_utc(struct icaltimetype t) {
    return icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
}

/* True when another VEVENT of the same UID replaces the occurrence starting at `start`. */
static int overridden(const char *uid, time_t start) {
    for (int i = 0; i < overrides; i++) {
        if (override_at[i] == start && strcmp(override_uid[i], uid) == 0) {
            return 1;
        }
    }
    return 0;
}

static void print_span(icalcomponent *event, struct icaltime_span *span, void *data) {
    (void)data;
    const char *uid = icalcomponent_get_uid(event);
    if (!overridden(uid, span->start)) {
        printf("%s\t%lld\t%lld\n", uid, (long long)span->start, (long long)span->end);
    }
}

static void print_time(struct icaltimetype t) {
    if (icaltime_is_null_time(t)) {
        printf("-");
    } else if (icaltime_is_date(t)) {
        printf("%04d-%02d-%02d", t.year, t.month, t.day);
    } else {
        printf("%lld", (long long)icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone()));
    }
}

/* Print every occurrence of every VEVENT, overrides in place of the occurrences they name. */
static void expand(icalcomponent *calendar) {
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        struct icaltimetype recurrence = recurrence_id(calendar, event);
        if (!icaltime_is_null_time(recurrence) && overrides < MAX_OVERRIDES) {
            override_uid[overrides] = icalcomponent_get_uid(event);
            override_at[overrides++] = as_utc(recurrence);
        }
    }
    struct icaltimetype from = icaltime_from_string("19000101T000000Z");
    struct icaltimetype until = icaltime_from_string("22010101T000000Z");
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        int recurs = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != NULL;
        if (icaltime_is_null_time(icalcomponent_get_recurrenceid(event)) &&
            (recurs || !icaltime_is_date(icalcomponent_get_dtstart(event)))) {
            icalcomponent_foreach_recurrence(event, from, until, print_span, NULL);
        } else {
            printf("%s\t", icalcomponent_get_uid(event));
            print_time(icalcomponent_get_dtstart(event));
            printf("\t");
            print_time(icalcomponent_get_dtend(event));
            printf("\n");
        }
    }
}

int main(int argc, char **argv) {
    int expanding = argc == 3 && strcmp(argv[1], "--expand") == 0;
    if (argc != 2 && !expanding) {
        fprintf(stderr, "usage: %s [--expand] FILE.ics\n", argv[0]);
        return 2;
    }
    const char *name = argv[argc - 1];
    FILE *file = fopen(name, "rb");
    if (!file) {
        perror(name);
        return 2;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *text = malloc(size + 1);
    if (!text || fread(text, 1, size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", name);
        return 2;
    }
    text[size] = '\0';
    fclose(file);
    icalcomponent *calendar = icalparser_parse_string(text);
    if (!calendar) {
        fprintf(stderr, "libical could not parse %s\n", name);
        return 1;
    }
    if (expanding) {
        expand(calendar);
    }
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         event && !expanding; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        const char *uid = icalcomponent_get_uid(event);
        printf("%s\t", uid ? uid : "");
        print_time(icalcomponent_get_dtstart(event));
        printf("\t");
        icalproperty *dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY);
        print_time(dtend ? icalcomponent_get_dtend(event) : icaltime_null_time());
        printf("\n");
    }
    icalcomponent_free(calendar);
    free(text);
    return 0;
}
