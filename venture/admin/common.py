"""What the venture admin pages share: a dated admin action calling a service, read-only inlines."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.forms import DateField


class ActionDateForm(forms.Form):
    on = DateField(label=_("date"))


def dated_action(name, description, service):
    """An admin action that asks for a date, then runs `service(user, record, date)` on each selected record;
    each refusal is reported with the record it concerns."""

    def action(modeladmin, request, queryset):
        form = ActionDateForm(request.POST if "apply" in request.POST else None, initial={"on": timezone.localdate()})
        if form.is_bound and form.is_valid():
            for record in queryset:
                try:
                    service(request.user, record, form.cleaned_data["on"])
                except (ValidationError, PermissionDenied) as error:
                    reasons = " ".join(getattr(error, "messages", [])) or _("You may not do this.")
                    modeladmin.message_user(request, f"{record}: {reasons}", messages.ERROR)
                else:
                    modeladmin.message_user(request, f"{record}: {description}", messages.SUCCESS)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "opts": modeladmin.model._meta,
            "records": queryset,
            "form": form,
            "action": name,
        }
        return TemplateResponse(request, "venture/admin/dated_action.html", context)

    action.__name__ = name
    return admin.action(description=description)(action)


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
