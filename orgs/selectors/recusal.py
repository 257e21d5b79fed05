"""Recusal (回避): the one rule of which organizations an expert must not judge. Every panel, whoever fills
it (staff by hand, the balanced assignment, the pool draw and its reserves, the admin), asks here.

An expert must not judge an organization
- they declared a tie to in their profile (tied organizations),
- they belong to (an applicant account of it),
- they work for (the affiliation in their profile names it, by name or short name),
- where a close relative they declared works or serves (the relatives text names it)."""

from django.db.models import CharField, F, Q, Value

from ..models import ExpertProfile, Organization


def _named_by(text):
    """Organizations whose name or short name the text mentions."""
    return (
        Organization.objects.alias(text=Value(text, output_field=CharField()))
        .filter(Q(text__contains=F("name")) | (~Q(short_name="") & Q(text__contains=F("short_name"))))
        .values_list("pk", flat=True)
    )


def recusals(user_ids):
    """{expert id: ids of the organizations the expert must not judge} for many experts at once: three queries,
    and one more per expert who declared relatives."""
    user_ids = list(user_ids)
    result = {pk: set() for pk in user_ids}
    if not user_ids:
        return result
    ties = Organization.objects.filter(tied_experts__user__in=user_ids).values_list("tied_experts__user", "pk")
    own = Organization.objects.filter(memberships__user__in=user_ids).values_list("memberships__user", "pk")
    for user_id, org_id in [*ties, *own]:
        result[user_id].add(org_id)
    profiles = ExpertProfile.objects.filter(user__in=user_ids).exclude(affiliation="", relatives="")
    affiliations = {}
    for user_id, affiliation, relatives in profiles.values_list("user_id", "affiliation", "relatives"):
        if affiliation.strip():
            affiliations[user_id] = affiliation.strip().lower()
        if relatives.strip():
            result[user_id].update(_named_by(relatives))
    if affiliations:
        names = Q()
        for name in set(affiliations.values()):
            names |= Q(name__iexact=name) | Q(short_name__iexact=name)
        by_name = {}
        for org_id, name, short_name in Organization.objects.filter(names).values_list("pk", "name", "short_name"):
            for key in (name.lower(), short_name.lower()):
                by_name.setdefault(key, set()).add(org_id)
        for user_id, affiliation in affiliations.items():
            result[user_id] |= by_name.get(affiliation, set())
    return result


def recused_organization_ids(user):
    """The organizations one expert must not judge (recusals for one)."""
    if not user.is_authenticated:
        return set()
    return recusals([user.pk])[user.pk]
