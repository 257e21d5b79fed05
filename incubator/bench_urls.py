"""The project's URLs and the page floor, which exists only while `manage.py bench` runs (it sets this URLconf)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from .urls import urlpatterns as project_urlpatterns


@login_required
def page_floor(request):
    """base.html with an empty body for the signed-in user: the floor every page's cost is measured from."""
    return render(request, "base.html")


urlpatterns = [path("floor/", page_floor, name="page_floor"), *project_urlpatterns]
