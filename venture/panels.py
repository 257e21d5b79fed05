"""The panel venture adds to an organization's record page (incubator.panels): its proposals and grants.
Only staff and the organization's own accounts get it: an expert must never link an organization to a
proposal of a blind round."""

from django.utils.translation import gettext_lazy as _

from incubator.panels import Panel

from .permissions import is_park_staff
from .selectors import my_proposals, proposals_visible_to


def organization_proposals(request, organization):
    user = request.user
    if is_park_staff(user):
        proposals = proposals_visible_to(user).filter(organization=organization)
    elif user.is_authenticated and user.is_applicant:
        proposals = my_proposals(user).filter(organization=organization)
    else:
        return None
    proposals = list(proposals.select_related("award").order_by("-round__opens_on", "number"))
    if not proposals:
        return None
    return Panel(_("Venture philanthropy proposals"), "venture/_organization_panel.html", {"proposals": proposals}, 40)
