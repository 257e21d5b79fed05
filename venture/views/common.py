"""What the venture pages share: who may open the staff pages, and running a button's service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from incubator.roles import Role, role_required

# Park staff only, through the core's one gate: signed out, sign in; signed in without the role, 403.
staff_only = role_required(Role.PARK_STAFF)


def expert_only(request):
    if not request.user.is_expert:
        raise Http404


def run(request, action, *args, success, **kwargs):
    """Run the service of a button that sends nothing typed: its refusal becomes a message on the page the
    command sends back to, its success another. Returns the service's result, None when refused."""
    try:
        result = action(request.user, *args, **kwargs)
    except ValidationError as error:
        refused(request, error)
        return None
    messages.success(request, success)
    return result


def refused(request, error):
    """A service's refusal, each of its reasons as a message on the page shown next."""
    for message in error.messages:
        messages.error(request, message)
