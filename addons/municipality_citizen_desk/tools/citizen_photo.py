"""Photos citizens attach to a request: checked by their content, re-encoded
without their metadata (EXIF GPS position, camera serial, date, comments).

Pillow (which Odoo requires) reads the file; only JPEG, PNG and WebP are
taken, whatever the file name or the browser's content type say. The image is
turned upright (EXIF orientation), shrunk to ``MAX_SIDE`` pixels at most and
saved again from its pixels alone: nothing of the original file's metadata is
copied into the stored one.
"""

import io

from PIL import Image, ImageOps

#: At most this many photos per request.
MAX_PHOTOS = 3
#: At most this many bytes per photo as sent.
MAX_BYTES = 5 * 1024 * 1024
#: Larger images are shrunk to this many pixels on their longer side.
MAX_SIDE = 2560
#: Images with more pixels than this are refused before being decoded (decompression bombs).
MAX_PIXELS = 50_000_000

#: Pillow format → (mimetype, file extension)
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


class PhotoError(ValueError):
    """A photo that cannot be taken; ``reason`` is ``too_large``, ``not_an_image`` or ``type``."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def clean_photo(data):
    """``(bytes, mimetype, extension)`` of the photo ``data`` without metadata.

    Raises ``PhotoError`` when it is larger than ``MAX_BYTES``, not an image,
    or not a JPEG, PNG or WebP image."""
    if len(data) > MAX_BYTES:
        raise PhotoError("too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
    except Exception as error:  # Pillow raises many kinds of errors on garbage
        raise PhotoError("not_an_image") from error
    if image_format not in FORMATS:
        raise PhotoError("type")
    if width * height > MAX_PIXELS:
        raise PhotoError("too_large")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except Exception as error:
        raise PhotoError("not_an_image") from error
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image from the pixels alone: no info dict (exif, xmp, comments, icc), nothing to copy.
    if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    clean = Image.new(upright.mode, upright.size)
    if upright.mode == "P":
        clean.putpalette(upright.getpalette())
    clean.paste(upright)
    output = io.BytesIO()
    options = {"quality": 88} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    clean.save(output, format=image_format, **options)
    mimetype, extension = FORMATS[image_format]
    return output.getvalue(), mimetype, extension
