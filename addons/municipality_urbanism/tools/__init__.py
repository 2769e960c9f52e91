"""Pure-Python helpers of urban planning (no Odoo import; tested with pytest).

``renovation_code`` reads and writes renovation codes, ``permit_fees`` computes
the building-permit tolls of DOMAIN.md §5, ``zoning_check`` compares a request
with the detailed plan, ``renovation_toll`` values a property for its yearly
toll, ``article100`` holds the commission's rules and ``sla`` counts working days.
"""
