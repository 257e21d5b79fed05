"""The declared expectation table of the access matrix: for every URL of the project, which roles may open it
and what an allowed role must still not see. Each app's rules live in a module beside this one."""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "applicant_a",
    "applicant_b",
    "expert_assigned",
    "expert_unassigned",
    "expert_conflicted",
    "instructor_assigned",
    "instructor_other",
    "party_staff",
    "park_staff",
    "superuser",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = frozenset({"park_staff", "superuser"})
PARTY = frozenset({"party_staff", "superuser"})


@dataclass(frozen=True)
class Rule:
    """`allow`: roles that get the page (status in `ok`); every other role must be turned away (a redirect to
    sign in, 403 or 404) and see none of the world's secrets. `hidden`: role -> strings (from the world) that
    must not appear even where the page is allowed. `ok_for`: role -> statuses, where one allowed role gets a
    different answer than the others (e.g. an expert sent on from an applicant's page to the expert's own).
    `shown`: role -> strings the page must show that role, so a `hidden` check looks at a page that really
    carries the data."""

    name: str
    allow: frozenset
    kwargs: Callable = lambda world: {}
    hidden: dict = field(default_factory=dict)
    method: str = "get"
    data: Callable = lambda world: {}
    ok: tuple = (200,)
    ok_for: dict = field(default_factory=dict)
    shown: dict = field(default_factory=dict)
    query: str = ""


CORE_RULES = [
    Rule("home", EVERYONE),
    Rule("healthz", EVERYONE),
    Rule("workspace", SIGNED_IN),
    Rule(
        "notifications",
        SIGNED_IN,
        hidden={role: (lambda w: [w.secret_notification]) for role in SIGNED_IN if role != "applicant_a"},
    ),
    Rule("notifications_read", SIGNED_IN, method="post", ok=(302,)),
    Rule("notification_settings", SIGNED_IN),
    Rule("calendar_settings", SIGNED_IN),
    Rule("calendar_feed", EVERYONE, kwargs=lambda w: {"token": w.users["applicant_a"].calendar_token}),
    Rule("job_detail", frozenset({"applicant_a"}), kwargs=lambda w: {"pk": w.job.pk}),
    Rule("job_progress", frozenset({"applicant_a"}), kwargs=lambda w: {"pk": w.job.pk}),
    Rule("job_download", frozenset({"applicant_a"}), kwargs=lambda w: {"pk": w.job.pk}),
    Rule("login", EVERYONE),
    Rule("password_reset", EVERYONE),
    Rule("password_reset_done", EVERYONE),
    Rule("password_reset_complete", EVERYONE),
    Rule("password_reset_confirm", EVERYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Rule("password_change", SIGNED_IN),
    Rule("password_change_done", SIGNED_IN),
    Rule("two_factor_setup", SIGNED_IN),
    Rule("two_factor_verify", SIGNED_IN, ok=(302,)),  # a session past the second step is sent on
    Rule("logout", EVERYONE, method="post", ok=(302,)),
    Rule("set_language", EVERYONE, method="post", data=lambda w: {"language": "zh-hans"}, ok=(302,)),
    Rule("orgs:register", EVERYONE, ok=(200, 302)),
    Rule("admin:index", STAFF | {"party_staff"}),
    Rule("reset_links", STAFF, query="?q=a"),
    # Asked for a staff account, which is refused (the walk must change nothing).
    Rule("issue_reset_link", STAFF, method="post", kwargs=lambda w: {"pk": w.users["party_staff"].pk}, ok=(302,)),
]

CORE_RULES += [
    Rule("dashboard:dashboard", STAFF | {"party_staff"}),
    Rule(
        "dashboard:dashboard_excel",
        STAFF | {"party_staff"},
        method="post",
        ok=(302,),
        shown={role: (lambda w: ["各园区党的组织覆盖"]) for role in STAFF | {"party_staff"}},
    ),
]
CORE_RULES += [
    Rule("orgs:directory", EVERYONE),
]
CORE_RULES += [
    Rule("dashboard:annual", STAFF),
    # Starting a job answers with its progress page; the walk runs the job and reads its download.
    Rule(
        "dashboard:annual_excel",
        STAFF,
        method="post",
        data=lambda w: {"year": 2024},
        ok=(302,),
        shown={role: (lambda w: ["全旗合计"]) for role in STAFF},
    ),
]


RULES = CORE_RULES  # the core's expectations, as incubator/park.py names this module
