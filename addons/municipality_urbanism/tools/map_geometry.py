"""GeoJSON of the urbanism map: a parcel's outline, its centre, and the features the map draws.

Coordinates are GeoJSON's ``[longitude, latitude]``. Nothing here calls a tile server or the network.
"""

import json

#: The colour of a permit file on the map by the action of its stage (and by state once it left the stages).
STAGE_COLORS = {
    "application": "#6c757d",
    "visit": "#17a2b8",
    "zoning": "#6f42c1",
    "inquiries": "#fd7e14",
    "plan_brief": "#20c997",
    "drawings": "#0d6efd",
    "fees": "#d63384",
    "payment": "#ffc107",
    "signatures": "#795548",
    "issue": "#198754",
}
STATE_COLORS = {"issued": "#146c43", "refused": "#dc3545", "cancelled": "#adb5bd"}
DEFAULT_COLOR = "#6c757d"
VIOLATION_COLOR = "#dc3545"
PROPERTY_COLOR = "#1f6feb"


def parse_outline(text):
    """The geometry (Polygon or MultiPolygon) of an outline stored as GeoJSON text (a geometry or a Feature),
    or None when the text is empty or not such a geometry."""
    if not text:
        return None
    try:
        geometry = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return None
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    if not (isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon")
            and isinstance(geometry.get("coordinates"), list) and geometry["coordinates"]):
        return None
    return {"type": geometry["type"], "coordinates": geometry["coordinates"]}


def _outer_rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"][:1]
    return [polygon[0] for polygon in geometry["coordinates"] if isinstance(polygon, list) and polygon]


def outline_center(geometry):
    """The mean of the outer rings' vertices ``(longitude, latitude)`` (a ring's closing vertex counted once),
    or None."""
    if not geometry:
        return None
    points = []
    for ring in _outer_rings(geometry):
        ring = [(float(p[0]), float(p[1])) for p in ring if isinstance(p, (list, tuple)) and len(p) >= 2]
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring = ring[:-1]
        points += ring
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def location(latitude, longitude, outline_text):
    """Where a property is drawn: its ``(longitude, latitude)`` when set, else its outline's centre, else None.
    A latitude and longitude both 0 is "not set" (the Gulf of Guinea is not in an Iranian city)."""
    if latitude or longitude:
        return (float(longitude), float(latitude))
    return outline_center(parse_outline(outline_text))


def point_feature(lonlat, properties):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lonlat[0], lonlat[1]]},
            "properties": properties}


def shape(latitude, longitude, outline_text):
    """What a property's permit files and violations are drawn as: the property's outline (Polygon or
    MultiPolygon) when it has one, else the Point of its coordinates, else None."""
    outline = parse_outline(outline_text)
    if outline:
        return outline
    if latitude or longitude:
        return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}
    return None


def permit_color(state, stage_action):
    """The colour of a permit file: by its state once issued, refused or cancelled, else by its stage."""
    return STATE_COLORS.get(state) or STAGE_COLORS.get(stage_action or "", DEFAULT_COLOR)
