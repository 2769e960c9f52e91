from . import test_shaparak_callback
