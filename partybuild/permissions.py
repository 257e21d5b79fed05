"""Who may do what with party records. Member names are sensitive personal information: only party-building
staff and the instructor assigned to the organization see them; everyone else sees counts."""


def is_party_staff(user):
    return user.is_authenticated and user.is_party_staff


def is_assigned_instructor(user, case):
    return user.is_authenticated and user.is_instructor and case.instructor_id == user.pk


def can_view_case(user, case):
    """The case page shows stage, counts, supports, meetings and stars: no names."""
    return is_party_staff(user) or user.is_authenticated and user.is_park_staff or is_assigned_instructor(user, case)


def can_work_on(user, case):
    return is_party_staff(user) or is_assigned_instructor(user, case)


def can_see_members(user, case):
    return is_party_staff(user) or is_assigned_instructor(user, case)


def can_export_members(user):
    return is_party_staff(user)
