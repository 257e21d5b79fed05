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
    path("documents/upload/", views.upload_document, name="upload_document"),
    path("documents/<int:pk>/", views.download_document, name="document"),
    # expert portal
    path("expert/", views.expert_home, name="expert_home"),
    path("expert/assignments/<int:pk>/", views.expert_assignment, name="expert_assignment"),
    path("expert/assignments/<int:assignment_pk>/documents/<int:pk>/", views.expert_document, name="expert_document"),
    path("expert/profile/", views.expert_profile, name="expert_profile"),
    path("expert/panels/<int:pk>/pledge/", views.pledge, name="pledge"),
    path("expert/panels/<int:pk>/leave/", views.seat_leave, name="seat_leave"),
    # the expert pool (专家库) and its draws
    path("staff/pool/", views.pool, name="pool"),
    path("staff/pool/<int:pk>/", views.pool_expert, name="pool_expert"),
    path("staff/draws/", views.draws, name="draws"),
    path("staff/draws/<int:pk>/", views.draw, name="draw"),
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
    path("staff/calls/", views.staff_calls, name="staff_calls"),
    path("staff/calls/new/", views.staff_call_edit, name="staff_call_new"),
    path("staff/calls/<int:pk>/", views.staff_call_edit, name="staff_call_edit"),
    path("staff/organizations/<int:pk>/", views.organization, name="organization"),
    path("staff/organizations/<int:pk>/stage/", views.organization_stage, name="organization_stage"),
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
    path("staff/evaluations/<int:pk>/<slug:step>/", views.evaluation_action, name="evaluation_action"),
]
