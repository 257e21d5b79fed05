"""The venture rules of the staff workbench: its pages, and its commands, each posted so that it is refused
(or finds nothing to do) and the walk changes nothing."""

from tests.access.rules import STAFF, Rule

from .expectations import blind, done, funded, proposal, staff_get, staff_job, staff_post, staff_refused, staff_see

RULES = [
    staff_get("staff_rounds", kwargs=lambda w: {}),
    staff_get("staff_round"),
    staff_get("staff_screening"),
    staff_get("staff_assignment"),
    staff_get("staff_review"),
    staff_get("staff_ranking", kwargs=done),
    # The expert pool's draw for a round, its score sheets and the public panel: staff only.
    staff_get("staff_draw"),
    staff_get("staff_sheets", kwargs=done),
    staff_get("staff_public"),
    staff_get("staff_objections", kwargs=done),
    staff_get("staff_agreements", kwargs=done),
    staff_get("staff_projects", kwargs=done),
    # Exports are jobs: the walk runs each and reads the workbook as the same role.
    staff_job(
        "export_round",
        kwargs=lambda w: {"pk": w.venture_blind.pk, "what": "scores"},
        shown=staff_see(lambda w: w.venture_panel_comment),
    ),
    staff_job(
        "export_round",
        kwargs=lambda w: {"pk": w.venture_blind.pk, "what": "proposals"},
        shown=staff_see(lambda w: w.org_a.name, lambda w: w.venture_proposal.title),
    ),
    staff_job(
        "export_round",
        kwargs=lambda w: {"pk": w.venture_done.pk, "what": "ranking"},
        shown=staff_see(lambda w: w.venture_done.code),
    ),
    staff_get("staff_screen", kwargs=proposal),
    # Commands on a round. Nothing is left to assign in a finished round; its review is closed, its announcement
    # published and its awards final already: each is refused (or does nothing) and nothing changes.
    staff_post("run_assignment", done),
    staff_post("close_review", done),
    # Publishing is confirmed on a form: posted empty, the ranking comes back with the reason.
    staff_refused("publish_announcement", done),
    staff_post("finalize_awards", done),
    staff_refused("record_public_score", blind),
    staff_refused("grant_bonus", blind),
    # Commands on a proposal, posted empty or refused by its state.
    staff_refused("assign_expert", proposal),
    staff_refused("allow_short_review", proposal),
    staff_refused("award", funded),
    staff_refused("pass_over", funded),
    staff_post("cancel_award", funded),
    staff_refused("record_coaching", funded),
    staff_refused("schedule_report", funded),
    staff_refused("assign_evaluators", funded),
    staff_post("conclude_midterm", funded),
    staff_post("conclude_final", funded),
    staff_post("close_project", funded),
    staff_refused("reopen_review", lambda w: {"pk": w.venture_review.pk}),
    # Handling posted empty: the objections page comes back with the form's errors, nothing changes.
    Rule(
        "venture:handle_objection",
        STAFF,
        kwargs=lambda w: {"pk": w.venture_objection.pk},
        method="post",
        ok=(200,),
    ),
    staff_refused("sign_agreement", lambda w: {"pk": w.venture_agreement.pk}),
    staff_refused("record_payment", lambda w: {"pk": w.venture_agreement.tranches.first().pk}),
    # The admin: venture records are park staff's; party-building staff have no venture permissions.
    Rule("admin:venture_proposal_changelist", STAFF, shown=staff_see(lambda w: w.venture_proposal.title)),
    Rule("admin:venture_review_changelist", STAFF),
    Rule("admin:venture_objection_changelist", STAFF),
]
