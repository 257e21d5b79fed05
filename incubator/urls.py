from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from . import protocol, views
from .forms import SignInForm
from .signin import ResetConfirmView

admin.site.site_header = _("Double Incubation Park administration")
admin.site.site_title = _("Park administration")
admin.site.index_title = _("Records of the park")

urlpatterns = [
    path("", views.home, name="home"),
    path("workspace/", views.workspace, name="workspace"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<uuid:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("accounts/reset/<uidb64>/<token>/", ResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The administration signs in through the portal's own sign-in: the same lockout, throttle and second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("dashboard/", include("incubator.dashboard.urls")),
    path("staff/accounts/", include("incubator.accounts.urls")),
]
# Each app's pages, under the prefix its contribution names.
urlpatterns += [path(prefix, include(module)) for prefix, module in protocol.collect("urls")]
