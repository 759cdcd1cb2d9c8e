"""A long JSON list is written one record per line with the fast encoder: the same JSON as
the indented form, unsafe characters escaped the same way."""

from __future__ import annotations

import json

import pytest

from licenseapp.cli.output import LONG_LIST, print_json


@pytest.mark.parametrize("count", [3, LONG_LIST])
def test_a_list_reads_back_the_same_short_or_long(count: int, capsys) -> None:  # type: ignore[no-untyped-def]
    document = [{"n": n, "name": "Zhang \u202eWei 张伟", "tags": ["a", "b"]} for n in range(count)]
    print_json(document)
    text = capsys.readouterr().out
    assert json.loads(text) == document
    assert "\u202e" not in text and "\\u202e" in text  # the bidi override escaped
    lines = text.splitlines()
    if count >= LONG_LIST:
        assert len(lines) == count + 2  # "[", a line per record, "]"
    else:
        assert len(lines) > count + 2  # indented, as before
