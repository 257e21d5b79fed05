"""Fuzzed input on the staff workbench: recruitment calls, importing the register, applicant accounts and the
responsible staff member."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from incubator.models import Job
from orgs.models import (
    Membership,
    Organization,
    RecruitmentCall,
    Track,
)
from tests.factories import (
    OrganizationFactory,
    SiteFactory,
    applicant_of,
    make_uscc,
)
from tests.fuzz_strategies import (
    A_MONTH_AGO,
    FUZZ,
    FUZZ_SLOW_PAGE,
    IN_A_MONTH,
    WITNESS,
    assert_kept,
    assert_no_formula,
    assert_valid,
    choice,
    dates,
    each_example,
    mostly,
    numbers,
    reference,
    references,
    text,
    text_or,
    uploads,
    valid_or,
)
from tests.jobs import run_started_job
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


# -- the workbench: recruitment calls --------------------------------------------------------------------------
@FUZZ
@given(
    title=text_or("2026年社会组织招募公告", 150),
    tracks=valid_or([Track.INCUBATION], st.lists(choice(Track.values), max_size=2)),
    sites=valid_or([], references([])),
    opens_on=valid_or(A_MONTH_AGO, dates),
    closes_on=valid_or(IN_A_MONTH, dates),
    body=text_or(WITNESS),
    published=st.sampled_from(["", "on"]),
)
def test_recruitment_call_form(site, staff_client, title, tracks, sites, opens_on, closes_on, body, published):
    client = staff_client
    data = {
        "title": title,
        "tracks": tracks,
        "sites": [str(site.pk), *sites],
        "opens_on": opens_on,
        "closes_on": closes_on,
        "body": body,
        "materials": WITNESS,
        "published": published,
    }
    with each_example():
        response = client.post(reverse("orgs:staff_call_new"), data)
        assert response.status_code in (200, 302)
        calls = list(RecruitmentCall.objects.all())
        assert_valid(calls)
        for call in calls:
            assert call.tracks and set(call.tracks) <= set(Track.values)
        if response.status_code == 200:
            assert not calls
            assert_kept(response, materials=WITNESS, title=title)


# -- the workbench: importing the register, applicant accounts, the responsible staff member -------------------
REGISTER_HEADINGS = [
    "名称",
    "登记类型",
    "统一社会信用代码",
    "类别",
    "孵化类型",
    "所属园区",
    "法定代表人/负责人",
    "专职人员",
]


def register_file(rows):
    book = Workbook()
    book.active.append(REGISTER_HEADINGS)
    for row in rows:
        # A workbook cannot hold control characters: a register saved by Excel never has them.
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


register_row = st.tuples(
    text_or("伊旗助老服务队", 150),
    valid_or("草根团队", st.sampled_from(["社会团体", "民办非企业", "", "公司", "\u202e"])),
    valid_or("", st.sampled_from([make_uscc(920, kind="1"), "12345", "9" * 40, "=1+1"])),
    valid_or("公益慈善类", text(20)),
    valid_or("孵化类", st.sampled_from(["入驻类", "resident", "", "其他"])),
    valid_or("主园区", st.sampled_from(["火星", "", "=A1"])),
    text_or("负责人", 60),
    valid_or(3, numbers),
)


@FUZZ_SLOW_PAGE
@given(rows=st.lists(register_row, min_size=1, max_size=6), upload=st.one_of(st.none(), uploads), check=mostly)
def test_register_import_form(staff_client, rows, upload, check):
    SiteFactory(short_name="主园区")
    data = {"check_only": "on" if check else ""}
    with each_example():
        data["file"] = upload.file() if upload else SimpleUploadedFile("名册.xlsx", register_file(rows))
        response = staff_client.post(reverse("orgs:register_import"), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert upload is not None and not Job.objects.exists()
            assert_kept(response, check_only=["on"] if check else [])
            return
        report = run_started_job(staff_client, response)
        assert_no_formula(report)
        assert_valid(Organization.objects.all())
        if check:
            assert not Organization.objects.exists()


@pytest.fixture
def waiting_accounts():
    return [applicant_of(OrganizationFactory(), confirmed_at=None).membership for _ in range(2)]


@FUZZ
@given(
    # Each decision is a button posting to its own address, so a request names one of the two.
    which=st.integers(0, 1),
    membership=numbers,
    decision=st.sampled_from(["confirm", "decline"]),
    reason=text_or(WITNESS, 500),
)
def test_membership_decision_form(staff_client, waiting_accounts, which, membership, decision, reason):
    known = str(waiting_accounts[which].pk)
    with each_example():
        for target in (known, membership):  # the account shown, then whatever a request may name
            prefix = f"m{target}"
            confirmed = Membership.objects.filter(confirmed_at__isnull=False).count()
            response = staff_client.post(
                reverse(f"orgs:membership_{decision}"), {"membership": target, f"{prefix}-reason": reason}
            )
            assert response.status_code in (200, 302, 404)
            assert_valid(Membership.objects.all())
            if response.status_code == 200:  # refused: nothing confirmed, the reason as typed
                assert Membership.objects.filter(confirmed_at__isnull=False).count() == confirmed
                if target == known and reason.strip() and "\x00" not in reason and len(reason) <= 500:
                    assert_kept(response, **{f"{prefix}-reason": reason})


@FUZZ
@given(responsible=valid_or("staff", reference([])))
def test_responsible_staff_form(staff, staff_client, responsible):
    incubation = IncubationFactory()
    if responsible == "staff":
        responsible = str(staff.pk)
    with each_example():
        url = reverse("orgs:organization_responsible", args=[incubation.organization_id])
        response = staff_client.post(url, {"staff": responsible})
        assert response.status_code in (200, 302)
        incubation.refresh_from_db()
        assert incubation.responsible_staff_id in (None, staff.pk)
        assert (response.status_code == 302) == (responsible in ("", str(staff.pk)))
