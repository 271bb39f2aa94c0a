import random
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from projects import demo


class Command(BaseCommand):
    help = "Load a believable demo company. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--projects", type=int, default=8, help="How many projects."
        )
        parser.add_argument("--seed", type=int, default=42, help="Random seed.")
        parser.add_argument(
            "--no-kpis", action="store_true", help="Skip computing KPI snapshots."
        )

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        count = int(options["projects"])  # type: ignore[call-overload]
        rng = random.Random(int(options["seed"]))  # type: ignore[call-overload]
        with transaction.atomic():
            users, departments = demo.seed_people()
            projects, fresh = demo.seed_projects(count, users, departments, rng)
        ctx = demo.DemoContext(
            rng=rng,
            today=timezone.localdate(),
            users=users,
            departments=departments,
            projects=projects,
            new_projects=fresh,
        )
        ctx.skip_kpis = bool(options["no_kpis"])
        # Each app registered its seeder in AppConfig.ready(), lower apps first.
        # The bar shows on a terminal only (disable=None), never in logs.
        with tqdm(demo.SEEDERS, desc="Demo data", unit="app", disable=None) as bar:
            for seed in bar:
                bar.set_postfix_str(seed.__module__.split(".")[0])
                with transaction.atomic():
                    seed(ctx)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo company ready: {len(projects)} projects "
                f"({len(fresh)} new) in {elapsed:.1f}s."
            )
        )
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, first, last, role, _ in demo.PEOPLE:
            self.stdout.write(f"  {username:<10} {role:<16} {first} {last}")
