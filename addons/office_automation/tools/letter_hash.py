"""The fingerprint a signer puts on a letter's content.

A signature stores the SHA-256 of the letter's *canonical content*: what the
signer approved. Changing any of it afterwards (the text, the class, a
recipient, an attachment's file or class, a link, the record the letter is
about) gives another hash, and the signature no longer matches.

The canonical form is JSON with sorted keys and no insignificant whitespace;
text is in Unicode NFC (the same Persian text typed on two keyboards may
differ in composition, not in meaning); lists whose order carries no meaning
(recipients, attachments, links) are sorted. Empty text and ``None`` are the
same. Records are named by id: renaming a recipient does not change what was
signed. The secretariat that registers the letter and its company are part of
it: moving a signed letter to another secretariat is a change.

With a secret ``key`` the fingerprint is an HMAC-SHA-256: whoever can write
in the database (and so could recompute a plain SHA-256 after changing the
letter) cannot forge it without the key, which lives outside the database.
Each signature stores the id of the key it was made with (:func:`key_id`):
a key that is rotated out keeps verifying the signatures made with it.
"""

import hashlib
import hmac
import json
import unicodedata

CONTENT_KEYS = ("subject", "body", "letter_type", "classification", "priority", "sender", "recipients",
                "attachments", "links", "reference", "secretariat", "company")


def _text(value):
    if value is None or value is False:
        return ""
    return unicodedata.normalize("NFC", str(value))


def _ids(values):
    return sorted({int(value) for value in values or ()})


def canonical_content(content):
    """The canonical bytes of ``content``, a mapping with the keys of :data:`CONTENT_KEYS`:

    ``subject``, ``body``, ``letter_type``, ``classification``, ``priority``
        text (``None`` for none);
    ``sender``
        mapping: ``partner``, ``employee``, ``department`` (ids or ``None``), ``number``, ``date`` (text);
    ``recipients``
        mapping: ``partners``, ``employees``, ``departments`` (iterables of ids);
    ``attachments``
        iterable of ``(checksum, classification)`` pairs;
    ``links``
        iterable of ``(link_type, linked_letter_id)`` pairs;
    ``reference``
        ``(model, id)`` or ``None``;
    ``secretariat``, ``company``
        ids (``None`` for none).

    A missing or unknown key is an error: a hash of partial content would sign less than the letter.
    """
    missing = [key for key in CONTENT_KEYS if key not in content]
    unknown = [key for key in content if key not in CONTENT_KEYS]
    if missing or unknown:
        raise KeyError(f"letter content: missing {missing}, unknown {unknown}")
    sender = content["sender"] or {}
    recipients = content["recipients"] or {}
    reference = content["reference"]
    canonical = {
        "subject": _text(content["subject"]),
        "body": _text(content["body"]),
        "letter_type": _text(content["letter_type"]),
        "classification": _text(content["classification"]),
        "priority": _text(content["priority"]),
        "sender": {
            "partner": sender.get("partner") or None,
            "employee": sender.get("employee") or None,
            "department": sender.get("department") or None,
            "number": _text(sender.get("number")),
            "date": _text(sender.get("date")),
        },
        "recipients": {
            "partners": _ids(recipients.get("partners")),
            "employees": _ids(recipients.get("employees")),
            "departments": _ids(recipients.get("departments")),
        },
        "attachments": sorted([_text(checksum), _text(classification)]
                              for checksum, classification in content["attachments"] or ()),
        "links": sorted([_text(link_type), int(letter_id)] for link_type, letter_id in content["links"] or ()),
        "reference": [_text(reference[0]), int(reference[1])] if reference and reference[0] and reference[1]
        else None,
        "secretariat": int(content["secretariat"]) if content["secretariat"] else None,
        "company": int(content["company"]) if content["company"] else None,
    }
    return json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def keyed_hash(data, key=None):
    """Fingerprint (hexadecimal) of ``data`` (bytes): HMAC-SHA-256 with ``key`` (text or bytes) when given, else
    plain SHA-256. What every signature of the suite stores (letters here, other documents' signatures too)."""
    if key:
        key = key.encode("utf-8") if isinstance(key, str) else key
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


def content_hash(content, key=None):
    """Fingerprint (hexadecimal) of the canonical form of ``content`` (see :func:`canonical_content`):
    HMAC-SHA-256 with ``key`` (text or bytes) when given, else plain SHA-256."""
    return keyed_hash(canonical_content(content), key)


#: The key id of a plain SHA-256 fingerprint (no key configured).
PLAIN_KEY_ID = "sha256"


def key_id(key=None):
    """A short public name of ``key`` (text or bytes) that reveals nothing of it, stored with each
    signature; :data:`PLAIN_KEY_ID` without a key."""
    if not key:
        return PLAIN_KEY_ID
    key = key.encode("utf-8") if isinstance(key, str) else key
    return "hmac-" + hashlib.sha256(b"shahr office signature key id:" + key).hexdigest()[:16]
