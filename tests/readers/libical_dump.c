/* Print each VEVENT of an .ics file as libical reads it, one line per event:
 * UID <TAB> start <TAB> end, where a timed value is seconds since the epoch (UTC) and an
 * all-day value is YYYY-MM-DD. Times are resolved by libical itself from the file's own
 * VTIMEZONE components. A missing DTEND prints as "-". */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static void print_time(struct icaltimetype t) {
    if (icaltime_is_null_time(t)) {
        printf("-");
    } else if (icaltime_is_date(t)) {
        printf("%04d-%02d-%02d", t.year, t.month, t.day);
    } else {
        printf("%lld", (long long)icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone()));
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.ics\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 2;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *text = malloc(size + 1);
    if (!text || fread(text, 1, size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    text[size] = '\0';
    fclose(file);
    icalcomponent *calendar = icalparser_parse_string(text);
    if (!calendar) {
        fprintf(stderr, "libical could not parse %s\n", argv[1]);
        return 1;
    }
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
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
