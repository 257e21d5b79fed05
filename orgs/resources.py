"""The register in Excel (django-import-export): staff import an existing register and export lists.

Column headers are the register's Chinese headings whatever the interface language, so a file exported
in one language imports in the other."""

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from incubator.models import Site
from incubator.spreadsheets import safe_cell

from .models import Category, Grade, Organization, RegistrationType, Track


class ChoiceWidget(widgets.Widget):
    """Accepts the code, the label in either language, or the Chinese term in the label's parentheses."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def _lookup(self):
        table = {}
        for value, label in self.choices.choices:
            table[value.lower()] = value
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    text = str(label)
                table[text.lower()] = value
                if "(" in text:
                    table[text[text.index("(") + 1 : text.rindex(")")].lower()] = value
        return table

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        found = self._lookup().get(text.lower())
        if found is None:
            raise ValueError(
                _("“%(value)s” is not one of: %(allowed)s")
                % {"value": text, "allowed": "、".join(str(label) for label in self.choices.labels)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class SiteWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(Site, "name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            raise ValueError(_("Give the site (main park, branch park or community incubator)."))
        site = Site.objects.filter(Q(name=text) | Q(short_name=text)).first()
        if site is None:
            raise ValueError(_("No site is called “%(value)s”.") % {"value": text})
        return site


def text_field(attribute, column):
    # An empty cell reads as None; the register's text columns store it as "" (never NULL).
    return fields.Field(attribute=attribute, column_name=column, widget=widgets.CharWidget(allow_blank=True))


def choice_field(attribute, column, choices):
    return fields.Field(attribute=attribute, column_name=column, widget=ChoiceWidget(choices))


class OrganizationResource(resources.ModelResource):
    name = text_field("name", "名称")
    short_name = text_field("short_name", "简称")
    registration_type = choice_field("registration_type", "登记类型", RegistrationType)
    uscc = text_field("uscc", "统一社会信用代码")
    registration_authority = text_field("registration_authority", "登记管理机关")
    registered_on = fields.Field(attribute="registered_on", column_name="登记日期", widget=widgets.DateWidget())
    supervising_unit = text_field("supervising_unit", "业务主管单位")
    category = choice_field("category", "类别", Category)
    track = choice_field("track", "孵化类型", Track)
    site = fields.Field(attribute="site", column_name="所属园区", widget=SiteWidget())
    address = text_field("address", "地址")
    person_in_charge = text_field("person_in_charge", "法定代表人/负责人")
    contact_name = text_field("contact_name", "联系人")
    contact_phone = text_field("contact_phone", "联系电话")
    staff_count = fields.Field(attribute="staff_count", column_name="专职人员", widget=widgets.IntegerWidget())
    volunteer_count = fields.Field(attribute="volunteer_count", column_name="志愿者", widget=widgets.IntegerWidget())
    services = text_field("services", "服务内容")
    grade = choice_field("grade", "评估等级", Grade)
    grade_awarded_on = fields.Field(attribute="grade_awarded_on", column_name="评估日期", widget=widgets.DateWidget())
    stage = fields.Field(column_name="孵化阶段", readonly=True)

    class Meta:
        model = Organization
        import_id_fields = ["name"]
        fields = [
            "name", "short_name", "registration_type", "uscc", "registration_authority", "registered_on",
            "supervising_unit", "category", "track", "site", "address", "person_in_charge", "contact_name",
            "contact_phone", "staff_count", "volunteer_count", "services", "grade", "grade_awarded_on", "stage",
        ]  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def __init__(self, progress=None, **kwargs):
        """`progress(rows done)` is called as rows are exported (a job's progress bar); after an import,
        `outcomes` holds each data row's result by its number (1 = the first row under the headings)."""
        super().__init__(**kwargs)
        self.progress = progress
        self.outcomes = {}
        self.exported = 0

    def export(self, queryset=None, **kwargs):
        dataset = super().export(queryset, **kwargs)
        dataset.title = _("Organizations")  # the worksheet's name; tablib's own is "Tablib Dataset"
        return dataset

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        self.outcomes[kwargs["row_number"]] = row_result
        return row_result

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = super().export_resource(instance, selected_fields, **kwargs)
        self.exported += 1
        if self.progress:
            self.progress(self.exported)
        return row

    def import_data(self, dataset, dry_run=False, **kwargs):
        """All or nothing: a register with one invalid row writes no row at all."""
        with transaction.atomic():
            result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    def dehydrate_stage(self, organization):
        incubation = getattr(organization, "incubation", None)
        return incubation.get_stage_display() if incubation else ""

    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))
