from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

LEAFLET = "municipality_base/static/lib/leaflet/"


@tagged("post_install", "-at_install")
class TestLeafletLibrary(HttpCase):
    """Leaflet is vendored once, in municipality_base (with its licence); the citizen desk's map bundle and the
    urbanism map load that copy."""

    def test_one_copy_in_the_base_addon(self):
        base = get_module_path("municipality_base")
        with open(f"{base}/static/lib/leaflet/LICENSE", encoding="utf-8") as licence:
            self.assertIn("Volodymyr Agafonkin", licence.read())  # BSD-2-Clause of Leaflet
        for addon in ("municipality_citizen_desk", "municipality_urbanism"):
            path = get_module_path(addon, display_warning=False)
            if not path:
                continue
            with self.subTest(addon=addon), self.assertRaises(FileNotFoundError):
                open(f"{path}/static/lib/leaflet/leaflet.js", "rb").close()

    def test_the_desk_map_bundle_takes_the_base_copy(self):
        paths = [asset[0] for asset in self.env["ir.asset"]._get_asset_paths(
            "municipality_citizen_desk.assets_citizen_map", {})]
        self.assertIn(f"/{LEAFLET}leaflet.js", paths)
        self.assertIn(f"/{LEAFLET}leaflet.css", paths)
        self.assertFalse([path for path in paths if "/lib/leaflet/" in path and not path.startswith(f"/{LEAFLET}")])

    def test_the_base_copy_is_served(self):
        for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png"):
            with self.subTest(name=name):
                self.assertEqual(self.url_open(f"/{LEAFLET}{name}").status_code, 200)
