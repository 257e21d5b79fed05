from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("excel/", views.dashboard_excel, name="dashboard_excel"),
    path("report/", views.annual, name="annual"),
    path("report/excel/", views.annual_excel, name="annual_excel"),
]
