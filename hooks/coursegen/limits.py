"""The limits of a course file: what keeps a small file from costing without bound.

Each limit is enforced with a located message by the loader or the model, and listed in
REFERENCE.md from these same constants. Together they keep every course file under 1 MB
building in well under 10 s (see `bench/limits.py`).
"""

from __future__ import annotations

# Characters no text may hold: C0 controls except tab, line feed and carriage return, DEL,
# C1 controls, lone surrogates and the two noncharacters XML forbids. They make invalid
# XML (feeds, sitemaps), NUL bytes in pages, or text that cannot be written as UTF-8.
FORBIDDEN_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"

MAX_DEPTH = 16               # YAML nesting: mappings and lists inside each other
MAX_EXPANDED = 2_000_000     # characters that aliases (*name) may repeat in all
MAX_ID = 64                  # characters of an id (ids name files of the site)
MAX_LINK = 2_000             # characters of a link
MAX_TEXT = 2_000             # characters of a text field (titles, names, hints)
MAX_MARKDOWN = 20_000        # characters of a Markdown field
MAX_MARKDOWN_DEPTH = 8       # nested lists and quotes inside a Markdown field
MAX_ITEMS = 1_000            # entries of any list
MAX_MARKUP = 1_000           # '[' (links) and '<' (HTML) in all Markdown fields together
MAX_COUNT = 50               # `count` of a deliverable
MIN_YEAR, MAX_YEAR = 1900, 2200  # years a date may have
MAX_SERIES_SESSIONS = 500    # sessions of one weekly series (ten years of one weekday)
MAX_SESSIONS = 2_000         # sessions of all weekly series together
MAX_SPAN_YEARS = 10          # years any date may lie from the middle of the course's dates
MAX_BEFORE_TALK_DAYS = 366   # days a per-talk date may lie before its talk
MAX_TALK_DATES = 2_000       # per-talk items in all: rules times talks

# (limit, value, what happens beyond it), in the order REFERENCE.md lists them.
LIMITS: list[tuple[str, str, str]] = [
    ("file size", "not refused", "within the limits below, a file under 1 MB builds in under 10 s"),
    ("nesting of YAML mappings and lists", f"{MAX_DEPTH} levels", "refused at the first deeper value"),
    ("characters repeated by aliases (`*name`)", f"{MAX_EXPANDED:,}", "refused at the alias that exceeds it"),
    ("characters of an id", f"{MAX_ID}", "refused"),
    ("characters of a link", f"{MAX_LINK:,}", "refused"),
    ("characters of a text field", f"{MAX_TEXT:,}", "refused"),
    ("characters of a Markdown field", f"{MAX_MARKDOWN:,}", "refused"),
    ("nesting of lists and quotes in Markdown", f"{MAX_MARKDOWN_DEPTH} levels", "refused at the deeper line"),
    ("`[` and `<` in all Markdown fields together", f"{MAX_MARKUP:,} of each",
     "refused at the field that passes it (Markdown's cost grows with the square of their number)"),
    ("entries of any list", f"{MAX_ITEMS:,}", "refused"),
    ("`count` of a deliverable", f"{MAX_COUNT}", "refused"),
    ("sessions of one weekly series", f"{MAX_SERIES_SESSIONS}", "refused at its `last` day"),
    ("sessions of all weekly series together", f"{MAX_SESSIONS:,}", "refused at the series that passes it"),
    ("year of a date", f"{MIN_YEAR} to {MAX_YEAR}", "refused"),
    ("distance of a date from the middle of all dates", f"{MAX_SPAN_YEARS} years", "refused"),
    ("`per_talk.before` of a date", f"{MAX_BEFORE_TALK_DAYS} days", "refused"),
    ("per-talk items (rules with `per_talk` times talks)", f"{MAX_TALK_DATES:,}", "refused at the rule that passes it"),
    ("control characters, lone surrogates (`\\ud800`)", "none",
     "refused in every text; tab and line breaks are allowed"),
]
