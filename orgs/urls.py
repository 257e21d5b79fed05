from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("register/", views.register, name="register"),
]
