from django.urls import path

from . import views

app_name = "partybuild"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("organizations/", views.cases, name="cases"),
    path("organizations/open/", views.open_case, name="open_case"),
    path("mine/", views.mine, name="mine"),
    path("organizations/<int:org_id>/", views.case, name="case"),
    # Each stage step at its own address: the page confirms it, the POST takes it.
    path(
        "organizations/<int:org_id>/finish-inspection/",
        views.step,
        {"step": "finish_inspection"},
        name="finish_inspection",
    ),
    path("organizations/<int:org_id>/start-support/", views.step, {"step": "start_support"}, name="start_support"),
    path(
        "organizations/<int:org_id>/start-formation/", views.step, {"step": "start_formation"}, name="start_formation"
    ),
    path(
        "organizations/<int:org_id>/start-follow-up/", views.step, {"step": "start_follow_up"}, name="start_follow_up"
    ),
    path("organizations/<int:org_id>/instructor/", views.assign, name="assign"),
    path("organizations/<int:org_id>/supports/add/", views.support_add, name="support_add"),
    path("organizations/<int:org_id>/trainings/add/", views.training_add, name="training_add"),
    path("organizations/<int:org_id>/members/", views.members, name="members"),
    path("organizations/<int:org_id>/members/flows/add/", views.flow_add, name="flow_add"),
    path("organizations/<int:org_id>/members/add/", views.member_edit, name="member_add"),
    path("organizations/<int:org_id>/members/<int:pk>/", views.member_edit, name="member_edit"),
    path("organizations/<int:org_id>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("organizations/<int:org_id>/members/export.xlsx", views.members_export, name="members_export"),
    path("members/export.xlsx", views.members_export, name="members_export_all"),
    path("structure/", views.structure, name="structure"),
    path("structure/new/", views.party_organization_add, name="party_organization_add"),
    path("structure/<int:pk>/", views.party_organization, name="party_organization"),
    path("structure/<int:pk>/join/", views.join, name="join"),
    path("structure/<int:pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("structure/<int:pk>/supports/add/", views.support_add, name="party_support_add"),
    path("structure/<int:pk>/ratings/add/", views.rating_add, name="rating_add"),
    path("structure/<int:pk>/honours/add/", views.honour_add, name="honour_add"),
    path("ratings/<int:pk>/announce/", views.rating_announce, name="rating_announce"),
    path("ratings/<int:pk>/finalize/", views.rating_finalize, name="rating_finalize"),
]
