"""The apps are layered, and the layering is checked here rather than trusted.

`core <- accounts <- notifications <- moderation <- forum, peerkb, consultations`: each app
imports only the ones below it, no app imports the project package
(`peersite`), and no two modules import each other, except Wagtail's own edges
from a page model to its admin form, panels and workflow task.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What each app may import from the project, besides itself.
LAYERS = {
    "core": set(),
    "accounts": {"core"},
    "notifications": {"core", "accounts"},
    "moderation": {"core", "accounts", "notifications"},
    "forum": {"core", "accounts", "notifications", "moderation"},
    "peerkb": {"core", "accounts", "notifications", "moderation"},
    "consultations": {"core", "accounts", "notifications", "moderation"},
}
PROJECT = {*LAYERS, "peersite"}

# Wagtail asks a page model for its admin form (`base_form_class`), its panels
# and its workflow task's actions: those modules import the models back.
WAGTAIL_EDGES = {
    ("peerkb.models.knowledge_base", "peerkb.admin_forms"),
    ("peerkb.models.knowledge_base", "peerkb.panels"),
    ("peerkb.models.workflow", "peerkb.review"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            imported.add(base)
            imported.update(f"{base}.{alias.name}" for alias in node.names)
    return imported


def _graph() -> dict[str, set[str]]:
    modules = _modules()

    def owner(imported: str) -> str | None:
        while imported and imported not in modules:
            imported = imported.rpartition(".")[0]
        return imported or None

    graph = {}
    for name, path in modules.items():
        targets = {owner(imported) for imported in _imports(name, path)}
        graph[name] = {t for t in targets if t and t != name and (name, t) not in WAGTAIL_EDGES}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_each_app_imports_only_the_layers_below_it():
    upward = []
    for name, path in _modules().items():
        app = name.split(".")[0]
        for imported in _imports(name, path):
            other = imported.split(".")[0]
            if other in PROJECT and other != app and other not in LAYERS[app]:
                upward.append(f"{name} imports {imported}")
    assert upward == []


def test_no_two_modules_import_each_other():
    assert _circles(_graph()) == []


def test_the_check_sees_a_circle_when_there_is_one():
    graph = {"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}
    assert _circles(graph) == [["a.x", "a.y", "a.z"]]
