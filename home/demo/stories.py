"""The demo's advertiser stories (“Références”): the index page and three
published stories with a generated poster and a short generated clip. Two
advertisers have agreed to show their spot; the third has not, so its video
stays private (the page shows the poster only)."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import translation
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from accounts.models import BusinessSector
from core.typography import punctuation
from home.models import CaseStudyBand, CaseStudyIndexPage, CaseStudyPage

from .media_files import clip_mp4, poster_png

INDEX = {
    "title": "Références",
    "slug": "references",
    "introduction": (
        "Commerçants, écoles, associations : ils ont fait passer leur message sur BF1. "
        "Découvrez leurs campagnes, leurs spots et ce qu'ils en disent, puis préparez la "
        "vôtre avec les mêmes paramètres."
    ),
}

CLIP_SECONDS = 4
CLIP_SIZE = (640, 360)
LOGO_SIZE = (320, 320)

STORIES = [
    {
        "title": "Le forfait « Yéléen » lancé auprès des jeunes",
        "slug": "sahel-connect-forfait-yeleen",
        "advertiser_name": "Sahel Connect",
        "sector": "telecoms",
        "objective": "launch",
        "audience": "youth",
        "summary": (
            "Un opérateur de Ouagadougou lance un forfait internet pour les étudiants : "
            "deux semaines de spots autour du JT de 19 h 30 et en avant-soirée."
        ),
        "spot_length": 30,
        "start_date": dt.date(2026, 3, 2),
        "end_date": dt.date(2026, 3, 15),
        "bands": [("prime-time", 12), ("avant-soiree", 8)],
        "results": (
            "<p>« En deux semaines, nos boutiques de Ouaga et de Bobo ont vendu plus de "
            "cartes Yéléen qu'en trois mois de publicité sur les réseaux sociaux. Les "
            "jeunes venaient en citant le slogan du spot. »</p>"
            "<ul><li>Les ventes du forfait ont triplé pendant la campagne.</li>"
            "<li>Deux nouvelles boutiques partenaires nous ont contactés.</li></ul>"
        ),
        "quote": "La télévision a donné à notre forfait une crédibilité immédiate.",
        "quote_author": "Aïcha Ouédraogo, responsable marketing",
        "colour": "#DC2626",
        "poster_description": "Une étudiante montre son téléphone devant une boutique.",
        "consent_date": dt.date(2026, 4, 10),
    },
    {
        "title": "Une journée portes ouvertes qui a rempli les classes",
        "slug": "laureats-bobo-portes-ouvertes",
        "advertiser_name": "Groupe scolaire Les Lauréats",
        "sector": "education",
        "objective": "event",
        "audience": "families",
        "summary": (
            "Un établissement privé de Bobo-Dioulasso annonce ses portes ouvertes avant "
            "la rentrée : des passages à la mi-journée et en avant-soirée, pour les parents."
        ),
        "spot_length": 20,
        "start_date": dt.date(2026, 8, 17),
        "end_date": dt.date(2026, 9, 6),
        "bands": [("mi-journee", 6), ("avant-soiree", 6)],
        "results": (
            "<p>« Le jour des portes ouvertes, plus de 400 familles sont venues visiter "
            "l'école. Nous avons ouvert une classe de sixième supplémentaire. »</p>"
        ),
        "quote": "Les parents nous ont dit : « On vous a vus sur BF1 ! »",
        "quote_author": "Moussa Sanou, directeur",
        "colour": "#1D4ED8",
        "poster_description": "La façade de l'école et des élèves en uniforme.",
        "consent_date": dt.date(2026, 9, 20),
    },
    {
        "title": "Laver les mains, un geste qui sauve",
        "slug": "lafi-yiri-lavage-des-mains",
        "advertiser_name": "Association Lafi Yiri",
        "sector": "ong",
        "objective": "sensitisation",
        "audience": "rural",
        "summary": (
            "Une association de santé communautaire rappelle les gestes d'hygiène avant "
            "la saison des pluies : un message simple, répété le matin et à midi."
        ),
        "spot_length": 30,
        "start_date": dt.date(2026, 6, 1),
        "end_date": dt.date(2026, 6, 28),
        "bands": [("matinee", 10), ("mi-journee", 10)],
        "results": (
            "<p>« Dans les villages où nous travaillons, les animatrices ont entendu les "
            "mères reprendre les mots du spot. Les consultations pour diarrhée ont baissé "
            "pendant l'hivernage. »</p>"
        ),
        "quote": "Un message entendu à la télévision se partage ensuite dans toute la cour.",
        "quote_author": "Dr Salimata Kaboré, coordinatrice",
        "colour": "#047857",
        "poster_description": "Une mère et son enfant se lavent les mains devant un puits.",
        "consent_date": None,
    },
]


def _fr(text: str) -> str:
    """French no-break spaces (before : ; ! ?, inside « »), whatever the language
    active while seeding."""
    with translation.override("fr"):
        return punctuation(text)


def _image(title: str, subtitle: str, colour: str, name: str, size=(1280, 720)):
    data = poster_png(title, subtitle, colour=colour, size=size)
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(data), name=f"{name}.png")
    )


def _video(title: str, colour: str, name: str):
    data = clip_mp4(title, seconds=CLIP_SECONDS, colour=colour, size=CLIP_SIZE)
    width, height = CLIP_SIZE
    return get_media_model().objects.create(
        title=title,
        type="video",
        file=ContentFile(data, name=f"{name}.mp4"),
        duration=CLIP_SECONDS,
        width=width,
        height=height,
    )


def _staff_member():
    """Who recorded the demo consents: the first superuser, if any."""
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def _story(data: dict, staff) -> CaseStudyPage:
    name = data["slug"]
    colour = data["colour"]
    consent_date = data["consent_date"]
    story = CaseStudyPage(
        title=_fr(data["title"]),
        slug=name,
        advertiser_name=data["advertiser_name"],
        sector=BusinessSector.objects.filter(slug=data["sector"]).first(),
        logo=_image(data["advertiser_name"], "", colour, f"{name}-logo", size=LOGO_SIZE),
        objective=data["objective"],
        audience=data["audience"],
        summary=_fr(data["summary"]),
        spot_length=data["spot_length"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        poster=_image(data["title"], data["advertiser_name"], colour, f"{name}-affiche"),
        poster_description=_fr(data["poster_description"]),
        video=_video(data["advertiser_name"], colour, name),
        consent_given=consent_date is not None,
        consent_date=consent_date,
        consent_recorded_by=staff if consent_date is not None else None,
        results=_fr(data["results"]),
        quote=_fr(data["quote"]),
        quote_author=data["quote_author"],
    )
    story.bands = [
        CaseStudyBand(band_code=code, airings=airings, sort_order=order)
        for order, (code, airings) in enumerate(data["bands"])
    ]
    return story


def _publish(parent, page) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()


def ensure_demo_stories(*, home_page) -> int:
    """Create the stories' index under `home_page` and the demo stories missing
    under it (looked up by slug); returns how many pages were created."""
    created = 0
    index = CaseStudyIndexPage.objects.child_of(home_page).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = CaseStudyIndexPage(**{**INDEX, "introduction": _fr(INDEX["introduction"])})
        _publish(home_page, index)
        created += 1
    staff = _staff_member()
    for data in STORIES:
        if CaseStudyPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        _publish(index, _story(data, staff))
        created += 1
    return created
