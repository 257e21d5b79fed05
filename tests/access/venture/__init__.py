"""The venture app's part of the access matrix: the world it walks (world.py), what each role may and must not
see (expectations.py), and the rules of the public and applicant pages, the expert's and the staff's."""

from . import expert, public, staff
from .world import build, secrets

RULES = public.RULES + expert.RULES + staff.RULES

__all__ = ["RULES", "build", "secrets"]
