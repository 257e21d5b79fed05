"""A round's Excel exports as Celery jobs (incubator.jobs), so a round of a thousand proposals never holds a
request; the owner watches the progress bar and downloads the workbook."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from incubator import jobs

from .exports import ROUND_EXPORTS, xlsx_bytes
from .models import Round


def export_round(job, round_id, what):
    # Who may export is checked again when the job runs: a role taken away meanwhile gets nothing.
    if not job.owner.is_park_staff:
        raise PermissionDenied
    round_ = Round.objects.get(pk=round_id)
    jobs.job_progress(job, 1, 3, _("Reading the round"))
    workbook = ROUND_EXPORTS[what](round_, job.owner)
    jobs.job_progress(job, 2, 3, _("Writing the workbook"))
    return f"{round_.code}-{what}.xlsx", xlsx_bytes(workbook)
