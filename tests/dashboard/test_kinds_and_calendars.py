import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator import calendar, notifications, services
from incubator.roles import Role
from orgs.models import Assignment as OrgsAssignment
from tests.factories import ExpertFactory, StaffFactory, UserFactory, applicant_of
from tests.orgs.factories import EvaluationFactory, in_shell
from tests.venture.factories import AssignmentFactory, ProposalFactory

ROOT = Path(__file__).resolve().parents[2]
# The kind is the first string literal after the recipients (notify) or after subject and kind (remind_once).
SENT = re.compile(r"(?:notify|remind_once)\(\s*(?:[^,()]+(?:\([^()]*\))?,\s*){1,2}?(f?)\"([a-z_{}]+)\"", re.S)


def sent_kinds():
    found = set()
    for app in ("orgs", "venture", "partybuild"):
        for path in (ROOT / app).rglob("*.py"):
            found.update(SENT.findall(path.read_text()))
    return found


def test_every_kind_the_apps_send_has_a_name_on_the_email_choices_page():
    registered = {kind: declared.label for kind, declared in notifications.kinds().items()}
    found = sent_kinds()
    assert len(found) >= 25  # the regex must keep finding them as the code changes
    for is_template, kind in found:
        if is_template:
            prefix = kind.split("{")[0]
            assert any(k.startswith(prefix) for k in registered), kind
        else:
            assert kind in registered, kind
    assert all(str(label) != kind for kind, label in registered.items())


@pytest.mark.django_db
def test_the_email_choices_page_lists_them_in_chinese(client):
    client.force_login(UserFactory(roles=[Role.PARK_STAFF, Role.PARTY_STAFF]))
    html = client.get(reverse("notification_settings")).content.decode()
    assert "壳内孵化期" in html and "公示" in html and "星级评定" in html


@pytest.mark.django_db
def test_each_user_is_offered_only_the_kinds_their_roles_receive(client):
    applicant = applicant_of()
    client.force_login(applicant)
    html = client.get(reverse("notification_settings")).content.decode()
    assert 'value="venture_outcome"' in html and 'value="job_finished"' in html
    for kind in ("party_star_rating_due", "membership_requested", "venture_review_due"):
        assert f'value="{kind}"' not in html, kind
    offered = {k.kind for k in notifications.kinds_for(applicant)}
    assert all(not k.roles or Role.APPLICANT in k.roles for k in notifications.kinds().values() if k.kind in offered)


def test_a_kind_no_app_declares_is_refused():
    with pytest.raises(ValueError):
        services.notify([], "no_such_kind", "标题")


def titles(user):
    return [str(event.title) for event in calendar.events_for(user)]


@pytest.mark.django_db
def test_an_organization_sees_its_own_in_shell_end_only():
    mine = in_shell(name="草原公益服务中心").organization
    other = in_shell(name="另一家协会").organization
    applicant = applicant_of(mine)
    found = titles(applicant)
    assert any("草原公益服务中心" in t for t in found)
    assert not any(other.name in t for t in found)


@pytest.mark.django_db
def test_staff_see_in_shell_ends_and_scores_due():
    in_shell(name="草原公益服务中心")
    EvaluationFactory(organization=in_shell(name="评估中的协会").organization, due_on=timezone.localdate())
    found = titles(StaffFactory())
    assert any("草原公益服务中心" in t for t in found)
    assert any("评估中的协会" in t for t in found)


@pytest.mark.django_db
def test_an_expert_sees_the_scores_and_reviews_they_owe():
    expert = ExpertFactory()
    evaluation = EvaluationFactory(due_on=timezone.localdate() + timedelta(days=3))
    OrgsAssignment.objects.create(evaluation=evaluation, expert=expert, assigned_by=StaffFactory())
    proposal = ProposalFactory()
    AssignmentFactory(proposal=proposal, expert=expert, due_on=timezone.localdate() + timedelta(days=5))
    events = calendar.events_for(expert)
    uids = {e.uid.split("-")[0] + "-" + e.uid.split("-")[1] for e in events}
    assert {"orgs-scores", "venture-review"} <= uids
    assert calendar.events_for(ExpertFactory()) == []


@pytest.mark.django_db
def test_the_feed_carries_the_deadlines(client):
    applicant = applicant_of(in_shell(name="草原公益服务中心").organization)
    feed = client.get(reverse("calendar_feed", args=[applicant.calendar_token]))
    assert feed.status_code == 200
    assert "草原公益服务中心" in feed.content.decode().replace("\r\n ", "")
