from . import test_chart_template
from . import test_jalali_numbering
