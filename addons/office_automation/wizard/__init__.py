from . import office_letter_archive_wizard
