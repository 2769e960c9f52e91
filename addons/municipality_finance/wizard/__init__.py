from . import municipality_ledger_report_mixin
from . import municipality_year_closing_wizard
from . import municipality_trial_balance_wizard
from . import municipality_general_ledger_wizard
from . import municipality_budget_execution_report
from . import municipality_toll_revenue_report
