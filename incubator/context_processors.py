from django.conf import settings

from . import navigation


def portal(request):
    user = getattr(request, "user", None)
    context = {"park_name": settings.PARK_NAME}
    if user is not None:
        # Visitors get the public pages (calls, rounds, directory); signed-in users their roles' items too.
        items = navigation.items_for(user)
        context["nav_items"] = items.get("main", [])
        context["nav_bar"] = items["bar"]
        context["signup_items"] = items.get("signup", [])
    if user is not None and user.is_authenticated:
        context["unread_count"] = user.notifications.filter(read_at__isnull=True).count()
    return context
