"""Build the demo site: the page tree with French content (with the rate and
simulator pages), the 2025 rate card, the weekly break grid and its dated
breaks, the contact settings and one user per role. Safe to run again: what
exists is left as it is."""

from __future__ import annotations

import logging
import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from accounts.models import Advertiser, BusinessSector, User
from accounts.roles import GROUP_NAMES, Role
from broadcasting.demo import ensure_demo_grid
from broadcasting.services.inventory import generate_breaks
from home import demo as content
from home.demo.activity import ensure_demo_activity
from home.demo.billing import ensure_demo_billing
from home.demo.newsroom import ensure_demo_newsroom
from home.models import (
    ContactFormField,
    ContactPage,
    ContactSettings,
    GuideIndexPage,
    GuidePage,
    HomePage,
    StandardPage,
)
from home.signals import demo_seeded
from simulator.demo import ensure_demo_rate_card
from simulator.models import RateCardPage, SimulatorPage

DEMO_COMPANY = "Société Démo SARL"


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role: Role | None  # None: superuser
    area: str
    is_staff: bool = False


DEMO_USERS = [
    DemoUser("annonceur@demo.bf1.bf", "Awa", "Ouédraogo", Role.ADVERTISER, "/campaigns/"),
    DemoUser("admin@demo.bf1.bf", "Issa", "Kaboré", Role.ADMINISTRATOR, "/admin/", is_staff=True),
    DemoUser("diffuseur@demo.bf1.bf", "Moussa", "Sawadogo", Role.BROADCASTER, "/diffusion/"),
    DemoUser("redaction@demo.bf1.bf", "Aminata", "Traoré", Role.EDITORIAL, "/admin/editorial/"),
    DemoUser("comptable@demo.bf1.bf", "Mariam", "Zongo", Role.ACCOUNTANT, "/admin/", is_staff=True),
    DemoUser("superadmin@demo.bf1.bf", "Super", "Admin", None, "/admin/", is_staff=True),
]


