"""After award, signing and a payment the organization's proposal page shows its funded project: the award, the
agreement, each tranche with its condition and state, each payment and the reports due."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.venture.funded import final_award
from venture import services

pytestmark = pytest.mark.django_db


def test_the_applicant_follows_the_award_the_agreement_the_tranches_and_the_payments(client, staff):
    proposal, agreement, applicant = final_award(staff)
    client.force_login(applicant)
    url = reverse("venture:proposal", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="funded-project"' in page and "尚未签约" in page

    signed_on = timezone.localdate() - datetime.timedelta(days=3)
    services.sign_agreement(staff, agreement, signed_on)
    first = agreement.tranches.first()
    services.record_payment(staff, first, timezone.localdate(), first.amount)
    due = timezone.localdate() + datetime.timedelta(days=30)
    services.schedule_report(staff, proposal, "midterm", due)

    page = client.get(url).content.decode()
    for shown in (
        "25000.00",  # the award
        "宣传费偏高",  # why it is partial
        agreement.number,
        signed_on.isoformat(),
        "签约后",
        "中期评估通过后",
        "结项评估通过后",
        "已拨款",
        "等待拨款条件",
        "12500.00",
        "7500.00",
        timezone.localdate().isoformat(),
        due.isoformat(),
    ):
        assert shown in page, shown


def test_before_the_award_there_is_no_funded_project(client, applicant, proposal):
    client.force_login(applicant)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert 'data-testid="funded-project"' not in page
