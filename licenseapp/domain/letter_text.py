"""Letter text as the regulator reads it: no instructions left from a template, no doubled
periods where a filled-in name ends with one ("Inc.."), no line breaks where a template's
source lines happened to end.

Used by the checker (unfilled template text is an error) and by the packet's letters.
"""

from __future__ import annotations

import re

#: A placeholder left unfilled, wherever free text is checked: anything in square brackets
#: ("[Describe whether …]", "[name]", "[…]"), anything in braces — a placeholder the template
#: engine could not fill ("{person.full_name}", "{today}") —, an angle-bracketed "<insert …>",
#: a blank to fill ("____"), or a marker such as TBD, TBC, TODO or XXX.
TEMPLATE_TEXT = re.compile(
    r"\[[^\[\]\n]{0,300}\]?"
    r"|\{[^{}\n]{0,80}\}"
    r"|<\s*(?:insert|enter|describe|name|add)\b[^<>\n]{0,200}>"
    r"|_{4,}"
    r"|\b(?:TBD|TBC|TODO|FIXME|XXX+|lorem ipsum)\b",
    re.IGNORECASE,
)
#: A template's instruction to the writer left verbatim without its brackets: a sentence
#: that begins by telling the writer what to do ("Describe whether this technology is
#: available …"). A letter to a licensing officer never does.
INSTRUCTION = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))\s*(?:describe|explain|insert|specify|summari[sz]e|"
    r"fill in|enter|state|list)\s+(?:whether|here|how|what|which|why|the|any|each|all|"
    r"your)\b[^.\n]*\.?",
    re.IGNORECASE,
)
#: Two periods where a sentence ends ("Inc.." before a space, a line's end, a closing quote
#: or bracket, or the end): not an ellipsis ("..."), and not two periods inside a word or a
#: number the writer typed ("1..10", "x..y"), which are printed as typed.
_DOUBLED_PERIOD = re.compile(r"(?<!\.)\.\.(?=$|[\s\"'”’)\]])")
_ENDS_SENTENCE = re.compile(r"[.:;!?]['\"”’)]*$")
_WRAPPED = 60  # a source line this long that does not end a sentence was wrapped


def unfilled(text: str) -> list[str]:
    """The unfilled template instructions in ``text``, each cut to a readable length."""
    found = []
    for pattern in (TEMPLATE_TEXT, INSTRUCTION):
        for match in pattern.finditer(text):
            shown = " ".join(match.group(0).split())
            if shown:
                found.append(shown if len(shown) <= 60 else shown[:57].rstrip() + "…")
    return list(dict.fromkeys(found))


def without_unfilled(text: str) -> str:
    """``text`` with its placeholders and instructions taken out: what the writer wrote."""
    for pattern in (TEMPLATE_TEXT, INSTRUCTION):
        text = pattern.sub(" ", text)
    return text


def tidy(text: str) -> str:
    """One period where a filled-in value ending with one met the template's at a sentence's
    end ("Inc.. The"), keeping an ellipsis ("...") and periods within a word or number
    ("1..10") as they are."""
    return _DOUBLED_PERIOD.sub(".", text)


def reflow(text: str) -> str:
    """Paragraphs whose source lines were wrapped by hand become one line each: a line joins
    the next when it is long and does not end a sentence, or the next begins in lower case.
    Blank lines, short lines (headings, addresses, signatures) and lines that end a sentence
    keep their breaks."""
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if out and stripped and out[-1].strip():
            previous = out[-1].rstrip()
            wrapped = len(previous) >= _WRAPPED and not _ENDS_SENTENCE.search(previous)
            if wrapped or (stripped[0].islower() and not _ENDS_SENTENCE.search(previous)):
                out[-1] = f"{previous} {stripped}"
                continue
        out.append(line.rstrip())
    return "\n".join(out)


def as_printed(text: str) -> str:
    """Letter text ready to print: reflowed and tidied."""
    return tidy(reflow(text))
