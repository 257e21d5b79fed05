"""The expert pool's forms live in orgs.forms (orgs/forms/pool.py); this name stays while venture's staff pages
import DrawForm from it."""

from .forms import DrawForm, ExpertProfileForm, LeaveForm, PledgeTextForm, SheetForm, SuspendForm

__all__ = ["DrawForm", "ExpertProfileForm", "LeaveForm", "PledgeTextForm", "SheetForm", "SuspendForm"]
