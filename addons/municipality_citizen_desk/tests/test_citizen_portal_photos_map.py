import io

from PIL import Image

from odoo.tests import tagged

from .citizen_web_common import CitizenWebCase

GPS_IFD = 0x8825


def jpeg_with_gps(color=(200, 30, 30)):
    image = Image.new("RGB", (80, 60), color)
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[GPS_IFD] = {1: "N", 2: (35.0, 41.0, 21.0), 3: "E", 4: (51.0, 23.0, 20.0)}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def png():
    output = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 0, 255)).save(output, "PNG")
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestCitizenPortalPhotos(CitizenWebCase):
    """Photos on the public new-request form, through the real route, and their Open311 media_url."""

    def _form(self, **overrides):
        page = self.url_open("/137/new")
        return dict({
            "csrf_token": self._csrf(page.text), "service_code": "TLIGHT", "request_type": "report",
            "description": "The street light in front of the school is broken.", "phone": "09121234567",
            "address": "Azadi Street", "latitude": "", "longitude": "",
        }, **overrides)

    def _latest(self):
        return self.Request.sudo().search([], order="id desc", limit=1)

    def test_form_takes_photos(self):
        page = self.url_open("/137/new")
        self.assertIn('enctype="multipart/form-data"', page.text)
        self.assertIn('name="photos"', page.text)
        self.assertIn("عکس", page.text)

    def test_photos_are_stored_without_location_metadata(self):
        original = jpeg_with_gps()
        self.assertIn(b"SecretCameraMaker", original)
        before = self._count()
        page = self.url_open("/137/new", data=self._form(), files=[
            ("photos", ("IMG_0001.JPG", original, "image/jpeg")),
            ("photos", ("screen.png", png(), "image/png")),
        ])
        self.assertEqual(page.status_code, 200, page.text[-2000:])
        self.assertEqual(self._count(), before + 1)
        citizen_request = self._latest()
        self.assertEqual(len(citizen_request.photo_ids), 2)
        photo = citizen_request.photo_ids.filtered(lambda a: a.mimetype == "image/jpeg")
        self.assertEqual(photo.res_model, "office.citizen.request")
        self.assertEqual(photo.res_id, citizen_request.id)
        stored = photo.raw
        self.assertNotIn(b"SecretCameraMaker", stored)
        self.assertNotIn(b"Exif", stored)
        self.assertFalse(Image.open(io.BytesIO(stored)).getexif(), "no EXIF, hence no GPS position, is stored")
        self.assertEqual(Image.open(io.BytesIO(stored)).size, (80, 60))
        as_staff = citizen_request.with_user(self.supervisor)
        self.assertEqual(as_staff.photo_count, 2)
        self.assertTrue(as_staff.photo_ids.filtered(lambda a: a.mimetype == "image/jpeg").raw, "staff see the photos")
        arch = as_staff.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="photo_ids"', arch)

    def test_bad_photos_are_refused_with_a_persian_message_and_nothing_is_recorded(self):
        before = self._count()
        cases = {
            "not an image": ([("photos", ("photo.jpg", b"%PDF-1.4 a document", "image/jpeg"))], "JPEG"),
            "too many": ([("photos", (f"p{i}.png", png(), "image/png")) for i in range(4)], "حداکثر"),
            "too large": ([("photos", ("big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024), "image/jpeg"))], "مگابایت"),
        }
        for case, (files, expected) in cases.items():
            with self.subTest(case):
                page = self.url_open("/137/new", data=self._form(), files=files)
                self.assertEqual(page.status_code, 400)
                self.assertIn("o_citizen_portal_error", page.text)
                self.assertIn(expected, page.text)
        self.assertEqual(self._count(), before)

    def test_open311_media_url_for_the_holder_of_the_code(self):
        page = self.url_open("/137/new", data=self._form(), files=[
            ("photos", ("IMG_0001.JPG", jpeg_with_gps(), "image/jpeg"))])
        self.assertEqual(page.status_code, 200)
        citizen_request = self._latest()
        response = self.url_open(f"/open311/v2/requests/{citizen_request.tracking_code}.json")
        self.assertEqual(response.status_code, 200, response.text)
        media_url = response.json()[0]["media_url"]
        self.assertTrue(media_url)
        self.assertIn("access_token=", media_url)
        photo = self.url_open(media_url[media_url.index("/web/image"):])
        self.assertEqual(photo.status_code, 200)
        self.assertTrue(photo.headers["Content-Type"].startswith("image/"))
        self.assertNotIn(b"SecretCameraMaker", photo.content)
        guessed = self.url_open(f"/web/image/{citizen_request.photo_ids.id}")
        self.assertNotEqual(guessed.headers.get("Content-Type", ""), "image/jpeg",
                            "without the token the photo is not served")
        listed = self.url_open("/open311/v2/requests.json").json()
        self.assertTrue(listed)
        self.assertTrue(all(item["media_url"] is None for item in listed), "public lists show no photo")


@tagged("post_install", "-at_install")
class TestCitizenPortalMap(CitizenWebCase):

    def test_no_tile_url_no_map_but_coordinates_and_location_button(self):
        self.env["ir.config_parameter"].sudo().set_param("municipality_citizen_desk.map_tile_url", "")
        page = self.url_open("/137/new")
        self.assertNotIn("o_citizen_map ", page.text)
        self.assertIn('id="citizen_latitude"', page.text)
        self.assertIn("o_citizen_locate", page.text)

    def test_tile_url_shows_map(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "municipality_citizen_desk.map_tile_url", "https://tiles.example.ir/{z}/{x}/{y}.png")
        page = self.url_open("/137/new")
        self.assertIn('data-tile-url="https://tiles.example.ir/{z}/{x}/{y}.png"', page.text)
        self.assertIn('data-lat="35.6892"', page.text)

    def test_map_click_fills_coordinates_tour(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "municipality_citizen_desk.map_tile_url", "http://127.0.0.1:9/{z}/{x}/{y}.png")
        self.start_tour("/137/new", "municipality_citizen_desk_map_tour")
