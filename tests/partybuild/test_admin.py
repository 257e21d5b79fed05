"""The admin is a door like the workbench: stages and ratings are read-only there, and change through admin
actions that call the same services, with the same refusals."""

import pytest
from django.urls import reverse
from django.utils import translation

from partybuild.models import PartyCase, Stage, StarRating
from tests.factories import InstructorFactory, PartyStaffFactory
from tests.partybuild.factories import PartyCaseFactory, PartyOrganizationFactory, scheme

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:partybuild_partycase_changelist"


def _zh(message):
    with translation.override("zh-hans"):
        return str(translation.gettext(message))


def test_the_case_change_form_is_read_only(client):
    case = PartyCaseFactory(instructor=InstructorFactory())
    client.force_login(PartyStaffFactory())
    url = reverse("admin:partybuild_partycase_change", args=[case.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"stage": Stage.FOLLOW_UP}).status_code == 403
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.INSPECTION


def test_the_stage_step_action_asks_for_the_note_and_refuses_as_the_case_page_does(client):
    ready = PartyCaseFactory(instructor=InstructorFactory())
    unassigned = PartyCaseFactory()
    client.force_login(PartyStaffFactory())
    chosen = {"action": "finish_inspection", "_selected_action": [ready.pk, unassigned.pk]}
    confirmation = client.post(reverse(CHANGELIST), chosen)
    assert confirmation.status_code == 200  # a confirmation page; nothing moved yet
    assert set(PartyCase.objects.values_list("stage", flat=True)) == {Stage.INSPECTION}

    no_note = client.post(reverse(CHANGELIST), {**chosen, "apply": "1", "note": ""})
    assert no_note.status_code == 200
    assert _zh("Write what was done and why: the note is kept in the stage log.") in no_note.content.decode()
    assert set(PartyCase.objects.values_list("stage", flat=True)) == {Stage.INSPECTION}

    response = client.post(reverse(CHANGELIST), {**chosen, "apply": "1", "note": "已走访考察"})
    assert response.status_code == 200  # the refused case comes back, with why and the note kept
    page = response.content.decode()
    reason = _zh("Assign the party-building instructor who guides the organization before the inspection ends.")
    assert reason in page and "已走访考察" in page
    assert PartyCase.objects.get(pk=ready.pk).stage == Stage.FINDING
    assert PartyCase.objects.get(pk=ready.pk).log.get().reason == "已走访考察"
    assert PartyCase.objects.get(pk=unassigned.pk).stage == Stage.INSPECTION


def test_the_step_action_moves_a_case_whose_rules_hold(client):
    case = PartyCaseFactory(instructor=InstructorFactory(), stage=Stage.FORMATION)
    PartyOrganizationFactory(organizations=[case.organization])
    client.force_login(PartyStaffFactory())
    data = {"action": "start_follow_up", "_selected_action": [case.pk], "apply": "1", "note": "加入联合党支部"}
    response = client.post(reverse(CHANGELIST), data)
    assert response.status_code == 200  # no party member yet: refused
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.FORMATION
    PartyCase.objects.filter(pk=case.pk).update(full_members=1)
    assert client.post(reverse(CHANGELIST), data).status_code == 302
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.FOLLOW_UP


def test_ratings_are_read_only_and_announced_or_finalised_by_action(client):
    rating = StarRating.objects.create(
        party_organization=PartyOrganizationFactory(), year=2026, scheme=scheme(), points=80, stars=4
    )
    client.force_login(PartyStaffFactory())
    change = reverse("admin:partybuild_starrating_change", args=[rating.pk])
    assert client.post(change, {"state": StarRating.State.FINAL}).status_code == 403
    url = reverse("admin:partybuild_starrating_changelist")
    refused = client.post(url, {"action": "finalize", "_selected_action": [rating.pk]}, follow=True)
    reason = _zh("A rating becomes final only after its public announcement has ended.")
    assert reason in refused.content.decode()
    assert StarRating.objects.get(pk=rating.pk).state == StarRating.State.DRAFT
    client.post(url, {"action": "announce", "_selected_action": [rating.pk]})
    assert StarRating.objects.get(pk=rating.pk).state == StarRating.State.ANNOUNCED


def test_a_scheme_that_rated_someone_is_settled_in_the_admin(client):
    used = scheme(name="已用方案")
    StarRating.objects.create(party_organization=PartyOrganizationFactory(), year=2025, scheme=used, points=80, stars=4)
    client.force_login(PartyStaffFactory())
    url = reverse("admin:partybuild_ratingscheme_change", args=[used.pk])
    page = client.get(url).content.decode()
    assert 'name="five_star_from"' not in page and 'name="is_current"' in page
    assert client.post(url, {"five_star_from": "50", "is_current": "on"}).status_code in (200, 302)
    used.refresh_from_db()
    assert used.five_star_from == 90
    assert client.get(reverse("admin:partybuild_ratingscheme_delete", args=[used.pk])).status_code == 403
