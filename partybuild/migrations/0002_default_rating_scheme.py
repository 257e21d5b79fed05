"""The 110-point, 8-indicator star-rating scheme (五星创评) as the park's starting configuration; staff can
change it in the administration."""

from django.db import migrations

NAME = "五星创评（110分制）"
INDICATORS = [
    ("班子建设", 15),
    ("队伍建设", 15),
    ("阵地建设", 15),
    ("制度建设", 15),
    ("工作保障", 10),
    ("工作业绩", 20),
    ("群众评价", 10),
    ("加分项目", 10),
]


def create(apps, schema_editor):
    Scheme = apps.get_model("partybuild", "RatingScheme")
    Indicator = apps.get_model("partybuild", "RatingIndicator")
    scheme, created = Scheme.objects.get_or_create(name=NAME)
    if created:
        Indicator.objects.bulk_create(
            Indicator(scheme=scheme, name=name, max_points=points, order=i) for i, (name, points) in enumerate(INDICATORS)
        )


class Migration(migrations.Migration):
    dependencies = [("partybuild", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
