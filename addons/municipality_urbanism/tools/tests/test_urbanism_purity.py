import importlib
import pathlib
import sys

MODULES = sorted(path.stem for path in pathlib.Path(__file__).resolve().parent.parent.glob("*.py")
                 if path.stem != "__init__")


def test_tools_do_not_import_odoo():
    for name in MODULES:
        importlib.import_module(f"municipality_urbanism_tools.{name}")
    assert "renovation_code" in MODULES
    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)
