"""The advisor and the advertiser stories of the demo: the advisor's rules and its
page (`/conseiller/`), then the stories (`/references/`) with their generated
posters and clips. Run by `seed_demo` through `home.signals.demo_seeded`, inside
its transaction; idempotent (a second run adds nothing, an editor's changes
stay)."""

from __future__ import annotations

ADVISOR_PAGE = {
    "title": "Conseiller",
    "slug": "conseiller",
    "seo_title": "Conseiller de campagne",
    "search_description": (
        "Quatre questions pour obtenir une campagne adaptée à votre objectif, à votre "
        "public et à votre budget, chiffrée au franc près."
    ),
    "introduction": (
        "Première campagne à la télévision ? Répondez à quatre questions : le conseiller "
        "vous propose une campagne chiffrée avec la grille en vigueur, explique chaque "
        "choix et vous laisse la réserver ou l'ajuster."
    ),
    "result_note": (
        "Le prix est celui de la grille tarifaire en vigueur, TVA comprise. À la "
        "réservation, l'équipe commerciale confirme les écrans et vous accompagne pour "
        "le spot."
    ),
}


def seed_showcase(sender=None, **kwargs) -> str:
    from home.demo.stories import ensure_demo_stories
    from home.models import HomePage
    from simulator.advisor_demo import ensure_demo_rules
    from simulator.models import AdvisorPage

    home = HomePage.objects.first()
    if home is None:
        return ""
    rules = ensure_demo_rules()
    if not AdvisorPage.objects.exists():
        page = AdvisorPage(**ADVISOR_PAGE)
        home.add_child(instance=page)
        page.save_revision().publish()
    stories = ensure_demo_stories(home_page=home)
    return (
        f"Conseiller (/conseiller/) : {rules} règle(s) ajoutée(s). "
        f"Références (/references/) : {stories} histoire(s) ajoutée(s)."
    )
