"""Who may do what with venture records. Queries live in selectors.py; these answer yes/no for one object."""

from orgs.selectors import organization_of


def is_park_staff(user):
    return user.is_authenticated and user.is_park_staff


def files_proposals(user):
    """An applicant account staff have confirmed: it files and follows its organization's proposals."""
    return user.is_authenticated and user.is_applicant and organization_of(user) is not None


def speaks_for(user, proposal):
    """The applicant account confirmed for the proposal's organization."""
    if not user.is_authenticated or not user.is_applicant:
        return False
    organization = organization_of(user)
    return organization is not None and organization.pk == proposal.organization_id


def sees_identity(user, round_):
    """Experts in a blind round never see who applied; everyone else allowed to see the proposal does."""
    if is_park_staff(user):
        return True
    return not (round_.blind and user.is_authenticated and user.is_expert)
