import io

import pytest
from PIL import Image

from municipality_citizen_desk_tools.citizen_photo import MAX_BYTES, PhotoError, clean_photo

GPS_IFD = 0x8825


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotated
    exif[GPS_IFD] = {1: "N", 2: (35.0, 41.0, 21.0), 3: "E", 4: (51.0, 23.0, 20.0)}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def test_gps_exif_is_removed_and_the_photo_turned_upright():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    data, mimetype, extension = clean_photo(original)
    assert (mimetype, extension) == ("image/jpeg", "jpg")
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()
    assert b"Exif" not in data and b"SecretCameraMaker" not in data
    assert stored.size == (48, 64), "the orientation is applied to the pixels before the tag is dropped"


@pytest.mark.parametrize("image_format,mimetype", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_are_taken(image_format, mimetype):
    output = io.BytesIO()
    Image.new("RGBA", (10, 10)).save(output, image_format)
    assert clean_photo(output.getvalue())[1] == mimetype


@pytest.mark.parametrize("data,reason", [
    (b"%PDF-1.4 not a photo", "not_an_image"),
    (b"\xff" * (MAX_BYTES + 1), "too_large"),
])
def test_garbage_and_oversized_files_are_refused(data, reason):
    with pytest.raises(PhotoError) as raised:
        clean_photo(data)
    assert raised.value.reason == reason


def test_other_image_types_are_refused_by_content():
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "GIF")
    with pytest.raises(PhotoError) as raised:
        clean_photo(output.getvalue())
    assert raised.value.reason == "type"
