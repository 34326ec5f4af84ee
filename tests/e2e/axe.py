"""axe-core in the browser journeys: `serious_violations(page)` runs the checker on
the page as it stands and lists the violations of impact serious or critical.

axe-core (npm, devDependency; `npm run build:vendor` copies it to
tests/e2e/vendor/axe.min.js, committed because CI installs no Node.js) is run
through the DevTools protocol (`page.evaluate`), which the page's
Content-Security-Policy does not restrict: no inline <script> is added."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
SERIOUS = {"serious", "critical"}


@cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious_violations(page) -> list[str]:
    # Colours caught in the middle of a CSS transition (a button Alpine has just
    # switched to red) would be measured half-way: let every one that ends finish
    # first (a spinner never ends).
    page.evaluate(
        """() => Promise.all(
             document.getAnimations()
               .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
               .map(a => a.finished.catch(() => null))
           )"""
    )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    violations = page.evaluate(
        """async () => {
             const result = await window.axe.run(document, {
               runOnly: {
                 type: "tag",
                 values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
               },
               resultTypes: ["violations"],
             });
             return result.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
             }));
           }"""
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({', '.join(v['nodes'])})"
        for v in violations
        if v["impact"] in SERIOUS
    ]
