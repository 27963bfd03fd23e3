"""The knowledge base's models sit below its views and services: a model never
imports them, so a drawing of the imports has no circle through the models
except Wagtail's own (a page's form and panels, a workflow task's actions)."""

import ast
from pathlib import Path

import pytest

import peerkb

MODELS = Path(peerkb.__file__).parent / "models"
# Modules the models may import: what Wagtail asks a page or task for, and
# helpers that import no model.
BELOW_THE_MODELS = {"admin_forms", "blocks", "panels", "search_text", "default_texts"}
# Wagtail asks the peer-review task for its actions, and the task hands them
# to the review services.
WAGTAIL_HOOKS = {"workflow.py": {"review"}}


def app_modules_imported(path: Path) -> set[str]:
    """The peerkb modules outside peerkb/models that `path` imports, lazily too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            dotted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "peerkb":
            dotted = [f"peerkb.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            dotted = [node.module or ""]
        elif isinstance(node, ast.ImportFrom) and node.level == 2:
            # from ..review import x, or from .. import views
            modules = [node.module] if node.module else [alias.name for alias in node.names]
            dotted = [f"peerkb.{module}" for module in modules]
        else:
            continue
        found.update(
            name.split(".")[1]
            for name in dotted
            if name.startswith("peerkb.") and name.split(".")[1] != "models"
        )
    return found


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.py")), ids=lambda path: path.name)
def test_a_model_module_imports_no_view_or_service(path):
    allowed = BELOW_THE_MODELS | WAGTAIL_HOOKS.get(path.name, set())

    assert app_modules_imported(path) - allowed == set()
