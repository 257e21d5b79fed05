"""get_FOO_display() from the per-language label table: the label of the active language, the raw value when
it is not a choice."""

from django.utils import translation

from orgs.models import Category, Incubation, Organization, Stage


def test_labels_follow_the_active_language():
    organization = Organization(category=Category.CHARITY)
    with translation.override("zh-hans"):
        assert organization.get_category_display() == "公益慈善类"
    with translation.override("en"):
        assert organization.get_category_display() == "Charity (公益慈善类)"
    with translation.override("zh-hans"):
        assert Incubation(stage=Stage.IN_SHELL).get_stage_display() == str(Stage.IN_SHELL.label)


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    assert Organization(category="retired").get_category_display() == "retired"
