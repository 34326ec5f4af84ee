"""Markdown-lite: the few marks are rendered, everything else is escaped."""

from __future__ import annotations

from conversations.text import render


def test_paragraphs_breaks_lists_and_emphasis():
    html = render("Bonjour **Awa**,\nvoici *la* liste :\n\n- un\n- deux\n\n1. premier\n2. second")
    assert html.startswith("<p>Bonjour <strong>Awa</strong>,<br>voici <em>la</em> liste :</p>")
    assert '<ul class="list-disc pl-5"><li>un</li><li>deux</li></ul>' in html
    assert "<ol><li>1. premier</li><li>2. second</li></ol>" in html


def test_script_tags_and_html_are_escaped():
    html = render('<script>alert("x")</script><img src=x onerror=alert(1)> <b>gras</b>')
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_links_http_https_mailto_only():
    html = render(
        "[site](https://bf1.bf/tarifs?a=1&b=2) [mail](mailto:pub@bf1.bf) "
        "[piège](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
        "[vb](JAVASCRIPT:alert) voir http://exemple.bf/page."
    )
    assert '<a href="https://bf1.bf/tarifs?a=1&amp;b=2" rel="nofollow noopener"' in html
    assert '<a href="mailto:pub@bf1.bf"' in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html
    assert "[piège](javascript:alert(1))" in html
    assert '<a href="http://exemple.bf/page" rel="nofollow noopener"' in html
    assert "</a>." in html  # the full stop is not part of the address


def test_a_quote_cannot_leave_the_href():
    html = render('[x](https://a.bf/"onmouseover="alert(1))')
    assert 'onmouseover="' not in html
    html = render('https://a.bf/"><script>alert(1)</script>')
    assert "<script>" not in html


def test_empty_text_renders_nothing():
    assert render("") == "" and render(None) == "" and render("\n \n") == ""
