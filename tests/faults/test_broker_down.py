"""Redis down while an applicant submits: the submission is saved, the page answers, and the notification waits
in the outbox until the broker is back; it is then sent once."""

import datetime

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from incubator.models import Notification
from incubator.tasks import send_notification_email, send_pending_email
from tests.factories import UserFactory, applicant_of
from tests.venture.factories import ProposalFactory
from venture.models import ProposalState


def broker_down(*args, **kwargs):
    """What kombu raises when Redis refuses the connection (after its publish retries)."""
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.mark.django_db(transaction=True)
def test_a_proposal_submitted_with_the_broker_down_is_saved_and_its_email_goes_out_once_later(
    client, monkeypatch, mailoutbox
):
    proposal = ProposalFactory()
    applicant = applicant_of(proposal.organization, user=UserFactory(email="wurida@example.org", roles=["applicant"]))
    client.force_login(applicant)
    monkeypatch.setattr(send_notification_email, "delay", broker_down)
    response = client.post(reverse("venture:proposal_submit", args=[proposal.pk]))
    monkeypatch.undo()

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    pending = Notification.objects.filter(recipient=applicant, kind="venture_submitted")
    assert pending.get().email == Notification.Email.PENDING and not mailoutbox

    # The broker is back; the periodic sweep sends what waited, once however often it runs.
    pending.update(created_at=pending.get().created_at - datetime.timedelta(minutes=5))
    assert send_pending_email() == 1
    assert send_pending_email() == 0
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["wurida@example.org"]
