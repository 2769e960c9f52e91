from . import municipality_fiscal_date_mixin
from . import municipality_fiscal_year
from . import municipality_fiscal_period
from . import account_move
from . import account_move_line
from . import res_company_year_end
from . import account_move_year_end
from . import municipality_fiscal_year_closing
