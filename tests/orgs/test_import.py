"""Importing an existing register from Excel: preview, row-by-row errors in Chinese, all or nothing."""

import io
import re

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from incubator.models import Job
from orgs.models import Organization
from orgs.resources import OrganizationResource
from tests.conftest import wait_for
from tests.factories import OrganizationFactory, SiteFactory, StaffFactory, applicant_of, make_uscc
from tests.jobs import export, run_started_job

pytestmark = pytest.mark.django_db

HEADERS = ["名称", "登记类型", "统一社会信用代码", "类别", "孵化类型", "所属园区", "法定代表人/负责人"]


def dataset(rows):
    data = tablib.Dataset(headers=HEADERS)
    for row in rows:
        data.append(row)
    return data


def test_valid_register_imports_with_chinese_labels():
    site = SiteFactory(short_name="天骄社区")
    result = OrganizationResource().import_data(
        dataset(
            [
                [
                    "桃林公益事业发展中心",
                    "社会服务机构（民办非企业单位）",
                    make_uscc(901),
                    "公益慈善类",
                    "入驻类",
                    "天骄社区",
                    "负责人甲",
                ],
                ["社区舞蹈队", "草根团队", "", "文化体育类", "孵化类", "天骄社区", "负责人乙"],
            ]
        ),  # fmt: skip
        dry_run=False,
    )
    assert not result.has_errors() and not result.has_validation_errors()
    taolin = Organization.objects.get(name="桃林公益事业发展中心")
    assert taolin.registration_type == "social_service" and taolin.track == "resident" and taolin.site == site
    assert Organization.objects.get(name="社区舞蹈队").category == "culture_sports"


def test_one_bad_row_writes_nothing_and_says_why_in_chinese():
    SiteFactory(short_name="天骄社区")
    bad = make_uscc(902)[:-1] + ("0" if make_uscc(902)[-1] != "0" else "1")
    with translation.override("zh-hans"):
        result = OrganizationResource().import_data(
            dataset(
                [
                    ["好组织", "社会团体", make_uscc(903, kind="1"), "公益慈善类", "孵化类", "天骄社区", "甲"],
                    ["错代码组织", "社会团体", bad, "公益慈善类", "孵化类", "天骄社区", "乙"],
                    ["没园区组织", "社会团体", make_uscc(904, kind="1"), "公益慈善类", "孵化类", "火星", "丙"],
                ]
            ),  # fmt: skip
            dry_run=False,
        )
        assert result.has_validation_errors()
        messages = {
            row.number: " ".join(str(m) for e in row.error_dict.values() for m in e) for row in result.invalid_rows
        }
    assert Organization.objects.count() == 0
    assert "校验码有误" in messages[2]
    assert "没有名为“火星”的园区" in messages[3]


def _register(rows, name="register.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD = ["桃林公益事业发展中心", "社会团体", make_uscc(911, kind="1"), "公益慈善类", "孵化类", "天骄社区", "甲"]
BAD = ["错代码组织", "社会团体", "12345", "公益慈善类", "孵化类", "天骄社区", "乙"]


def _report(content):
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


@pytest.fixture
def staff_client(client):
    SiteFactory(short_name="天骄社区")
    client.force_login(StaffFactory())
    return client


def test_one_bad_row_imports_nothing_and_the_report_says_what_to_correct(staff_client):
    response = staff_client.post(reverse("orgs:register_import"), {"file": _register([GOOD, BAD])})
    report = _report(run_started_job(staff_client, response))
    assert Organization.objects.count() == 0
    job = Job.objects.get()
    assert "没有导入任何数据" in job.message and "1 行有错误" in job.message
    assert report[0] == ["行号", "组织名称", "结果", "需要更正"]
    assert report[1][:3] == [2, "桃林公益事业发展中心", "有效（未写入）"]
    assert report[2][:3] == [3, "错代码组织", "错误"] and "统一社会信用代码：" in report[2][3]


def test_checking_only_writes_nothing_then_the_import_writes_every_row(staff_client):
    url = reverse("orgs:register_import")
    run_started_job(staff_client, staff_client.post(url, {"file": _register([GOOD]), "check_only": "on"}))
    assert Organization.objects.count() == 0
    assert "仅检查" in Job.objects.get().message
    report = _report(run_started_job(staff_client, staff_client.post(url, {"file": _register([GOOD])})))
    assert report[1][:3] == [2, "桃林公益事业发展中心", "新增"]
    assert Organization.objects.get().name == "桃林公益事业发展中心"


def test_an_exported_list_imports_back_unchanged(staff_client):
    OrganizationFactory(name="回环组织", site=SiteFactory(short_name="回环园"))
    content = export(staff_client, reverse("orgs:organization_export"))
    response = staff_client.post(reverse("orgs:register_import"), {"file": SimpleUploadedFile("list.xlsx", content)})
    report = _report(run_started_job(staff_client, response))
    assert report[1][1:3] == ["回环组织", "未变"]


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("register.xlsx", b"\x89PNG\r\n\x1a\n0000"), "不是真正的 .xlsx 文件"),
        (SimpleUploadedFile("register.csv", b"a,b"), "不接受 .csv 类型的文件"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_on_the_page(staff_client, upload, message):
    response = staff_client.post(reverse("orgs:register_import"), {"file": upload, "check_only": "on"})
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert re.search(r'<input[^>]*name="check_only"[^>]*checked', page)  # what was chosen is kept
    assert not Job.objects.exists()


def test_only_park_staff_may_import(client):
    client.force_login(applicant_of(OrganizationFactory()))
    assert client.get(reverse("orgs:register_import")).status_code == 403
    assert client.post(reverse("orgs:register_import"), {"file": _register([GOOD])}).status_code == 403
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_the_register_with_progress(client, celery_worker):
    SiteFactory(short_name="天骄社区")
    staff = StaffFactory()
    client.force_login(staff)
    rows = [[f"组织{i:03d}", "草根团队", "", "文化体育类", "孵化类", "天骄社区", "甲"] for i in range(120)]
    response = client.post(reverse("orgs:register_import"), {"file": _register(rows)})
    job = Job.objects.get(owner=staff)
    assert response.url == reverse("job_detail", args=[job.pk])
    assert wait_for(lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE, timeout=60)
    assert Organization.objects.count() == 120
    job.refresh_from_db()
    assert job.progress == 100 and "120 行：新增 120" in job.message
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "下载 import-report-" in page


def test_a_name_repeated_in_the_file_is_an_error_even_across_chunks(staff_client):
    rows = [[f"组织{i:03d}", "草根团队", "", "文化体育类", "孵化类", "天骄社区", "甲"] for i in range(150)]
    rows.append(rows[3])
    response = staff_client.post(reverse("orgs:register_import"), {"file": _register(rows)})
    report = _report(run_started_job(staff_client, response))
    assert Organization.objects.count() == 0
    assert report[-1][:3] == [152, "组织003", "错误"] and "名称与第 5 行重复" in report[-1][3]
