"""Persian and Arabic-Indic digits to Latin (a copy of municipality_base's, so that the
tools of this addon stay importable on their own, without Odoo or another addon)."""

_TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def normalize_digits(text):
    return text.translate(_TO_LATIN) if isinstance(text, str) else text
