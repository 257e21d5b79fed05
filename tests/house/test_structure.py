"""The house rules that keep the portal easy to pick up (README, "The house"): the core never imports an app,
apps plug in only through their park.py contribution, imports form no cycle and none hides in a function, and
no module grows past what a newcomer can hold in their head."""

import ast
from pathlib import Path

from django.apps import apps

from incubator import calendar, deadlines, jobs, navigation, notifications, panels, protocol

ROOT = Path(__file__).resolve().parents[2]
CORE = "incubator"
FIRST_PARTY = {CORE, *(label for label, _c in protocol.contributions())}
APPS = FIRST_PARTY - {CORE}
LINE_LIMIT = 420  # "about 400 lines": a module past it becomes a package


def modules(*packages, tests=False):
    roots = [ROOT / p for p in packages] + ([ROOT / "tests"] if tests else [])
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path, top_level_only=False):
    """(absolute module, line, inside a function?) of each import in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package.split(".")
                    parent = parent[: len(parent) - (child.level - 1)]
                    base = ".".join(parent + ([base] if base else []))
                for alias in child.names:
                    candidate = f"{base}.{alias.name}"
                    is_module = (ROOT / candidate.replace(".", "/")).with_suffix(".py").exists() or (
                        ROOT / candidate.replace(".", "/") / "__init__.py"
                    ).exists()
                    found.append((candidate if is_module else base, child.lineno, in_function))
            visit(child, inner)

    visit(tree, False)
    return [f for f in found if not (top_level_only and f[2])]


def first_party(name):
    return name.split(".")[0] in FIRST_PARTY


def test_the_core_imports_no_app():
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules(CORE)
        for name, line, _in_function in imports(path)
        if name.split(".")[0] in APPS
    ]
    assert offending == []


def test_no_first_party_import_hides_inside_a_function():
    # AppConfig.ready is where Django wants the imports that need the app registry: apps.py is exempt.
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {name} inside a function"
        for path in modules(*FIRST_PARTY)
        for name, line, in_function in imports(path)
        if in_function and first_party(name) and path.name != "apps.py"
    ]
    assert offending == []


def test_the_modules_import_each_other_without_a_cycle():
    graph = {}
    for path in modules(*FIRST_PARTY):
        graph[module_name(path)] = {
            name for name, _line, _f in imports(path, top_level_only=True) if first_party(name)
        } - {module_name(path)}
    cycles = strongly_connected(graph)
    assert cycles == [], "import cycles: " + "; ".join(" ↔ ".join(sorted(c)) for c in cycles)


def strongly_connected(graph):
    """Tarjan's algorithm: the groups of modules that import each other (directly or round about)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def connect(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                result.append(group)

    for node in graph:
        if node not in index:
            connect(node)
    return result


def test_contributions_are_declared_only_in_each_apps_park_module():
    offending = []
    for path in modules(*FIRST_PARTY):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name == "Contribution" and path.name != "park.py":
                offending.append(f"{where} declares a contribution outside park.py")
            if name in ("Signal", "connect") and path.relative_to(ROOT) != Path(CORE, "apps.py"):
                offending.append(f"{where} wires through a signal instead of the protocol")
    assert offending == []


def test_the_core_offers_no_other_way_to_register():
    for module in (calendar, deadlines, jobs, navigation, notifications, panels):
        assert not {"register", "scanner", "handler"} & set(dir(module)), module.__name__


def test_every_app_that_brings_pages_declares_its_contribution():
    with_urls = {
        config.label for config in apps.get_app_configs() if config.label in APPS or (ROOT / config.label).is_dir()
    }
    with_urls = {label for label in with_urls - {CORE} if (ROOT / label / "urls.py").exists()}
    declared = {label for label, c in protocol.contributions() if c.urls}
    assert with_urls <= declared


def test_no_module_is_past_the_house_limit():
    too_long = [
        f"{path.relative_to(ROOT)}: {n} lines"
        for path in modules(*FIRST_PARTY, tests=True)
        if (n := len(path.read_text().splitlines())) > LINE_LIMIT
    ]
    assert too_long == []
