"""How an app plugs into the park: one protocol, declared in one place per app.

An app that brings something to the park writes `<app>/park.py` with one module-level
`contribution = Contribution(...)` naming all it brings. The core discovers these modules, in the order of
INSTALLED_APPS (the order of dependency: incubator, orgs, then the apps built on orgs), and reads everything
from them; no module of the core names an app. Adding an app means listing it in INSTALLED_APPS and writing
its own files. README.md, "Adding an app", walks through each kind of contribution."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

from .roles import Role


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification: its name on the settings page, and the roles whose holders may receive it (no
    roles: any account, e.g. "my background work is finished")."""

    kind: str
    label: str
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class DashboardSection:
    """A part of the staff dashboard. `gather(user, site, year)` returns the section's figures (a dict the
    template reads as `figures`), or None when the user may not see it. The figures may carry `charts`
    ({name: chart}) that the page draws and the Excel export lists one sheet each, and `overdue` items
    ({"label", "count", "url"}) for the page's "overdue and due this week" list."""

    template: str
    gather: Callable
    order: int = 50


@dataclass(frozen=True)
class ReportSection:
    """Columns of the annual report. `figures(year)` returns {(site id, field of work): {column: value}};
    `columns` are (column, label, is_money) in the report's order; `rows` (optional) are the fields of work,
    (code, label), that the report's rows follow."""

    columns: Sequence[tuple]
    figures: Callable
    rows: Callable | None = None
    order: int = 50


@dataclass(frozen=True)
class Contribution:
    """Everything one app brings to the park. Callables are the app's own functions; modules that are only
    needed now and then (demo data, the benchmark, the access-matrix expectations) are named by dotted path
    and imported when used."""

    urls: tuple[str, str] | None = None  # (prefix, urlconf module): the app's pages under the project's URLs
    navigation: Callable | None = None  # user -> [NavItem]
    menu: str = ""  # the name of the menu that holds the app's entries when a long navigation bar is folded
    # place -> provider(request, obj) -> Panel or None; request.user may be a signed-out visitor
    panels: Mapping[str, Callable] = field(default_factory=dict)
    scanners: Sequence[Callable] = ()  # the deadline scanners: today -> reminders sent
    calendar: Callable | None = None  # (user, since) -> [CalendarEvent] for the private iCalendar feed
    notification_kinds: Sequence[NotificationKind] = ()
    jobs: Mapping[str, Callable] = field(default_factory=dict)  # kind -> handler(job, **params)
    dashboard: Sequence[DashboardSection] = ()
    report: Sequence[ReportSection] = ()
    role_models: Mapping[str, Sequence[str]] = field(default_factory=dict)  # role -> models it may edit in admin
    # Extension points another app declares (see that app's park.py): name -> what this app offers there.
    hooks: Mapping[str, object] = field(default_factory=dict)
    demo: str = ""  # module with seed(stdout) -> demo logins
    bench: str = ""  # module with build(scale, rng, out, contexts) and measurements(context)
    access_rules: str = ""  # module with RULES, the access matrix's expectations for the app's URLs


_found = None


def discover():
    """Find every installed app's contribution; called once the apps are ready (IncubatorConfig.ready)."""
    global _found
    found = []
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "park"):
            continue
        module = import_module(f"{config.name}.park")
        contribution = getattr(module, "contribution", None)
        if not isinstance(contribution, Contribution):
            raise ImproperlyConfigured(f"{config.name}.park must define `contribution = Contribution(...)`")
        found.append((config.label, contribution))
    _check_unique(found, "notification_kinds", lambda c: [k.kind for k in c.notification_kinds])
    _check_unique(found, "jobs", lambda c: list(c.jobs))
    _found = found
    return found


def _check_unique(found, what, names):
    seen = {}
    for label, contribution in found:
        for name in names(contribution):
            if name in seen:
                raise ImproperlyConfigured(f"{what} {name!r} is declared by both {seen[name]} and {label}")
            seen[name] = label


def contributions():
    """(app label, Contribution) of every app that brings something, in dependency order."""
    return _found if _found is not None else discover()


def collect(attribute):
    """One attribute of every contribution, e.g. collect("navigation") -> [provider, ...]; empty ones left out."""
    return [value for _label, c in contributions() if (value := getattr(c, attribute))]


def each(attribute):
    """The items of a list-valued attribute across every contribution, e.g. each("scanners")."""
    return [item for values in collect(attribute) for item in values]


def merged(attribute):
    """A mapping-valued attribute merged across every contribution, e.g. merged("jobs")."""
    result = {}
    for mapping in collect(attribute):
        result.update(mapping)
    return result


def hooks(name):
    """What the apps offer at the extension point `name`, in dependency order (a list offered counts item by item)."""
    offered = []
    for _label, contribution in contributions():
        value = contribution.hooks.get(name)
        if isinstance(value, list | tuple):
            offered.extend(value)
        elif value is not None:
            offered.append(value)
    return offered


def modules(attribute):
    """(app label, module) for the contributions that name a module in `attribute` ("demo", "bench",
    "access_rules"), imported now."""
    return [(label, import_module(path)) for label, c in contributions() if (path := getattr(c, attribute))]


def contribution_of(label):
    for app_label, contribution in contributions():
        if app_label == label:
            return contribution
    return None
