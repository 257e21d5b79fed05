"""One gate for every app's staff pages: signed out, sign in; signed in without the role, 403 with the Chinese
error page (these pages are no secret). A record a role may not know of still answers 404."""

import pytest
from django.urls import reverse

from tests.factories import ExpertFactory, StaffFactory, applicant_of
from tests.orgs.factories import EvaluationFactory

pytestmark = pytest.mark.django_db

NOT_OPEN = "您的账号无权打开此页面"


def staff_pages():
    evaluation = EvaluationFactory()
    return [
        reverse("orgs:board"),
        reverse("orgs:organization", args=[evaluation.organization_id]),
        reverse("orgs:evaluation", args=[evaluation.pk]),
        reverse("orgs:spaces"),
        reverse("venture:staff_rounds"),
        reverse("partybuild:workbench"),
        reverse("partybuild:cases"),
    ]


@pytest.mark.parametrize("who", [applicant_of, ExpertFactory])
def test_a_signed_in_account_without_the_role_is_told_so(client, who):
    client.force_login(who())
    for url in staff_pages():
        response = client.get(url)
        assert response.status_code == 403, url
        assert NOT_OPEN in response.content.decode(), url


def test_signed_out_signs_in_first(client):
    for url in staff_pages():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_staff_open_them_and_an_unknown_record_is_still_404(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("orgs:board")).status_code == 200
    assert client.get(reverse("orgs:organization", args=[987654])).status_code == 404
    # Another organization's record stays unknown to an applicant.
    client.force_login(applicant_of())
    assert client.get(reverse("venture:proposal", args=[987654])).status_code == 404
