from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from kombu import Connection

from . import calendar, notifications, services
from .addresses import from_loopback
from .forms import apply_errors
from .models import Heartbeat, Job, Site, User
from .twofactor import CodeForm, must_use_second_factor

SETUP_KEY = "two_factor_key"  # the secret being set up, in the session until the first code proves the app has it


def home(request):
    """The public front page: what the park is and where to apply."""
    sites = Site.objects.filter(is_active=True)
    return render(request, "incubator/home.html", {"sites": sites})


@login_required
def workspace(request):
    """The signed-in home: what this user's roles can do, and what is new for them."""
    recent = request.user.notifications.all()[:5]
    return render(request, "incubator/workspace.html", {"recent_notifications": recent})


@login_required
def notification_list(request):
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "incubator/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    """The list's one button: mark them all read."""
    services.mark_read(request.user)
    return redirect("notifications")


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:  # report, never raise: this is the health endpoint
        return False, exc.__class__.__name__


def _check_broker():
    try:
        with Connection(
            settings.CELERY_BROKER_URL, connect_timeout=2, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS
        ) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return True, "ok"
    except Exception as exc:
        return False, exc.__class__.__name__


def _sees_health_details(request):
    """The state of each part tells an attacker what is down: only staff and this machine's own monitor see it."""
    user = request.user
    return from_loopback(request) or (user.is_authenticated and (user.is_park_staff or user.is_party_staff))


@never_cache
def healthz(request):
    """200 when the database and the broker answer, 503 otherwise; the details to staff and loopback callers."""
    db_ok, db_state = _check_database()
    broker_ok, broker_state = _check_broker()
    beat = Heartbeat.objects.filter(name="celery").first() if db_ok else None
    body = {
        "status": "ok" if db_ok and broker_ok else "error",
        "database": db_state,
        "broker": broker_state,
        "worker_heartbeat": beat.beat_at.isoformat() if beat else None,
        "worker_heartbeat_age_seconds": int((timezone.now() - beat.beat_at).total_seconds()) if beat else None,
    }
    status = 200 if db_ok and broker_ok else 503
    if not _sees_health_details(request):
        return HttpResponse(status=status)
    return JsonResponse(body, status=status)


@login_required
def notification_settings(request):
    # Only the kinds the user's roles receive: an applicant is not offered the party staff's reminders.
    offered = notifications.kinds_for(request.user)
    if request.method == "POST":
        chosen = set(request.POST.getlist("email"))
        services.set_email_choices(request.user, [k.kind for k in offered if k.kind in chosen])
        messages.success(request, _("Your choices are saved."))
        return redirect("notification_settings")
    rows = [(k.kind, k.label, k.kind not in request.user.email_muted_kinds) for k in offered]
    return render(request, "incubator/notification_settings.html", {"rows": rows})


def _own_job(request, pk):
    return get_object_or_404(Job, pk=pk, owner=request.user)


@login_required
def job_detail(request, pk):
    return render(request, "incubator/job_detail.html", {"job": _own_job(request, pk)})


@login_required
def job_progress(request, pk):
    return render(request, "incubator/_job_progress.html", {"job": _own_job(request, pk)})


@login_required
def job_download(request, pk):
    job = _own_job(request, pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    response = FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def calendar_settings(request):
    if request.method == "POST":
        services.reset_calendar_token(request.user)
        messages.success(request, _("Your calendar address is new; the old one no longer works."))
        return redirect("calendar_settings")
    url = request.build_absolute_uri(reverse("calendar_feed", args=[request.user.calendar_token]))
    return render(request, "incubator/calendar_settings.html", {"feed_url": url})


def calendar_feed(request, token):
    """The private feed: the token in the address is the only credential (calendar apps cannot sign in)."""
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    body = calendar.feed(user, _("Park deadlines"), request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def _next_page(request):
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("workspace")


@login_required
def two_factor_setup(request):
    """Scan the code into a phone app, type the code it shows: the second factor is on, the recovery codes shown
    once. Required of staff (the sign-in sends them here); anyone else may come from the workspace."""
    if user_has_device(request.user) and not request.user.is_verified():
        # Replacing a second factor takes the current one: the password alone must not swap in another phone.
        return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
    key = request.session.setdefault(SETUP_KEY, random_hex(20))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.turn_on_second_factor(request.user, key, form.cleaned_data["code"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            del request.session[SETUP_KEY]
            otp_login(request, device)
            return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _next_page(request)})
    address = TOTPDevice(user=request.user, key=key, name=request.user.get_username()).config_url
    context = {
        "form": form,
        "qr_svg": segno.make(address, error="m").svg_inline(
            omitsize=True, dark="#000", light="#fff", title=_("QR code")
        ),
        "secret": b32encode(bytes.fromhex(key)).decode(),
        "already_on": user_has_device(request.user),
        "required": must_use_second_factor(request.user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "registration/two_factor_setup.html", context)


@login_required
def two_factor_verify(request):
    """The second step of signing in: the code from the phone app, or a recovery code (each works once)."""
    if request.user.is_verified():
        return redirect(_next_page(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_page(request))
        form.add_error("code", _("That code is not right, or was already used. Type the code your app shows now."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})
