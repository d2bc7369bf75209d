"""BibTeX for the reading list."""

from __future__ import annotations

import re

from .model import Course, Paper

# LaTeX's special characters and how to write each literally. Braces are written as
# commands, not as \{ \}: BibTeX counts every brace, escaped or not, so a lone } would end
# the field and let the rest of the value write entries of its own.
_LATEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
          "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex(value: str) -> str:
    """Escape text for a BibTeX field (UTF-8 is kept; biber and modern BibTeX read it)."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], " ".join(value.split()))


# Characters a verbatim field (url, doi) cannot hold literally, percent-encoded.
_VERBATIM = {"{": "%7B", "}": "%7D", "\\": "%5C"}


def verbatim(value: str) -> str:
    """A url or doi for BibTeX: read verbatim by biblatex, so only braces and \\ are encoded."""
    return "".join(_VERBATIM.get(char, char) for char in value)


# Words that mark an author as an organisation rather than a person.
_ORGANISATION = re.compile(r"\b(team|group|consortium|collaboration|committee|council|institute|"
                           r"university|laboratory|lab|project|foundation|association|society|"
                           r"initiative|organi[sz]ation|inc|ltd|corporation|center|centre)\b", re.IGNORECASE)


def author(name: str) -> str:
    """One author for BibTeX; an organisation is braced so it is not split into a person's names.

    An organisation is an author with no comma that has a word such as Team, Group or
    Consortium, or more than four words (see the model's `authors` field).
    """
    escaped = latex(name)
    if "," not in name and (_ORGANISATION.search(name) or len(name.split()) > 4):
        return "{" + escaped + "}"
    return escaped


# A venue that names a meeting: a conference, workshop or symposium (by word or acronym), the
# proceedings of a numbered or yearly meeting, or NeurIPS' "Advances in ..." series.
_MEETING = re.compile(r"\b(conference|conf\.|workshop|symposium|meeting|congress|colloquium)\b"
                      r"|\bproceedings of (the )?(\d+(st|nd|rd|th)|first|second|third|[a-z]+th|(19|20)\d\d)\b"
                      r"|\badvances in neural information processing|\b(NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|"
                      r"AAAI|IJCAI|ACL|EMNLP|NAACL|COLT|AISTATS|UAI|KDD|SIGGRAPH)\b", re.IGNORECASE)


# The entry type from the venue, unless the paper names one: a preprint is misc, a meeting's
# proceedings inproceedings, anything else (a journal, "Proceedings of the IEEE", "Nature") article.
def _entry_type(paper: Paper) -> tuple[str, str]:
    if paper.entry_type:
        kind = paper.entry_type
    elif "arxiv" in paper.venue.lower() and "preprint" in paper.venue.lower():
        kind = "misc"
    elif _MEETING.search(paper.venue):
        kind = "inproceedings"
    else:
        kind = "article"
    venue_field = {"article": "journal", "inproceedings": "booktitle", "misc": "howpublished"}[kind]
    return kind, venue_field


def entry(paper: Paper) -> str:
    """One BibTeX entry, keyed by the paper's id."""
    kind, venue_field = _entry_type(paper)
    fields = [("title", "{" + latex(paper.title) + "}"), ("author", " and ".join(author(a) for a in paper.authors)),
              (venue_field, latex(paper.venue)), ("year", str(paper.year))]
    if paper.doi:
        fields.append(("doi", verbatim(paper.doi)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archiveprefix", "arXiv")]
    if paper.url:
        fields.append(("url", verbatim(paper.url)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{paper.id},\n{body}\n}}\n"


def bibliography(course: Course) -> str:
    """All papers as one .bib file, in course order."""
    return "\n".join(entry(p) for p in course.papers)
