"""Excel exports. Every cell goes through `incubator.spreadsheets.safe_cell`, so text a user typed never runs as a formula; blind
rounds leave the applicant's identity out wherever the viewer may not see it."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook

from incubator.spreadsheets import safe_cell

from .aggregation import aggregate
from .models import Area, ProposalState
from .permissions import sees_identity
from .selectors import expert_portal, ranking, round_proposals


def _sheet(workbook, title, header, rows):
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([safe_cell(str(h)) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    return sheet


def xlsx_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook, filename):
    response = HttpResponse(
        xlsx_bytes(workbook), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def proposals_workbook(round_):
    workbook = Workbook()
    # The labels once per sheet: get_FOO_display() translates every choice again for each row.
    areas, states = dict(Area.choices), dict(ProposalState.choices)
    rows = (
        [
            p.code,
            p.title,
            p.organization.name,
            p.organization.uscc,
            str(areas.get(p.area, p.area)),
            str(states.get(p.state, p.state)),
            p.requested_amount,
            p.cofunded_amount,
            p.beneficiaries_target,
            p.submitted_at.strftime("%Y-%m-%d %H:%M") if p.submitted_at else "",
        ]
        for p in round_proposals(round_).order_by("number")
    )
    _sheet(
        workbook,
        _("Proposals"),
        [
            pgettext("proposal code", "Number"),
            _("Title"),
            _("Organization"),
            _("Credit code"),
            _("Area"),
            _("Status"),
            _("Requested"),
            _("Co-funded"),
            _("Beneficiaries"),
            pgettext("date", "Submitted"),
        ],
        rows,
    )
    return workbook


def score_sheet(round_, viewer, kind="proposal"):
    """Every expert × criterion of the round's submitted reviews."""
    identity = sees_identity(viewer, round_)
    result = aggregate(round_, kind, with_scores=True)
    rubric = round_.rubric if kind == "proposal" else round_.evaluation_rubric
    criteria = list(rubric.criteria.all())
    proposals = {p.pk: p for p in round_proposals(round_)}
    header = (
        [pgettext("proposal code", "Number"), _("Title")] + ([_("Organization")] if identity else []) + [_("Expert")]
    )
    header += [f"{c.name} ({c.max_score})" for c in criteria] + [_("Weighted total"), _("Overall comment")]
    header += [_("Panel score"), _("Rank")]
    rows = []
    for review in sorted(
        result.reviews, key=lambda r: (proposals[r.assignment.proposal_id].number, r.assignment.expert_id)
    ):
        proposal = proposals[review.assignment.proposal_id]
        values = {s.criterion_id: s.value for s in review.scores.all()}
        row = [proposal.code, proposal.title] + ([proposal.organization.name] if identity else [])
        row += [str(review.assignment.expert)] + [values.get(c.pk) for c in criteria]
        row += [review.total, review.overall_comment, proposal.score, proposal.rank]
        rows.append(row)
    workbook = Workbook()
    _sheet(workbook, _("Score sheet"), header, rows)
    return workbook


def ranking_workbook(round_):
    workbook = Workbook()
    running = 0
    rows = []
    for p in ranking(round_):
        amount = p.award.amount if hasattr(p, "award") else None
        running += amount or 0
        rows.append(
            [
                p.rank,
                p.code,
                p.title,
                p.organization.name,
                p.score,
                p.requested_amount,
                amount,
                p.award.partial_reason if amount else p.passed_over_reason,
                running,
                str(p.get_state_display()),
            ]
        )
    rows.append([str(round_.ranking_rule)])
    _sheet(
        workbook,
        _("Ranking"),
        [
            _("Rank"),
            pgettext("proposal code", "Number"),
            _("Title"),
            _("Organization"),
            _("Panel score"),
            _("Requested"),
            _("Awarded"),
            _("Reason"),
            _("Running total"),
            _("Status"),
        ],
        rows,
    )
    return workbook


def expert_score_sheet(user):
    rows = []
    for assignment in expert_portal(user):
        proposal = assignment.proposal
        review = getattr(assignment, "review", None)
        identity = sees_identity(user, proposal.round)
        rows.append(
            [
                proposal.round.title,
                proposal.code,
                proposal.title,
                proposal.organization.name if identity else _("(hidden: blind review)"),
                str(assignment.get_kind_display()),
                review.total if review else None,
                str(review.get_state_display()) if review else _("Not started"),
            ]
        )
    workbook = Workbook()
    _sheet(
        workbook,
        _("My scores"),
        [
            _("Round"),
            pgettext("proposal code", "Number"),
            _("Title"),
            _("Organization"),
            _("Kind"),
            _("Weighted total"),
            _("Status"),
        ],
        rows,
    )
    return workbook


# A round's exports for staff, built in Celery (venture.jobs): what -> builder(round, viewer).
ROUND_EXPORTS = {
    "proposals": lambda round_, viewer: proposals_workbook(round_),
    "scores": score_sheet,
    "ranking": lambda round_, viewer: ranking_workbook(round_),
}
ROUND_EXPORT_TITLES = {
    "proposals": gettext_lazy("proposals"),
    "scores": gettext_lazy("score sheet"),
    "ranking": gettext_lazy("ranking"),
}
