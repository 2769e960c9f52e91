"""pytest set-up for the pure-Python ``tools`` packages of the addons.

Each ``addons/<addon>/tools`` package is imported on its own as
``<addon>_tools`` (``from municipality_base_tools import jalali``), without
the addon's ``__init__`` and so without Odoo. Importing ``odoo`` from a tools
module fails here on purpose: tools must stay free of Odoo.
"""

import importlib.abc
import importlib.util
import pathlib
import sys

import pytest

ADDONS = pathlib.Path(__file__).resolve().parent / "addons"


class _RefuseOdoo(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname == "odoo" or fullname.startswith("odoo."):
            raise ImportError(f"tools packages must not import Odoo (tried to import {fullname!r})")
        return None


def _load_tools_packages():
    for init in sorted(ADDONS.glob("*/tools/__init__.py")):
        name = f"{init.parent.parent.name}_tools"
        spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


def pytest_collect_directory(path, parent):
    """Collect the folders of an addon as plain folders, not Python packages:
    pytest would otherwise import the addon's ``__init__`` (and so Odoo)."""
    if ADDONS in path.parents:
        return pytest.Dir.from_parent(parent, path=path)
    return None


sys.meta_path.insert(0, _RefuseOdoo())
_load_tools_packages()
