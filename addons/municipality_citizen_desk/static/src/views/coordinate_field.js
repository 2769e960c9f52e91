import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";

/**
 * A latitude or longitude: a request without a place shows nothing, not
 * «0.0000000» (no request of an Iranian city lies on the equator or on the
 * Greenwich meridian).
 */
export class CoordinateField extends FloatField {
    get formattedValue() {
        return this.value ? super.formattedValue : "";
    }
}

registry.category("fields").add("coordinate", {
    ...floatField,
    component: CoordinateField,
    isEmpty: (record, fieldName) => !record.data[fieldName],
});
