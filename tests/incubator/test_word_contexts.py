"""Short English words that mean different things on different pages carry a translation context, so each
reads right in Chinese where it stands (an activity's dates are not a stage change's 原阶段 / 新阶段)."""

from django.utils import translation
from django.utils.translation import pgettext

from incubator.models import Job
from orgs.models import Evaluation, StageLog
from partybuild.models import StageLog as PartyStageLog
from venture.models import Activity, Review


def label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def test_each_short_word_reads_right_where_it_stands():
    with translation.override("zh-hans"):
        assert (label(Activity, "starts_on"), label(Activity, "ends_on")) == ("开始日期", "结束日期")
        assert (label(StageLog, "from_stage"), label(StageLog, "to_stage")) == ("原阶段", "新阶段")
        assert (label(PartyStageLog, "source"), label(PartyStageLog, "target")) == ("原阶段", "新阶段")
        assert str(Evaluation.Decision.FAILED.label) == "未通过"
        assert str(Job.Status.FAILED.label) == "失败"
        assert str(Review.State.SUBMITTED.label) == "已提交"
        assert pgettext("date", "Submitted") == "提交日期"
        assert pgettext("bonus points", "Grant") == "给予加分"
        assert pgettext("amount", "Grant") == "资助金额"
        assert pgettext("proposal code", "Number") == "编号"
