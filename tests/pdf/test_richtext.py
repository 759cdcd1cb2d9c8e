"""User text prints literally, in the font that has its glyphs, right-to-left in order."""

from __future__ import annotations

import io

from packet_fixtures import nfkc, page_texts
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from licenseapp.pdf import bidi, fonts, richtext


def _render(*texts: str) -> bytes:
    face = fonts.face(fonts.BASE_FAMILY)
    style = ParagraphStyle("t", fontName=face, fontSize=11, leading=15)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1, initialFontName=face).build(
        [richtext.paragraph(t, style) for t in texts]
    )
    return buf.getvalue()


def test_markup_characters_print_as_typed() -> None:
    typed = "<b>Zhang</b> & Sons <unclosed &amp; <br/> </para>"
    text = page_texts(_render(typed))[0]
    assert typed in text


def test_each_script_gets_a_font_that_has_it() -> None:
    keys = richtext.font_keys("Wei 张伟 Иван محمد प्रिया")
    families = dict(zip("Wei 张伟 Иван محمد प्रिया", keys, strict=True))
    assert families["W"] == families["И"] == "Noto Sans"
    assert families["张"] == "WenQuanYi Micro Hei"
    assert families["م"] == "Noto Sans Arabic"
    assert families["प"] == "Noto Sans Devanagari"


def test_punctuation_stays_in_the_font_of_the_word_it_follows() -> None:
    text = "محمد، 2024"
    assert set(richtext.font_keys(text)) == {"Noto Sans Arabic"}


def test_a_character_no_font_has_prints_as_its_code_point() -> None:
    text = page_texts(_render("smile \U0001f600 bell \x07 end"))[0]
    assert "[U+1F600]" in text and "[U+0007]" in text and "end" in text


def test_chinese_cyrillic_greek_extract_as_typed() -> None:
    typed = "张伟 (Zhang Wei), Иван Петров, Αλέξης Παπαδόπουλος"
    assert typed in page_texts(_render(typed))[0]


def test_arabic_is_shaped_and_extracts_after_nfkc() -> None:
    text = nfkc(page_texts(_render("Name: محمد بن سلمان"))[0])
    for word in ("محمد", "بن", "سلمان"):
        assert word in text or word[::-1] in text


def test_rtl_words_are_ordered_right_to_left() -> None:
    line = "Name: محمد بن سلمان"
    tokens = bidi.tokenize(line, bidi.resolve_levels(line, 0), richtext.font_keys(line))
    words = [t.text for t in bidi.visual_order(tokens) if not t.space]
    assert words == ["Name:", "سلمان", "بن", "محمد"]


def test_numbers_inside_rtl_text_stay_left_to_right() -> None:
    line = "عام 2024 كان"
    tokens = bidi.tokenize(line, bidi.resolve_levels(line, 1), richtext.font_keys(line))
    words = [t.text for t in bidi.visual_order(tokens) if not t.space]
    assert words == ["كان", "2024", "عام"]


def test_latin_inside_rtl_paragraph_keeps_its_order() -> None:
    line = "شركة Northwind AI منذ"
    tokens = bidi.tokenize(line, bidi.resolve_levels(line, 1), richtext.font_keys(line))
    words = [t.text for t in bidi.visual_order(tokens) if not t.space]
    assert words == ["منذ", "Northwind", "AI", "شركة"]


def test_brackets_in_rtl_run_are_mirrored() -> None:
    token = bidi.Token("(", 1, "Noto Sans")
    assert bidi.visual_text(token) == ")"


def test_long_rtl_text_breaks_into_lines_in_reading_order() -> None:
    words = [f"كلمة{chr(0x0661 + i % 9)}" for i in range(80)]
    pdf = _render(" ".join(words))
    text = nfkc(page_texts(pdf)[0])
    assert text.count("كلمة") == 80


def test_right_to_left_paragraphs_break_across_pages() -> None:
    pages = page_texts(_render(*["Please write to محمد بن سلمان about it. " * 6] * 60))
    assert len(pages) >= 3


def test_right_to_left_cell_split_across_pages_keeps_every_line() -> None:
    from reportlab.platypus import Spacer

    from licenseapp.pdf.tables import ruled_table

    face = fonts.face(fonts.BASE_FAMILY)
    words = " ".join(f"كلمة{i % 10} Word{i:03d}" for i in range(300))
    table = ruled_table(["Label", "Value"], [["Row", words]], [100, 300])
    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1, initialFontName=face).build([Spacer(1, 500), table])
    text = "".join(page_texts(buf.getvalue()))
    assert len(page_texts(buf.getvalue())) >= 2
    assert all(f"Word{i:03d}" in text for i in range(300))
