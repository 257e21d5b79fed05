"""Work a view hands to a Celery job (incubator.jobs), run in the test's own process as the worker would run
it; the tests with a real worker live beside the features (the annual report, the register)."""

from django.urls import resolve, reverse

from incubator import jobs


def run_started_job(client, response):
    """The job a view's redirect points at, run once, and its download as the same user sees it (bytes)."""
    assert response.status_code == 302, response.status_code
    match = resolve(response.url)
    assert match.url_name == "job_detail", response.url
    assert jobs.run(match.kwargs["pk"])
    download = client.get(reverse("job_download", args=[match.kwargs["pk"]]))
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def export(client, url, data=None):
    """POST to an export's URL and return the finished workbook's bytes."""
    return run_started_job(client, client.post(url, data or {}))
