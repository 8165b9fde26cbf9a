"""The small safe markup: paragraphs, lists, links; everything else is text."""

from __future__ import annotations

import re

from harzportal.mail import markup

TEXT = """Liebe Mitglieder,
wir laden ein.

- Tagesordnung: [Einladung](https://portal.example/documents/3)
- Ort: Goslar <Kaiserpfalz> & Umgebung

Mehr unter https://portal.example/circulars/4. Danke!"""


def test_paragraphs_lists_and_links_become_the_few_tags_and_nothing_else():
    assert markup.html_fragment(TEXT) == (
        "<p>Liebe Mitglieder,<br>\nwir laden ein.</p>\n"
        '<ul><li>Tagesordnung: <a href="https://portal.example/documents/3">Einladung</a></li>'
        "<li>Ort: Goslar &lt;Kaiserpfalz&gt; &amp; Umgebung</li></ul>\n"
        '<p>Mehr unter <a href="https://portal.example/circulars/4">'
        "https://portal.example/circulars/4</a>. Danke!</p>")


def test_the_text_part_names_the_address_of_a_link():
    assert markup.plain_text(TEXT) == (
        "Liebe Mitglieder,\nwir laden ein.\n\n"
        "- Tagesordnung: Einladung (https://portal.example/documents/3)\n"
        "- Ort: Goslar <Kaiserpfalz> & Umgebung\n\n"
        "Mehr unter https://portal.example/circulars/4. Danke!\n")


def test_no_other_scheme_and_no_markup_of_ones_own():
    hostile = ('[klick](javascript:alert(1)) <script>alert(1)</script> '
               '[x](https://a.example/"onmouseover=alert(1)) <a href="https://evil.example">')
    html = markup.html_fragment(hostile)
    assert re.findall(r"<[^>]*>", html) == [
        "<p>", '<a href="https://a.example/">', "</a>", '<a href="https://evil.example">',
        "</a>", "</p>"]
    assert "&lt;script&gt;" in html and "&lt;a href=&quot;" in html
    assert "[klick](javascript:alert(1))" in html  # no link: only http(s) is one
