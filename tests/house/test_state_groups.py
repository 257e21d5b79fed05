"""Groups of proposal states are named once, on ProposalState (venture/models): no tuple, list or set of two or
more of its members is spelled out anywhere else, so a group fixed once is fixed everywhere."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "venture" / "models"


def _names(source):
    """How the module names the state type: the class, and any short alias bound to it (S = ProposalState,
    `import ProposalState as S`)."""
    tree = ast.parse(source)
    names = {"ProposalState"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id == "ProposalState":
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.ImportFrom):
            names |= {a.asname for a in node.names if a.name == "ProposalState" and a.asname}
    return tree, names


def state_groups(source):
    """(line, members) of each literal tuple, list or set in `source` holding two or more state members."""
    tree, names = _names(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            members = [
                e.attr
                for e in node.elts
                if isinstance(e, ast.Attribute)
                and isinstance(e.value, ast.Name)
                and e.value.id in names
                and e.attr.isupper()
            ]
            if len(members) >= 2:
                found.append((node.lineno, members))
    return found


def test_the_check_finds_the_spellings_in_use():
    alias = "S = ProposalState\n"
    assert state_groups(alias + "x = (S.DRAFT, S.RETURNED)\n") == [(2, ["DRAFT", "RETURNED"])]
    assert state_groups("from m import ProposalState as S\nx = [S.A, S.B]\n") == [(2, ["A", "B"])]
    assert state_groups("q.filter(state__in=[ProposalState.A, ProposalState.B])\n") == [(1, ["A", "B"])]
    assert state_groups(alias + "{S.A, S.B} - {S.C}\n") == [(2, ["A", "B"])]
    assert state_groups(alias + "x = S.editable()\ny = (S.DRAFT,)\n") == []
    assert state_groups("S = Stage\nx = (S.A, S.B)\n") == []  # another state type


def test_no_group_of_proposal_states_is_spelled_out_outside_the_state_type():
    offenders = []
    for package in ("incubator", "orgs", "venture", "partybuild"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or HOME in path.parents or path == Path(__file__):
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{line} {members}" for line, members in state_groups(path.read_text())
            ]
    assert offenders == [], "name the group on ProposalState instead:\n" + "\n".join(offenders)
