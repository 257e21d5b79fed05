"""The admin permissions of each role, as the apps' contributions declare them (incubator.protocol)."""

from django.contrib.auth.models import Group, Permission

from .protocol import contribution_of


def grant_role_permissions(sender, apps=None, using="default", **kwargs):
    """post_migrate: give each role the admin permissions the app's contribution declares.

    `Contribution(role_models={Role.X: ["model", ...]})`: the role gets every permission (view, add, change,
    delete) on those models. Sensitive models are simply not listed for other roles."""
    contribution = contribution_of(sender.label)
    if contribution is None or not contribution.role_models:
        return
    for role, model_names in contribution.role_models.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        perms = Permission.objects.using(using).filter(
            content_type__app_label=sender.label, content_type__model__in=[m.lower() for m in model_names]
        )
        group.permissions.add(*perms)
