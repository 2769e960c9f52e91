from . import municipality_zoning
from . import municipality_document_type
from . import municipality_property_owner
from . import municipality_property_document
from . import municipality_property
from . import municipality_regional_value
