from django.conf import settings

from . import navigation


def portal(request):
    user = getattr(request, "user", None)
    context = {"park_name": settings.PARK_NAME}
    if user is not None:
        # Visitors get the public pages (calls, rounds, directory); signed-in users their roles' items too.
        context["nav_items"] = navigation.items_for(user)
        if not user.is_authenticated:
            context["signup_items"] = navigation.items_for(user, place="signup")
    if user is not None and user.is_authenticated:
        context["unread_count"] = user.notifications.filter(read_at__isnull=True).count()
    return context
