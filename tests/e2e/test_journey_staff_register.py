"""Staff bring the paper-era register in from Excel and take a filtered list out again; both run in a real
Celery worker while the page shows a progress bar, then offer the file to download."""

import io

import openpyxl
import pytest

from orgs.models import Organization
from tests.e2e.conftest import sign_in
from tests.factories import SiteFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
HEADERS = ["名称", "登记类型", "统一社会信用代码", "类别", "孵化类型", "所属园区", "法定代表人/负责人"]


def workbook(rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_staff_import_the_register_and_export_a_filtered_list(page, celery_worker, tmp_path):
    StaffFactory(username="staff-li")
    SiteFactory(name="伊金霍洛旗社会组织孵化基地", short_name="主园区")
    wangfu = SiteFactory(name="王府社区社会组织孵化器", short_name="王府社区")
    rows = [[f"伊旗志愿服务队{i:02d}", "草根团队", "", "公益慈善类", "孵化类", "主园区", "队长"] for i in range(40)]
    rows += [["王府社区助老协会", "草根团队", "", "社区服务类", "孵化类", "王府社区", "会长"]]
    sign_in(page, "staff-li")

    page.goto("/orgs/staff/organizations/import/")
    page.set_input_files(
        "input[name=file]",
        {
            "name": "名册.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook(rows),
        },
    )
    page.click("form[enctype] button")
    page.wait_for_url("**/jobs/*/")
    page.get_by_role("progressbar").wait_for()
    download_link = page.locator("a", has_text="下载 import-report-")
    download_link.wait_for(timeout=60000)
    assert "名册已导入" in page.inner_text("#job-progress")
    with page.expect_download() as report:
        download_link.click()
    sheet = openpyxl.load_workbook(io.BytesIO(report.value.path().read_bytes())).active
    assert sheet.max_row == 42 and sheet["C2"].value == "新增"
    assert Organization.objects.count() == 41

    # Filter the list to one site and export what is shown.
    page.goto("/orgs/staff/organizations/")
    page.select_option("select[name=site]", value=str(wangfu.pk))
    page.click("form[method=get] button[type=submit]")
    assert page.locator("tbody tr").count() == 1
    page.click("[data-testid=export]")
    page.wait_for_url("**/jobs/*/")
    with page.expect_download() as export:
        page.locator("a", has_text="下载 organizations-").click(timeout=60000)
    exported = openpyxl.load_workbook(io.BytesIO(export.value.path().read_bytes())).active
    assert [row[0] for row in exported.iter_rows(min_row=2, values_only=True)] == ["王府社区助老协会"]
