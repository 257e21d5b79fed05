"""Venture philanthropy (公益创投): rounds, proposals, review, awards and projects.

Pages only show (GET); every command a page's button runs has its own URL, POST only, named for what it does.
The form pages that create or edit their own record (applying, editing a proposal, writing a report,
screening, drawing the panel) keep their form on their own URL."""

from django.urls import path

from .views import applicant, expert, public
from .views.staff import (
    agreements,
    announcement,
    assignment,
    projects,
    public_panel,
    ranking,
    review,
    rounds,
    screening,
)

app_name = "venture"
urlpatterns = [
    # public
    path("", public.rounds, name="rounds"),
    path("round/<slug:code>/", public.round_page, name="round"),
    path("round/<slug:code>/announcement/", public.announcement, name="announcement"),
    path("round/<slug:code>/objection/", public.file_objection, name="file_objection"),
    path("funded/", public.funded, name="funded"),
    # applicant
    path("my/", applicant.my_proposals, name="my_proposals"),
    path("round/<slug:code>/apply/", applicant.apply, name="apply"),
    path("proposal/<int:pk>/", applicant.proposal_detail, name="proposal"),
    path("proposal/<int:pk>/edit/", applicant.proposal_edit, name="proposal_edit"),
    path("proposal/<int:pk>/submit/", applicant.proposal_submit, name="proposal_submit"),
    path("proposal/<int:pk>/withdraw/", applicant.proposal_withdraw, name="proposal_withdraw"),
    path("proposal/<int:pk>/documents/", applicant.document_upload, name="document_upload"),
    path("document/<int:pk>/", applicant.document_download, name="document"),
    path("report/<int:pk>/", applicant.report_edit, name="report"),
    path("report-document/<int:pk>/", applicant.report_document, name="report_document"),
    # expert
    path("review/", expert.portal, name="expert_portal"),
    path("review/my-scores.xlsx", expert.my_score_sheet, name="expert_scores"),
    path("review/<int:pk>/", expert.proposal, name="expert_proposal"),
    path("review/<int:pk>/<slug:kind>/", expert.proposal, name="expert_evaluation"),
    path("review/<int:pk>/<slug:kind>/declaration/", expert.declaration, name="expert_declaration"),
    path("review/<int:pk>/<slug:kind>/declare/", expert.declare_conflict, name="declare_conflict"),
    path("review/<int:pk>/<slug:kind>/save/", expert.save_review, name="save_review"),
    path("review/<int:pk>/<slug:kind>/submit/", expert.submit_review, name="submit_review"),
    # staff: the round's pages
    path("staff/", rounds.rounds, name="staff_rounds"),
    path("staff/round/<int:pk>/", rounds.round_detail, name="staff_round"),
    path("staff/round/<int:pk>/screening/", screening.screening, name="staff_screening"),
    path("staff/round/<int:pk>/assignment/", assignment.assignment, name="staff_assignment"),
    path("staff/round/<int:pk>/draw/", rounds.draw, name="staff_draw"),
    path("staff/round/<int:pk>/sheets/", rounds.sheets, name="staff_sheets"),
    path("staff/round/<int:pk>/public/", public_panel.public, name="staff_public"),
    path("staff/round/<int:pk>/review/", review.review, name="staff_review"),
    path("staff/round/<int:pk>/ranking/", ranking.ranking, name="staff_ranking"),
    path("staff/round/<int:pk>/objections/", announcement.objections, name="staff_objections"),
    path("staff/round/<int:pk>/agreements/", agreements.agreements, name="staff_agreements"),
    path("staff/round/<int:pk>/projects/", projects.projects, name="staff_projects"),
    path("staff/proposal/<int:pk>/screen/", screening.screen, name="staff_screen"),
    # staff: commands on a round
    path("staff/round/<int:pk>/export/<slug:what>/", rounds.export_round, name="export_round"),
    path("staff/round/<int:pk>/run-assignment/", assignment.run_assignment, name="run_assignment"),
    path("staff/round/<int:pk>/close-review/", review.close_review, name="close_review"),
    path("staff/proposal/<int:pk>/allow-short-review/", review.allow_short_review, name="allow_short_review"),
    path("staff/round/<int:pk>/public-score/", public_panel.record_public_score, name="record_public_score"),
    path("staff/round/<int:pk>/bonus/", public_panel.grant_bonus, name="grant_bonus"),
    path("staff/round/<int:pk>/publish/", ranking.publish_announcement, name="publish_announcement"),
    path("staff/round/<int:pk>/finalize/", announcement.finalize_awards, name="finalize_awards"),
    # staff: commands on a proposal, a review, an objection, an agreement, a tranche
    path("staff/proposal/<int:pk>/assign/", assignment.assign_expert, name="assign_expert"),
    path("staff/proposal/<int:pk>/award/", ranking.award, name="award"),
    path("staff/proposal/<int:pk>/pass-over/", ranking.pass_over, name="pass_over"),
    path("staff/proposal/<int:pk>/cancel-award/", ranking.cancel_award, name="cancel_award"),
    path("staff/proposal/<int:pk>/coaching/", projects.record_coaching, name="record_coaching"),
    path("staff/proposal/<int:pk>/schedule-report/", projects.schedule_report, name="schedule_report"),
    path("staff/proposal/<int:pk>/evaluators/", projects.assign_evaluators, name="assign_evaluators"),
    path("staff/proposal/<int:pk>/conclude-midterm/", projects.conclude_midterm, name="conclude_midterm"),
    path("staff/proposal/<int:pk>/conclude-final/", projects.conclude_final, name="conclude_final"),
    path("staff/proposal/<int:pk>/close/", projects.close_project, name="close_project"),
    path("staff/review/<int:pk>/reopen/", review.reopen_review, name="reopen_review"),
    path("staff/objection/<int:pk>/handle/", announcement.handle_objection, name="handle_objection"),
    path("staff/agreement/<int:pk>/sign/", agreements.sign_agreement, name="sign_agreement"),
    path("staff/tranche/<int:pk>/pay/", agreements.record_payment, name="record_payment"),
]
