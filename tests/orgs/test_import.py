"""Importing an existing register from Excel: preview, row-by-row errors in Chinese, all or nothing."""

import io

import openpyxl
import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from orgs.models import Organization
from orgs.resources import OrganizationResource
from tests.factories import SiteFactory, StaffFactory, make_uscc

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


def test_admin_import_shows_a_preview_and_errors(client):
    SiteFactory(short_name="天骄社区")
    client.force_login(StaffFactory(is_superuser=True))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(["错代码组织", "社会团体", "12345", "公益慈善类", "孵化类", "天骄社区", "乙"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "register.xlsx"
    response = client.post(
        reverse("admin:orgs_organization_import"),
        {"import_file": buffer, "format": "1", "resource": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "统一社会信用代码为18位" in page
    assert Organization.objects.count() == 0
