from django.core.management.base import BaseCommand, CommandError

from broadcasting.exceptions import BroadcastError
from broadcasting.services.inventory import generate_breaks


class Command(BaseCommand):
    help = "Crée les écrans publicitaires de la grille pour les semaines à venir (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=None, help="Nombre de semaines (défaut : réglage, 8)."
        )

    def handle(self, *args, weeks=None, **options):
        try:
            result = generate_breaks(weeks=weeks)
        except BroadcastError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                "Écrans : {created} créés, {updated} mis à jour, {removed} retirés.".format(
                    **result
                )
            )
        )
