from django.urls import path

from . import views

urlpatterns = [
    path("", views.reset_links, name="reset_links"),
    path("<int:pk>/reset-link/", views.issue_reset_link, name="issue_reset_link"),
]
