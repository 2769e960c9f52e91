from . import office_letter_register_report
