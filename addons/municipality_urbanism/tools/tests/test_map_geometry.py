import json

from municipality_urbanism_tools.map_geometry import (
    STAGE_COLORS, STATE_COLORS, location, outline_center, parse_outline, permit_color, point_feature, shape)

SQUARE = {"type": "Polygon", "coordinates": [[[51.0, 35.0], [51.2, 35.0], [51.2, 35.2], [51.0, 35.2], [51.0, 35.0]]]}


def test_parse_outline_accepts_geometry_and_feature_text():
    assert parse_outline(json.dumps(SQUARE)) == SQUARE
    assert parse_outline(json.dumps({"type": "Feature", "geometry": SQUARE, "properties": {}})) == SQUARE


def test_parse_outline_refuses_what_is_not_a_polygon():
    for text in ("", None, "not json", json.dumps({"type": "Point", "coordinates": [51, 35]}),
                 json.dumps({"type": "Polygon", "coordinates": []}), json.dumps([1, 2])):
        assert parse_outline(text) is None


def test_center_of_a_closed_ring_counts_the_closing_vertex_once():
    lon, lat = outline_center(SQUARE)
    assert round(lon, 6) == 51.1 and round(lat, 6) == 35.1


def test_center_of_a_multipolygon_uses_every_outer_ring():
    multi = {"type": "MultiPolygon", "coordinates": [
        [[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 0.0]]], [[[10.0, 10.0], [12.0, 10.0], [12.0, 12.0]]]]}
    lon, lat = outline_center(multi)
    assert round(lon, 6) == round((0 + 2 + 2 + 10 + 12 + 12) / 6, 6)
    assert outline_center(None) is None


def test_location_prefers_the_coordinates_then_the_outline():
    assert location(35.7, 51.4, json.dumps(SQUARE)) == (51.4, 35.7)
    lon, lat = location(0, 0, json.dumps(SQUARE))
    assert round(lat, 6) == 35.1
    assert location(0, 0, "") is None


def test_point_feature_is_geojson_longitude_first():
    feature = point_feature((51.4, 35.7), {"id": 3})
    assert feature["geometry"] == {"type": "Point", "coordinates": [51.4, 35.7]}
    assert feature["properties"] == {"id": 3}


def test_permit_colour_by_state_then_stage():
    assert permit_color("issued", "issue") == STATE_COLORS["issued"]
    assert permit_color("in_progress", "payment") == STAGE_COLORS["payment"]
    assert permit_color("application", None).startswith("#")


def test_shape_is_the_outline_else_the_point():
    """What a permit or a violation is drawn as: its property's outline when it has one (even with coordinates
    set), else the property's point, else nothing."""
    assert shape(35.7, 51.4, json.dumps(SQUARE)) == SQUARE
    assert shape(35.7, 51.4, "") == {"type": "Point", "coordinates": [51.4, 35.7]}
    assert shape(35.7, 51.4, '{"type": "Point", "coordinates": [1, 2]}') == {
        "type": "Point", "coordinates": [51.4, 35.7]}
    assert shape(0, 0, "") is None