@contextmanager
def _quiet_loggers(*names: str):
    """Hide the INFO lines Wagtail and its task runner log for each page saved."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Crée le site de démonstration (pages, grille tarifaire, grille des écrans "
        "publicitaires, coordonnées, un compte par rôle). "
        "Idempotent ; refuse de s'exécuter quand DEBUG est désactivé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Donne un nouveau mot de passe aléatoire aux comptes de démonstration.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo crée des comptes de démonstration : il ne s'exécute qu'en "
                "développement (DEBUG=True), jamais en production."
            )
        self.created_pages = 0
        with _quiet_loggers("wagtail", "django_tasks"), transaction.atomic():
            home = HomePage.objects.first()
            if home is None:
                raise CommandError(
                    "La page d'accueil est introuvable : lancez d'abord "
                    "« python manage.py migrate »."
                )
            site = self._default_site(home)
            self._fill_home(home)
            self._guides(home)
            self._about(home)
            self._contact(home)
            self._contact_settings(site)
            card_created = self._rate_card()
            grid_created, breaks = self._break_grid()
            self._simulator_pages(home)
            passwords, existing = self._users(reset=options["reset_passwords"])
            activity, newsroom = self._activity()
            billed = ensure_demo_billing(
                site=site,
                client=User.objects.get(email__iexact="annonceur@demo.bf1.bf"),
                admin=User.objects.get(email__iexact="admin@demo.bf1.bf"),
            )
            extra = [
                str(result)
                for _receiver, result in demo_seeded.send(sender=self.__class__)
                if result
            ]

        self.stdout.write(
            self.style.SUCCESS(f"Pages : {self.created_pages} créée(s). Site : {site}.")
        )
        self.stdout.write(
            "Grille tarifaire 2025 : " + ("créée." if card_created else "déjà présente.")
        )
        self.stdout.write(
            f"Grille des écrans : {grid_created} écran(s) ajouté(s). Écrans datés : "
            f"{breaks['created']} créé(s), {breaks['updated']} mis à jour, "
            f"{breaks['removed']} retiré(s)."
        )
        self.stdout.write(
            f"Activité : {activity.campaigns} campagne(s), {activity.airings} passage(s), "
            f"{activity.certificates} attestation(s), {newsroom.requests} demande(s) de "
            f"couverture, {newsroom.crew} membre(s) d'équipe et {newsroom.vehicles} "
            "véhicule ajoutés."
        )
        self.stdout.write(f"Facturation : {billed.invoices} facture(s) émise(s).")
        for line in extra:
            self.stdout.write(line)
        if passwords:
            self._print_passwords(passwords)
        if existing:
            self.stdout.write(
                "Comptes de démonstration déjà présents, mots de passe inchangés : "
                + ", ".join(existing)
                + ". Utilisez --reset-passwords pour en obtenir de nouveaux."
            )
        self._print_landings()

    # --- Pages ------------------------------------------------------------

    def _default_site(self, home: HomePage) -> Site:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(is_default_site=True)
        changed = (site.hostname, site.port, site.root_page_id, site.site_name) != (
            "localhost",
            80,
            home.pk,
            "BF1 Pub",
        )
        if changed:
            site.hostname = "localhost"
            site.port = 80
            site.root_page = home
            site.site_name = "BF1 Pub"
            site.save()
        return site

    def _publish(self, page: Page) -> None:
        revision = page.save_revision()
        revision.publish()

    def _add_child(self, parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        self._publish(page)
        self.created_pages += 1
        return page

    def _child(self, parent: Page, model, slug: str):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def _fill_home(self, home: HomePage) -> None:
        # Only the first run writes the home content: an editor's changes stay.
        if home.body:
            return
        data = content.HOME
        home.hero_title = home.hero_title or data["hero_title"]
        home.hero_text = data["hero_text"]
        home.offer_title = data["offer_title"]
        home.body = data["body"]
        home.save()
        self._publish(home)

    def _guides(self, home: HomePage) -> None:
        data = content.GUIDE_INDEX
        index = self._child(home, GuideIndexPage, data["slug"])
        if index is None:
            index = self._add_child(home, GuideIndexPage(**data))
        for guide in content.GUIDES:
            if self._child(index, GuidePage, guide["slug"]) is None:
                self._add_child(index, GuidePage(**guide))

    def _about(self, home: HomePage) -> None:
        data = content.ABOUT
        if self._child(home, StandardPage, data["slug"]) is None:
            self._add_child(home, StandardPage(**data))

    def _contact(self, home: HomePage) -> None:
        data = content.CONTACT
        if self._child(home, ContactPage, data["slug"]) is not None:
            return
        to_address = ", ".join(settings.STAFF_NOTIFICATION_EMAILS) or "commercial@bf1.bf"
        page = ContactPage(
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            thank_you_text=data["thank_you_text"],
            subject=data["subject"],
            to_address=to_address,
        )
        for order, (clean_name, label, field_type, required, choices, help_text) in enumerate(
            data["fields"]
        ):
            page.form_fields.add(
                ContactFormField(
                    sort_order=order,
                    clean_name=clean_name,
                    label=label,
                    field_type=field_type,
                    required=required,
                    choices=choices,
                    help_text=help_text,
                )
            )
        self._add_child(home, page)

    def _rate_card(self) -> bool:
        _card, created = ensure_demo_rate_card()
        return created

    def _break_grid(self) -> tuple[int, dict]:
        """The weekly break grid (about 40 breaks a day), then its dated breaks
        for the weeks ahead (idempotent, like the daily job)."""
        return ensure_demo_grid(), generate_breaks()

    def _simulator_pages(self, home: HomePage) -> None:
        """The public "Tarifs" and "Simulateur" pages (one of each: max_count = 1)."""
        data = content.RATE_CARD_PAGE
        if not RateCardPage.objects.exists():
            self._add_child(home, RateCardPage(**data))
        data = content.SIMULATOR_PAGE
        if not SimulatorPage.objects.exists():
            self._add_child(home, SimulatorPage(**data))

    def _contact_settings(self, site: Site) -> None:
        contact = ContactSettings.for_site(site)
        changed = False
        for field, value in content.CONTACT_SETTINGS.items():
            # Only blank values are filled, so a second run changes nothing.
            if field == "whatsapp_enabled":
                if not contact.whatsapp_number and not contact.whatsapp_enabled:
                    contact.whatsapp_enabled = value
                    changed = True
            elif not getattr(contact, field):
                setattr(contact, field, value)
                changed = True
        if changed:
            contact.full_clean()
            contact.save()

    # --- Activity ---------------------------------------------------------

    def _activity(self):
        """Advertisers, campaigns in every status, this week's airings, a
        certificate, notifications, crew and coverage requests (home/demo/)."""
        users = {demo.email: User.objects.get(email__iexact=demo.email) for demo in DEMO_USERS}
        activity = ensure_demo_activity(
            client=users["annonceur@demo.bf1.bf"],
            admin=users["admin@demo.bf1.bf"],
            broadcaster=users["diffuseur@demo.bf1.bf"],
        )
        newsroom = ensure_demo_newsroom(
            editor=users["redaction@demo.bf1.bf"], client=users["annonceur@demo.bf1.bf"]
        )
        return activity, newsroom

    def _print_landings(self) -> None:
        """Where each persona lands, on the address the site runs on (SITE_URL
        follows `make run HOST=… PORT=…`)."""
        self.stdout.write(f"Où va chacun (connexion : {settings.SITE_URL}/login/) :")
        for demo in DEMO_USERS:
            role = GROUP_NAMES[demo.role] if demo.role else "Superutilisateur"
            self.stdout.write(f"  {role} : {settings.SITE_URL}{demo.area}  ({demo.email})")
        self.stdout.write(f"  E-mails envoyés : {settings.SITE_URL}/dev/outbox/")

    # --- Users ------------------------------------------------------------

    def _demo_advertiser(self) -> Advertiser:
        advertiser = Advertiser.objects.filter(name=DEMO_COMPANY).first()
        if advertiser is None:
            advertiser = Advertiser.objects.create(
                name=DEMO_COMPANY,
                ifu="00012345A",
                rccm="BF-OUA-2024-B-12345",
                address="Avenue Kwame Nkrumah, Ouagadougou",
                phone="+22625300000",
                sector=BusinessSector.objects.filter(slug="commerce").first(),
            )
        return advertiser

    def _users(self, *, reset: bool) -> tuple[list[tuple[DemoUser, str]], list[str]]:
        groups = {}
        for role in Role:
            group = Group.objects.filter(name=GROUP_NAMES[role]).first()
            if group is None:
                raise CommandError(
                    f"Le groupe « {GROUP_NAMES[role]} » est introuvable : lancez d'abord "
                    "« python manage.py migrate »."
                )
            groups[role] = group

        passwords: list[tuple[DemoUser, str]] = []
        existing: list[str] = []
        for demo in DEMO_USERS:
            user = User.objects.filter(email__iexact=demo.email).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                user = self._create_user(demo, password)
                passwords.append((demo, password))
            else:
                existing.append(demo.email)
                if reset:
                    password = secrets.token_urlsafe(12)
                    user.set_password(password)
                    user.save(update_fields=["password"])
                    passwords.append((demo, password))
            if demo.role is not None:
                user.groups.add(groups[demo.role])
        if reset:
            existing = []
        return passwords, existing

    def _create_user(self, demo: DemoUser, password: str) -> User:
        fields = {
            "first_name": demo.first_name,
            "last_name": demo.last_name,
            "email_confirmed_at": timezone.now(),
        }
        if demo.role is None:
            return User.objects.create_superuser(demo.email, password, **fields)
        if demo.role == Role.ADVERTISER:
            fields["advertiser"] = self._demo_advertiser()
            fields["phone"] = "+22670123456"
        return User.objects.create_user(demo.email, password, is_staff=demo.is_staff, **fields)

    def _print_passwords(self, passwords: list[tuple[DemoUser, str]]) -> None:
        rows = [
            (
                GROUP_NAMES[demo.role] if demo.role else "Superutilisateur",
                demo.email,
                password,
                demo.area,
            )
            for demo, password in passwords
        ]
        headers = ("Rôle", "E-mail", "Mot de passe", "Espace")
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(4)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

        def row(cells) -> str:
            padded = (str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True))
            return "| " + " | ".join(padded) + " |"

        self.stdout.write("Comptes de démonstration (mots de passe affichés une seule fois) :")
        self.stdout.write(line)
        self.stdout.write(row(headers))
        self.stdout.write(line)
        for cells in rows:
            self.stdout.write(row(cells))
        self.stdout.write(line)
