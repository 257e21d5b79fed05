from django.urls import path

from . import public

app_name = "park"

urlpatterns = [
    path("organizations/", public.directory, name="directory"),
]
