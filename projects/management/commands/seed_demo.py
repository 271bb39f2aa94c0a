import importlib
import random
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from projects import demo, tallies

# Apps whose demo.seed(ctx) adds records to the demo projects, in this order.
DEMO_APPS = ("projects", "milestones", "risks", "changes", "reviews", "kpis")


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
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            seed = getattr(module, "seed", None)
            if seed is not None:
                with transaction.atomic():
                    seed(ctx)
        tallies.compact()  # one tally row per project after the bulk inserts
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
