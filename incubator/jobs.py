"""Long-running work in Celery with a progress bar. An app contributes a handler for each kind of job
(incubator.protocol):

    def export_register(job, **params):
        for done, row in enumerate(rows):
            job_progress(job, done, total)
        return "register.xlsx", content_bytes

    contribution = Contribution(jobs={"orgs.export_register": export_register})

and a view starts one with `jobs.start(user, "orgs.export_register", title, **params)`, then redirects to
`job.get_absolute_url()` where the owner watches it and downloads the result."""

import logging
import uuid
from pathlib import PurePosixPath

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import protocol
from .files import check_upload
from .models import Job
from .services import interpolate, notify

log = logging.getLogger(__name__)


# What a job reads: the registers staff keep in Excel.
SOURCE_KINDS = ("xlsx",)


def handlers():
    return protocol.merged("jobs")


def start(owner, kind, title, source=None, **params):
    """Queue a job; `source` is an uploaded file the handler reads as `job.source`."""
    if kind not in handlers():
        raise KeyError(kind)
    job = Job(owner=owner, kind=kind, title=str(title)[:200], params=params)
    if source is not None:
        check_upload(source, SOURCE_KINDS)
        job.source.save(f"{uuid.uuid4().hex}{PurePosixPath(source.name or '').suffix.lower()}", source, save=False)
    job.save()
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id):
    try:
        run_job.delay(job_id)
    except Exception:  # broker down: the job stays queued and the periodic sweep starts it
        log.warning("broker unreachable; job %s stays queued", job_id)


def job_progress(job, done, total, message=""):
    """Record progress; cheap enough to call per row (writes at most once per percent)."""
    percent = min(99, int(done * 100 / total)) if total else 0
    if percent != job.progress or message:
        job.progress = percent
        job.message = str(message) or job.message
        Job.objects.filter(pk=job.pk).update(progress=percent, message=job.message)


@shared_task(name="incubator.tasks.run_job")
def run_job(job_id):
    return run(job_id)


@shared_task(name="incubator.tasks.start_waiting_jobs")
def start_waiting_jobs():
    """Jobs queued while the broker was down start now."""
    cutoff = timezone.now() - timezone.timedelta(minutes=2)
    waiting = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=cutoff).values_list("pk", flat=True)
    return sum(bool(run(pk)) for pk in list(waiting[:20]))


def run(job_id):
    """Run a queued job once: of two deliveries of the same task only one claims it."""
    if not Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING):
        return False
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        filename, content = handlers()[job.kind](job, **job.params)
    except Exception as error:
        log.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=str(error)[:1000], finished_at=timezone.now()
        )
        title = interpolate(_("Failed: %(title)s"), {"title": job.title})
    else:
        job.result.save(filename, ContentFile(content), save=False)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.DONE,
            progress=100,
            result=job.result.name,
            result_name=filename,
            finished_at=timezone.now(),
        )
        title = interpolate(_("Ready: %(title)s"), {"title": job.title})
    notify([job.owner], "job_finished", title, url=reverse("job_detail", args=[job.pk]))
    return True
