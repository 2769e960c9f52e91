from . import test_chart_template
