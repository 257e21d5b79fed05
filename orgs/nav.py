"""What orgs adds to each role's navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem


def items(user):
    if not user.is_authenticated:
        return [
            NavItem(_("Recruitment calls"), reverse("orgs:calls"), _("Open calls for organizations to apply"), 28),
            NavItem(
                _("Organization directory"),
                reverse("orgs:directory"),
                _("Organizations incubated in the park and what they offer"),
                32,
            ),
            NavItem(
                _("Register your organization"),
                reverse("orgs:register"),
                _("Register your organization to apply"),
                place="signup",
            ),
        ]
    result = []
    if user.is_park_staff:
        result += [
            NavItem(
                _("Incubation pipeline"), reverse("orgs:board"), _("Organizations per stage and site, the KPI"), 10
            ),
            NavItem(
                _("Organizations"),
                reverse("orgs:organization_list"),
                _("The register: filter, open, export to Excel"),
                11,
            ),
            NavItem(_("Spaces"), reverse("orgs:spaces"), _("Office space and equipment, occupancy per site"), 12),
            NavItem(
                _("Expert pool (专家库)"),
                reverse("orgs:pool"),
                _("Experts, their recusal ties and panels; random draws with witnesses"),
                13,
            ),
            NavItem(
                _("Applicant accounts"),
                reverse("orgs:accounts"),
                _("Confirm new applicant organizations' accounts"),
                80,
            ),
        ]
    if user.is_applicant:
        result.append(
            NavItem(
                _("My organization"),
                reverse("orgs:my_organization"),
                _("My application, my stage, what comes next"),
                10,
            )
        )
    if user.is_expert:
        result.append(
            NavItem(_("My evaluations"), reverse("orgs:expert_home"), _("Stage evaluations assigned to me"), 20)
        )
    return result
