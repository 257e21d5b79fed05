"""Venture philanthropy (公益创投): rounds, proposals, review, awards and projects."""

from django.urls import path

from .views import applicant, expert, public, staff

app_name = "venture"
urlpatterns = [
    # public
    path("", public.rounds, name="rounds"),
    path("round/<slug:code>/", public.round_page, name="round"),
    path("round/<slug:code>/announcement/", public.announcement, name="announcement"),
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
    # staff
    path("staff/", staff.rounds, name="staff_rounds"),
    path("staff/round/<int:pk>/", staff.round_detail, name="staff_round"),
    path("staff/round/<int:pk>/screening/", staff.screening, name="staff_screening"),
    path("staff/round/<int:pk>/assignment/", staff.assignment, name="staff_assignment"),
    path("staff/round/<int:pk>/draw/", staff.draw, name="staff_draw"),
    path("staff/round/<int:pk>/sheets/", staff.sheets, name="staff_sheets"),
    path("staff/round/<int:pk>/public/", staff.public, name="staff_public"),
    path("staff/round/<int:pk>/review/", staff.review, name="staff_review"),
    path("staff/round/<int:pk>/ranking/", staff.ranking, name="staff_ranking"),
    path("staff/round/<int:pk>/publish/", staff.publish, name="staff_publish"),
    path("staff/round/<int:pk>/objections/", staff.objections, name="staff_objections"),
    path("staff/round/<int:pk>/agreements/", staff.agreements, name="staff_agreements"),
    path("staff/round/<int:pk>/projects/", staff.projects, name="staff_projects"),
    path("staff/round/<int:pk>/export/<slug:what>/", staff.export, name="staff_export"),
    path("staff/proposal/<int:pk>/screen/", staff.screen, name="staff_screen"),
    path("staff/proposal/<int:pk>/assign/", staff.assign_one, name="staff_assign"),
    path("staff/proposal/<int:pk>/award/", staff.award, name="staff_award"),
    path("staff/proposal/<int:pk>/project/", staff.project_action, name="staff_project"),
    path("staff/review/<int:pk>/reopen/", staff.reopen, name="staff_reopen"),
    path("staff/objection/<int:pk>/handle/", staff.handle_objection, name="staff_handle_objection"),
    path("staff/agreement/<int:pk>/sign/", staff.sign, name="staff_sign"),
    path("staff/tranche/<int:pk>/pay/", staff.pay, name="staff_pay"),
]
