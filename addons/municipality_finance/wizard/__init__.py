from . import municipality_toll_revenue_report
