from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    citizen_map_tile_url = fields.Char(
        string="Map Tile URL", config_parameter="municipality_citizen_desk.map_tile_url",
        help="Address of the map tiles shown on the 137 portal's new-request form, with {z}, {x} and {y}, for "
             "example https://tiles.example.ir/{z}/{x}/{y}.png (the municipality's own tile server or a provider "
             "it has an agreement with). Empty: no map; citizens can still type coordinates.")
    citizen_map_attribution = fields.Char(
        string="Map Attribution", config_parameter="municipality_citizen_desk.map_attribution",
        help="The credit the tile provider requires, shown in the map's corner (plain text).")
    citizen_map_center = fields.Char(
        string="Map Center", config_parameter="municipality_citizen_desk.map_center",
        help="Where the map opens, as latitude, longitude[, zoom], for example 35.6892, 51.3890, 12.")
