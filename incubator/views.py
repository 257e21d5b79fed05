from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from kombu import Connection

from . import services
from .models import Heartbeat, Site


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
def notifications(request):
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "incubator/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    ids = request.POST.getlist("id") or None
    services.mark_read(request.user, ids)
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


@never_cache
def healthz(request):
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
    return JsonResponse(body, status=200 if db_ok and broker_ok else 503)
