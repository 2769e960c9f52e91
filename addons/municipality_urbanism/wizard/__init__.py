from . import urbanism_report_mixin
from . import urbanism_permit_issued_report
from . import urbanism_permit_stage_report
from . import urbanism_permit_fee_report
from . import urbanism_violation_report
from . import urbanism_renovation_toll_report
