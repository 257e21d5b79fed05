"""The incubation of the demo: stage dates that fit each stage, the stage log that led there, the application."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from ..models import (
    Application,
    Stage,
    StageLog,
)
from ..models.incubation import STAGE_DAYS

# The incubation track's way through the park (the resident track goes from application straight to 入驻).
PATH = [stage for stage in Stage.pipeline() if stage != Stage.RESIDENT]
CLOSING_REASONS = {
    Stage.DECLINED: "核心团队不足三人，建议充实团队后再次申请。",
    Stage.WITHDRAWN: "组织主动申请退出。",
    Stage.TERMINATED: "长期未开展活动，经评估终止孵化。",
}
ACTION_INTO = {
    Stage.INSPECTION: "start_inspection",
    Stage.ADMISSION_EVALUATION: "start_admission_evaluation",
    Stage.IN_SHELL: "admit",
    Stage.GROWTH_EVALUATION: "start_growth_evaluation",
    Stage.FOLLOW_UP: "exit_shell",
    Stage.COMPLETED: "complete",
    Stage.RESIDENT: "admit_resident",
    Stage.DECLINED: "decline",
    Stage.WITHDRAWN: "withdraw",
    Stage.TERMINATED: "terminate",
}


def dates(stage, site, index, today):
    """Believable dates for an incubation now in `stage`; index staggers them."""
    months = site.in_shell_months
    applied = today - relativedelta(months=2 + index % 3)
    fields = {"applied_on": applied, "stage_since": today - timedelta(days=10 + index % 20)}
    if stage in PATH[PATH.index(Stage.IN_SHELL) :]:
        # In shell: one period ending within a week, one already overdue, the rest spread.
        offset = {0: months - 1, 1: months, 2: 3}.get(index % 5, 5 + index % 4)
        admitted = today - relativedelta(months=offset) + timedelta(days=7 if index % 5 == 0 else 0)
        if stage != Stage.IN_SHELL:
            admitted = today - relativedelta(months=months + (1 if stage == Stage.GROWTH_EVALUATION else 4 + index % 6))
        until = admitted + relativedelta(months=months)
        fields.update(admitted_on=admitted, in_shell_until=until, applied_on=admitted - relativedelta(months=3))
        if index % 5 == 1 and stage == Stage.IN_SHELL:
            fields["in_shell_until"] = today - timedelta(days=4)  # overdue: growth evaluation not yet opened
            until = fields["in_shell_until"]
        fields["stage_due_on"] = until
        if stage in Stage.exited_the_shell():
            exited = until + timedelta(days=14)
            fields.update(exited_on=exited, follow_up_until=exited + relativedelta(months=site.follow_up_months))
            fields["stage_due_on"] = fields["follow_up_until"]
        if stage == Stage.GROWTH_EVALUATION:
            fields["stage_due_on"] = today + timedelta(days=20)
    elif stage == Stage.RESIDENT:
        admitted = today - relativedelta(months=4 + index % 8)
        fields.update(admitted_on=admitted, agreement_until=admitted + relativedelta(months=24))
        fields["stage_due_on"] = fields["agreement_until"]
    elif stage in Stage.before_admission():
        days = STAGE_DAYS[stage]
        since = today - timedelta(days=5 + index % 10 + (days if index % 4 == 0 else 0))
        fields.update(stage_since=since, stage_due_on=since + timedelta(days=days))
    if stage in CLOSING_REASONS:
        fields["closing_reason"] = CLOSING_REASONS[stage]
    if stage == Stage.COMPLETED:
        fields["stage_due_on"] = None
    return fields


def logs(incubation, stage, staff):
    if stage == Stage.RESIDENT:
        steps = [Stage.APPLICATION, Stage.RESIDENT]
    elif stage in PATH:
        steps = PATH[: PATH.index(stage) + 1]
    else:
        steps = PATH[:2] + [stage]
    logs = []
    previous = ""
    for step in steps:
        when = incubation.stage_since if step == stage else incubation.applied_on
        if step == Stage.IN_SHELL and incubation.admitted_on:
            when = incubation.admitted_on
        if step == Stage.FOLLOW_UP and incubation.exited_on:
            when = incubation.exited_on
        logs.append(
            StageLog(
                incubation=incubation,
                from_stage=previous,
                to_stage=step,
                action=ACTION_INTO.get(step, "apply"),
                on=when,
                by=None if step == Stage.APPLICATION else staff,
                reason=incubation.closing_reason if step == stage else "",
            )
        )
        previous = step
    return logs


def application(organization, incubation):
    """The submitted online application behind each incubation, to the all-year recruitment (outside a call)."""
    if organization.applications.exists():
        return
    submitted = timezone.make_aware(timezone.datetime.combine(incubation.applied_on, timezone.datetime.min.time()))
    Application.objects.create(
        organization=organization,
        track=organization.track,
        project_title=organization.services or organization.name,
        project_description=f"{organization.name}面向社区居民开展{organization.services or '公益服务'}。",
        team="核心成员三人：负责人、项目主管、财务。",
        team_size=3,
        needs=["office_space", "training", "coaching"],
        status=Application.Status.SUBMITTED,
        created_at=submitted,
        submitted_at=submitted,
        updated_at=submitted,
    )
