"""The time zones a course may name: IANA zone names, the same list on every machine.

zoneinfo loads more than IANA's names: `right/...` (clocks that count leap seconds, so every
offset is off by half a minute), `posix/...`, `posixrules`, `localtime` (the building
machine's own zone) and whatever else the machine's zone folder holds, and
`available_timezones()` lists some of them on some machines. The names here are the ones the
pinned tzdata package lists, without `Factory` (a zone of no place); `check`, `coursegen new`
and the build all ask `zone_problem`.
"""

from __future__ import annotations

from difflib import get_close_matches
from importlib import resources

# Names the tzdata package lists that are no place's time zone.
_NO_PLACE = frozenset({"Factory"})

ZONES = frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()) - _NO_PLACE

# The names suggested for a near miss: Area/Location, the form a course should use.
_PLACES = sorted(zone for zone in ZONES if "/" in zone)

# Folders of a machine's zone files that hold other versions of the same zones.
_VARIANTS = ("right/", "posix/")


def zone_problem(name: str) -> str | None:
    """None for an IANA time-zone name; otherwise what is wrong and the nearest names (how to fix it)."""
    if name in ZONES:
        return None
    near = [f"'{zone}'" for zone in _nearest(name)]
    hint = (f"did you mean {', '.join(near[:-1])} or {near[-1]}?" if len(near) > 1 else f"did you mean {near[0]}?"
            if near else "use an IANA name such as Europe/Berlin")
    return f"'{name}' is not an IANA time zone name ({hint})"


# Up to three IANA names a mistyped one most likely meant: the same name without right/ or posix/,
# in other capitals or without its area, else the closest spellings.
def _nearest(name: str) -> list[str]:
    bare = name.strip()
    for variant in _VARIANTS:
        bare = bare.removeprefix(variant)
    folded = bare.casefold()
    same = [zone for zone in _PLACES if folded in (zone.casefold(), zone.rsplit("/", 1)[-1].casefold())]
    return same[:3] or get_close_matches(bare, _PLACES, n=3, cutoff=0.8) or get_close_matches(bare, _PLACES, n=3)
