"""Groups of workflow states are named once, on their state type (ProposalState, an incubation's Stage, a
review's State, an application's Status, a party member's MemberStatus …, in each app's models): no tuple, list or
set of two or more members of one state type is spelled out anywhere else, so a group fixed once is fixed
everywhere."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The state types, by the names code reaches them by: ProposalState.X, Stage.X, Evaluation.Status.X, Tranche.State.X.
STATE_TYPES = {"ProposalState", "Stage", "State", "Status", "MemberStatus", "TransferStatus"}
HOMES = [ROOT / app / "models" for app in ("orgs", "venture", "partybuild")]  # and incubator/models.py


def _names(source):
    """How the module names the state type: the class, and any short alias bound to it (S = ProposalState,
    `import ProposalState as S`)."""
    tree = ast.parse(source)
    names = set(STATE_TYPES)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _type_name(node.value) in STATE_TYPES:
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.ImportFrom):
            names |= {a.asname for a in node.names if a.name in STATE_TYPES and a.asname}
    return tree, names


def _type_name(node):
    """`Stage` for Stage, `Status` for Evaluation.Status: the last name of what an attribute is taken of."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _membership_uses(tree):
    """The nodes a membership is tested against: `x in <node>`, `field__in=<node>` (a filter or exclude)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            yield from (
                c for op, c in zip(node.ops, node.comparators, strict=True) if isinstance(op, ast.In | ast.NotIn)
            )
        elif isinstance(node, ast.keyword) and node.arg and node.arg.endswith("__in"):
            yield node.value


def state_groups(source):
    """(line, members) of each literal tuple, list or set holding two or more members of one state type and used
    as a group: tested for membership (`in`, `__in=`), directly or through the name it is bound to. A sequence of
    states that is not a group (a demo's path through the stages, a benchmark's weights) is not one."""
    tree, names = _names(source)
    uses = list(_membership_uses(tree))
    group_names = {u.id for u in uses if isinstance(u, ast.Name)}
    literals = [u for u in uses if isinstance(u, ast.Tuple | ast.List | ast.Set)]
    for node in ast.walk(tree):
        bound = isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple | ast.List | ast.Set)
        if bound and any(isinstance(t, ast.Name) and t.id in group_names for t in node.targets):
            literals.append(node.value)
    found = []
    for node in literals:
        per_type = {}
        for e in node.elts:
            if isinstance(e, ast.Attribute) and e.attr.isupper() and _type_name(e.value) in names:
                per_type.setdefault(ast.unparse(e.value), []).append(e.attr)
        found += [(node.lineno, members) for members in per_type.values() if len(members) >= 2]
    return found


def test_the_check_finds_the_spellings_in_use():
    alias = "S = ProposalState\n"
    assert state_groups(alias + "x = (S.DRAFT, S.RETURNED)\ny = p.state in x\n") == [(2, ["DRAFT", "RETURNED"])]
    assert state_groups("from m import ProposalState as S\nok = s not in [S.A, S.B]\n") == [(2, ["A", "B"])]
    assert state_groups("q.filter(state__in=[ProposalState.A, ProposalState.B])\n") == [(1, ["A", "B"])]
    assert state_groups("q.exclude(status__in={Evaluation.Status.OPEN, Evaluation.Status.CLOSED})\n") == [
        (1, ["OPEN", "CLOSED"])
    ]
    assert state_groups("from m import Stage as I\nA = (I.A, I.B)\nq.filter(stage__in=A)\n") == [(2, ["A", "B"])]
    assert state_groups(alias + "x = S.editable()\ny = p.state in (S.DRAFT,)\n") == []
    assert state_groups("ok = s in (Stage.A, Tranche.State.B)\n") == []  # one of each type
    assert state_groups("ok = a in (Area.A, Area.B)\n") == []  # a choice that is not a state
    assert state_groups("PATH = [Stage.A, Stage.B, Stage.C]\nfor stage in PATH: pass\n") == []  # a path, not a group


def test_no_group_of_states_is_spelled_out_outside_the_state_types():
    offenders = []
    for package in ("incubator", "orgs", "venture", "partybuild"):
        for path in sorted((ROOT / package).rglob("*.py")):
            home = any(h in path.parents for h in HOMES) or path == ROOT / "incubator" / "models.py"
            if "migrations" in path.parts or home or path == Path(__file__):
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{line} {members}" for line, members in state_groups(path.read_text())
            ]
    assert offenders == [], "name the group on its state type instead:\n" + "\n".join(offenders)
