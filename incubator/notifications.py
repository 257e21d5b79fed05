"""The kinds of notification the portal sends: each app declares its own (incubator.protocol.NotificationKind),
with its name for the settings page and the roles whose holders may receive it."""

from . import protocol


def kinds():
    """{kind: NotificationKind} of every app."""
    return {k.kind: k for k in protocol.each("notification_kinds")}


def kinds_for(user):
    """The kinds this user's roles may receive, in the order the apps declare them: what their settings offer."""
    return [k for k in kinds().values() if not k.roles or any(user.has_role(role) for role in k.roles)]


def label(kind):
    declared = kinds().get(kind)
    return declared.label if declared else kind


def check_declared(kind):
    if kind not in kinds():
        raise ValueError(f"notification kind {kind!r} is declared by no app's contribution")
