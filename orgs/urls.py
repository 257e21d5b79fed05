from django.urls import path

from . import views
from .views import directory

app_name = "orgs"
urlpatterns = [
    path("register/", views.register, name="register"),
    # public
    path("calls/", views.calls, name="calls"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("directory/", directory.directory, name="directory"),
    # applicant portal
    path("my/", views.my_organization, name="my_organization"),
    path("my/profile/", views.my_profile, name="my_profile"),
    path("my/application/", views.my_application, name="my_application"),
    path("my/application/submit/", views.my_application_submit, name="my_application_submit"),
    path("documents/upload/", views.upload_document, name="upload_document"),
    path("documents/<int:pk>/", views.download_document, name="document"),
    # expert portal
    path("expert/", views.expert_home, name="expert_home"),
    path("expert/assignments/<int:pk>/", views.expert_assignment, name="expert_assignment"),
    path("expert/assignments/<int:pk>/scores/", views.expert_score, name="expert_score"),
    path("expert/assignments/<int:pk>/conflict/", views.expert_conflict, name="expert_conflict"),
    path("expert/assignments/<int:assignment_pk>/documents/<int:pk>/", views.expert_document, name="expert_document"),
    path("expert/profile/", views.expert_profile, name="expert_profile"),
    path("expert/panels/<int:pk>/pledge/", views.pledge, name="pledge"),
    path("expert/panels/<int:pk>/pledge/accept/", views.pledge_accept, name="pledge_accept"),
    path("expert/panels/<int:pk>/leave/", views.seat_leave, name="seat_leave"),
    # the expert pool (专家库) and its draws
    path("staff/pool/", views.pool, name="pool"),
    path("staff/pool/<int:pk>/", views.pool_expert, name="pool_expert"),
    path("staff/pool/<int:pk>/suspend/", views.pool_expert_suspend, name="pool_expert_suspend"),
    path("staff/pool/<int:pk>/reinstate/", views.pool_expert_reinstate, name="pool_expert_reinstate"),
    path("staff/pool/<int:pk>/approve/", views.pool_expert_approve, name="pool_expert_approve"),
    path("staff/pool/<int:pk>/reject/", views.pool_expert_reject, name="pool_expert_reject"),
    path("staff/draws/", views.draws, name="draws"),
    path("staff/draws/<int:pk>/", views.draw, name="draw"),
    path("staff/draws/<int:pk>/pledge/", views.draw_pledge, name="draw_pledge"),
    path("staff/draws/<int:pk>/sheets/", views.draw_sheet_upload, name="draw_sheet_upload"),
    path("staff/draws/<int:pk>/leave/", views.draw_leave, name="draw_leave"),
    path("staff/draws/<int:pk>/record/", views.draw_record, name="draw_record"),
    path("staff/draw-sheets/<int:pk>/", views.draw_sheet, name="draw_sheet"),
    path("staff/evaluations/<int:pk>/draw/", views.evaluation_draw, name="evaluation_draw"),
    path("staff/evaluations/<int:pk>/sheets/", views.evaluation_sheets, name="evaluation_sheets"),
    # staff workbench
    path("staff/", views.board, name="board"),
    path("staff/organizations/", views.organization_list, name="organization_list"),
    path("staff/organizations/export/", views.organization_export, name="organization_export"),
    path("staff/organizations/import/", views.register_import, name="register_import"),
    path("staff/accounts/", views.accounts, name="accounts"),
    path("staff/accounts/confirm/", views.membership_confirm, name="membership_confirm"),
    path("staff/accounts/decline/", views.membership_decline, name="membership_decline"),
    path("staff/calls/", views.staff_calls, name="staff_calls"),
    path("staff/calls/new/", views.staff_call_edit, name="staff_call_new"),
    path("staff/calls/<int:pk>/", views.staff_call_edit, name="staff_call_edit"),
    path("staff/organizations/<int:pk>/", views.organization, name="organization"),
    # the organization page's stage steps, one address each
    path(
        "staff/organizations/<int:pk>/start-inspection/",
        views.organization_start_inspection,
        name="organization_start_inspection",
    ),
    path(
        "staff/organizations/<int:pk>/admit-resident/",
        views.organization_admit_resident,
        name="organization_admit_resident",
    ),
    path("staff/organizations/<int:pk>/complete/", views.organization_complete, name="organization_complete"),
    path("staff/organizations/<int:pk>/decline/", views.organization_decline, name="organization_decline"),
    path("staff/organizations/<int:pk>/withdraw/", views.organization_withdraw, name="organization_withdraw"),
    path("staff/organizations/<int:pk>/terminate/", views.organization_terminate, name="organization_terminate"),
    path("staff/organizations/<int:pk>/responsible/", views.organization_responsible, name="organization_responsible"),
    path(
        "staff/organizations/<int:pk>/evaluation/<slug:action>/",
        views.organization_evaluation,
        name="organization_evaluation",
    ),
    path("staff/organizations/<int:pk>/space/", views.organization_space, name="organization_space"),
    path("staff/organizations/<int:pk>/service/", views.organization_service, name="organization_service"),
    path("staff/organizations/<int:pk>/bid/", views.organization_bid, name="organization_bid"),
    path("staff/allocations/<int:pk>/release/", views.release_space, name="release_space"),
    path("staff/spaces/", views.spaces, name="spaces"),
    path("staff/evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("staff/evaluations/<int:pk>/assign/", views.evaluation_assign, name="evaluation_assign"),
    path("staff/evaluations/<int:pk>/replace/", views.evaluation_replace, name="evaluation_replace"),
    path("staff/evaluations/<int:pk>/close/", views.evaluation_close, name="evaluation_close"),
    path("staff/evaluations/<int:pk>/decide/", views.evaluation_decide, name="evaluation_decide"),
]
