from . import ir_actions_report
from . import ir_sequence
from . import municipality_district
from . import municipality_workflow_mixin
from . import municipality_xlsx_report_mixin
from . import res_currency
from . import res_partner
