from django.core.management.base import BaseCommand

from broadcasting.services.airing_days import airing_days_drift, rebuild_airing_days


class Command(BaseCommand):
    help = (
        "Recalcule les totaux quotidiens des diffusions (AiringDay) à partir des diffusions ; "
        "--check liste seulement les écarts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Ne rien écrire : lister les écarts."
        )

    def handle(self, *args, check=False, **options):
        if check:
            drift = airing_days_drift()
            for key, (stored, raw) in sorted(drift.items(), key=str):
                self.stdout.write(f"{key}: {stored} ≠ {raw}")
            self.stdout.write(f"Écarts : {len(drift)}.")
            return
        rows = rebuild_airing_days()
        self.stdout.write(self.style.SUCCESS(f"Totaux quotidiens recalculés : {rows} lignes."))
