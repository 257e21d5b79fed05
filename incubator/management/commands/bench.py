"""`manage.py bench --scale 10 --json`: build a synthetic park in a scratch database and time the key pages.

The scratch database is created for the run and dropped after it (Django's test-database machinery, under a
fresh random name), so the bench never reads or writes the configured database and its data."""

import json
import random
import uuid

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings

from incubator import protocol
from incubator.bench import Measurement, measure


class Command(BaseCommand):
    help = "Build a synthetic park at a scale in a scratch database and report page timings and query counts."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is about today's park, 10 ten times larger")
        parser.add_argument("--repeat", type=int, default=15, help="timed runs per page")
        parser.add_argument("--seed", type=int, default=2014)
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, scale, repeat, seed, **options):
        settings.DEBUG = False
        call_command("collectstatic", interactive=False, verbosity=0)  # pages render as in production
        scratch = f"park_bench_{uuid.uuid4().hex[:8]}"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = scratch
        original = connection.settings_dict["NAME"]
        self.stderr.write(f"building a scratch database {scratch} at scale {scale} …")
        connection.creation.create_test_db(verbosity=0, autoclobber=False, serialize=False)
        try:
            # The page floor exists only here: the benchmark's URLconf adds it to the project's.
            with override_settings(ROOT_URLCONF="incubator.bench_urls"):
                report = self.run(scale, repeat, random.Random(seed))
        finally:
            connection.creation.destroy_test_db(original, verbosity=0)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            for row in report["results"]:
                self.stdout.write(
                    f"{row['name']:<40} median {row['median_ms']:>8.1f} ms  p95 {row['p95_ms']:>8.1f} ms  "
                    f"queries {row['queries']!s:>4}  x floor {row.get('floor_ratio')!s:>5}"
                )

    def run(self, scale, repeat, rng):
        contexts, measurements = {}, []
        benched = protocol.modules("bench")
        for label, module in benched:
            contexts[label] = module.build(scale, rng, self.stderr, contexts)
            measurements += module.measurements(contexts[label])
        results = []
        floors = {}
        for m in measurements:
            if m.user is not None and m.user.pk not in floors:
                floors[m.user.pk] = measure(Measurement("page floor", user=m.user, url="/floor/"), repeat)
            row = measure(m, repeat)
            if m.user is not None and m.url:
                row["floor_ms"] = floors[m.user.pk]["median_ms"]
                row["floor_ratio"] = round(row["median_ms"] / max(floors[m.user.pk]["median_ms"], 0.1), 1)
            results.append(row)
        counts = {
            model._meta.label: model.objects.count()
            for model in apps.get_models()
            if model._meta.app_label in {label for label, _module in benched}
        }
        return {"scale": scale, "database": connection.vendor, "counts": counts, "results": results}
