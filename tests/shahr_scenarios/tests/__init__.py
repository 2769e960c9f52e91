from . import test_citizen_entered_once
