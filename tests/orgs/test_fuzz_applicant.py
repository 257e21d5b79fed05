"""Fuzzed input on the public registration and the applicant's forms: never a 500, nothing invalid stored, what
the user typed still on the page when it comes back with errors, formula-like text neutralised in the export."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from incubator.models import User
from incubator.spreadsheets import safe_cell
from orgs.models import (
    Application,
    Category,
    Need,
    Organization,
    OrganizationDocument,
    RecruitmentCall,
    RegistrationType,
    Track,
)
from tests.factories import (
    applicant_of,
    make_uscc,
)
from tests.fuzz_strategies import (
    FUZZ,
    UPLOAD_LIMIT,
    WITNESS,
    assert_kept,
    assert_no_formula,
    assert_valid,
    choice,
    each_example,
    formula_text,
    mostly,
    numbers,
    reference,
    text,
    text_or,
    uploads,
    valid_or,
)
from tests.jobs import export
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


def exported_cells(staff_client):
    content = export(staff_client, reverse("orgs:organization_export"))
    assert_no_formula(content)
    sheet = load_workbook(io.BytesIO(content)).active
    return {cell.value for row in sheet.iter_rows() for cell in row}


# -- public: registration --------------------------------------------------------------------------------------


@FUZZ
@given(
    username=text_or("wurida2026", 30),
    full_name=text_or("乌日娜", 60),
    phone=valid_or("13800000000", numbers),
    email=text_or("wurida@example.org"),
    password=text_or("Ejin-Horo-2026!"),
    name=text_or("乌日达妇女手工制作中心", 100),
    registration_type=choice(RegistrationType.values),
    uscc=valid_or(make_uscc(7), text(18)),
    category=choice(Category.values),
    services_=text_or("妇女手工技能培训"),
)
def test_registration_form(
    site, username, full_name, phone, email, password, name, registration_type, uscc, category, services_
):
    data = {
        "username": username,
        "full_name": full_name,
        "phone": phone,
        "email": email,
        "position": "负责人",
        "password1": password,
        "password2": password,
        "name": name,
        "registration_type": registration_type,
        "uscc": uscc,
        "category": category,
        "site": site.pk,
        "address": WITNESS,
        "person_in_charge": "乌日娜",
        "contact_phone": "13800000000",
        "services": services_,
    }
    with each_example():
        response = Client().post(reverse("orgs:register"), data)
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert_valid(Organization.objects.all())
            assert_valid(User.objects.all(), exclude=["password"])
            assert Organization.objects.get().name == name.strip()
        else:
            assert not Organization.objects.exists() and not User.objects.exists()
            assert_kept(response, address=WITNESS, name=name, full_name=full_name, services=services_)


# -- applicant -------------------------------------------------------------------------------------------------


@pytest.fixture
def applicant_client(organization):
    client = Client()
    client.force_login(applicant_of(organization))
    return client


@FUZZ
@given(
    short_name=st.one_of(formula_text, text(30)),
    address=st.one_of(formula_text, text(200)),
    contact_name=st.one_of(formula_text, text(60)),
    contact_phone=st.one_of(formula_text, numbers, text(20)),
    contact_email=text_or("a@example.org"),
    staff_count=valid_or("3", numbers),
    volunteer_count=valid_or("20", numbers),
    services_=st.one_of(formula_text, text()),
)
@example(
    short_name="\x01=1+1",
    address="幸福路\x1b[31m8号",
    contact_name="",
    contact_phone="\x08",
    contact_email="a@example.org",
    staff_count="0",
    volunteer_count="0",
    services_="",
)
def test_profile_form_and_the_export(
    organization, applicant_client, staff_client, short_name, address, contact_name, contact_phone, contact_email,
    staff_count, volunteer_count, services_,
):  # fmt: skip
    data = {
        "short_name": short_name,
        "address": address,
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "contact_email": contact_email,
        "staff_count": staff_count,
        "volunteer_count": volunteer_count,
        "services": services_,
        "beneficiaries": WITNESS,
    }
    with each_example():
        response = applicant_client.post(reverse("orgs:my_profile"), data)
        assert response.status_code in (200, 302)
        organization.refresh_from_db()
        if response.status_code == 302:
            assert_valid([organization])
            assert organization.beneficiaries == WITNESS
            cells = exported_cells(staff_client)
            for value in (organization.short_name, organization.address, organization.contact_name):
                # XML reads a carriage return as a line feed; a value of control characters only is an empty cell
                expected = safe_cell(value).replace("\r\n", "\n").replace("\r", "\n") if value else ""
                assert not expected or expected in cells
        else:
            assert organization.beneficiaries == ""
            assert_kept(response, beneficiaries=WITNESS, short_name=short_name, address=address, services=services_)


@pytest.fixture
def call():
    call = RecruitmentCall.objects.create(
        title="2026年社会组织招募",
        tracks=[Track.INCUBATION],
        opens_on=timezone.localdate(),
        body="招募",
        materials="章程",
    )
    call.published = True
    call.save()
    return call


@pytest.fixture
def applicant_incubation(organization):
    return IncubationFactory(organization=organization)


@FUZZ
@given(
    call_=mostly,
    call_junk=reference([]),
    track=choice(Track.values),
    project_title=text_or("社区助老服务", 150),
    team=text_or("三名核心成员"),
    team_size=valid_or("3", numbers),
    needs=st.lists(choice(Need.values), max_size=3),
    needs_detail=text_or("需要一间办公室"),
    submit=st.booleans(),
)
def test_application_form(
    applicant_incubation, applicant_client, call, call_, call_junk, track, project_title, team, team_size, needs, needs_detail,
    submit,
):  # fmt: skip
    data = {
        "call": call.pk if call_ else call_junk,
        "track": track,
        "project_title": project_title,
        "project_description": WITNESS,
        "team": team,
        "team_size": team_size,
        "needs": needs,
        "needs_detail": needs_detail,
    } | ({"submit": "1"} if submit else {})
    with each_example():
        url = reverse("orgs:my_application_submit" if submit else "orgs:my_application")
        response = applicant_client.post(url, data)
        assert response.status_code in (200, 302)
        assert_valid(Application.objects.all())
        for application in Application.objects.all():
            assert set(application.needs) <= set(Need.values)
            assert application.status == Application.Status.DRAFT or application.team and application.team_size > 0
        if response.status_code == 200:
            assert not Application.objects.exists()
            assert_kept(response, project_description=WITNESS, project_title=project_title, team=team)


@FUZZ
@given(kind=choice(OrganizationDocument.Kind.values), upload=uploads)
def test_document_form(organization, applicant_client, small_uploads, kind, upload):
    with each_example():
        response = applicant_client.post(reverse("orgs:upload_document"), {"kind": kind, "file": upload.file()})
        assert response.status_code in (200, 302)
        documents = list(OrganizationDocument.objects.all())
        assert_valid(documents)
        if response.status_code == 302:
            assert upload.acceptable and len(documents) == 1
            assert documents[0].size == len(upload.content) <= UPLOAD_LIMIT
            assert documents[0].original_name.isprintable()
        else:
            assert not documents
            assert not upload.acceptable or kind not in OrganizationDocument.Kind.values
            if kind in OrganizationDocument.Kind.values:
                assert_kept(response, kind=kind)
