"""The long loops of the report screens written by `reports.templatetags.report_tags`
give the markup the template loops gave (issue 16: formatting outside the loop)."""

import datetime as dt
import re

from django.template import Context, Template

from reports.selectors.overview import day_labeller

OLD_OPTIONS = Template(
    '{% for pk, name in choices %}<option value="{{ pk }}"{% if pk == selected %} selected'
    "{% endif %}>{{ name }}</option>{% endfor %}"
)
OLD_DAYS = Template(
    '{% for row in rows %}<tr><th scope="row">{{ row.label }}</th><td class="rp-num">'
    '{{ row.breaks }}</td><td class="rp-num">{{ row.booked }}</td><td class="rp-num">'
    '{{ row.capacity }}</td><td class="rp-num">{% if row.rate_label %}{{ row.rate_label }} %'
    "{% else %}—{% endif %}</td></tr>{% endfor %}"
)


def _render(source: str, **context) -> str:
    return Template("{% load report_tags %}" + source).render(Context(context))


def test_options_are_those_of_the_template_loop():
    choices = [(1, "Brakina & Fils"), (2, "<Sonabel>"), (1000, 'L\'Œil "Vif"')]
    for selected in (None, 2, 1000, 7):
        new = _render("{% report_options choices selected %}", choices=choices, selected=selected)
        assert new == OLD_OPTIONS.render(Context({"choices": choices, "selected": selected}))
        assert new.count(" selected") == (selected in (2, 1000))


def test_fill_rows_are_those_of_the_template_loop():
    label = day_labeller()
    rows = [
        {
            "label": label(dt.date(2026, 6, 7) + dt.timedelta(days=n)),
            "breaks": 40,
            "booked": 1200 * n,
            "capacity": 7200,
            "rate_label": None if n == 0 else f"{n},5",
        }
        for n in range(5)
    ]
    new = _render("{% fill_day_rows rows %}", rows=rows)
    old = OLD_DAYS.render(Context({"rows": rows}))
    assert re.sub(r">\s+<", "><", new) == re.sub(r">\s+<", "><", old)
    assert new.count("<tr>") == 5 and "—" in new
