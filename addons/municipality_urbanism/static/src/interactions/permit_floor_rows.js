import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * The floor lines of the online permit application: "Add a floor" copies the last line (next floor number,
 * same use, empty area and units) under a new row index, "Remove" takes a line away (the last one left is
 * emptied instead). Row indices only grow, so a removed row leaves a gap; the server reads every row posted,
 * in the order of the indices, and refuses more than `data-max-rows` lines.
 */
export class PermitFloorRows extends Interaction {
    static selector = ".o_permit_floor_editor";
    dynamicContent = {
        ".o_permit_floor_add": {
            "t-on-click.prevent": this.addRow,
            "t-att-disabled": () => this.rows().length >= this.maxRows,
        },
        ".o_permit_floor_limit": {
            "t-att-class": () => ({ "d-none": this.rows().length < this.maxRows }),
        },
        _root: {
            "t-on-click": this.onClick,
        },
    };

    setup() {
        this.maxRows = parseInt(this.el.dataset.maxRows, 10) || 60;
        this.nextIndex = Math.max(-1, ...this.rows().map((row) => this.indexOf(row))) + 1;
    }

    rows() {
        return [...this.el.querySelectorAll("tr.o_permit_floor_row")];
    }

    indexOf(row) {
        const match = /_(\d+)$/.exec(row.querySelector("[name^='area_']")?.name || "");
        return match ? parseInt(match[1], 10) : -1;
    }

    addRow() {
        const rows = this.rows();
        if (!rows.length || rows.length >= this.maxRows) {
            return;
        }
        const last = rows[rows.length - 1];
        const row = last.cloneNode(true);
        const index = this.nextIndex++;
        for (const field of row.querySelectorAll("[name]")) {
            const key = field.name.replace(/_\d+$/, "");
            field.name = `${key}_${index}`;
            if (key === "floor") {
                const previous = parseInt(last.querySelector("[name^='floor_']").value, 10);
                field.value = Number.isNaN(previous) ? "" : String(previous + 1);
            } else if (key === "use") {
                field.value = last.querySelector("[name^='use_']").value;
            } else {
                field.value = "";
            }
        }
        last.after(row);
        row.querySelector("[name^='area_']").focus();
    }

    onClick(ev) {
        const button = ev.target.closest(".o_permit_floor_remove");
        if (!button) {
            return;
        }
        ev.preventDefault();
        const row = button.closest("tr.o_permit_floor_row");
        if (this.rows().length > 1) {
            row.remove();
        } else {
            for (const field of row.querySelectorAll("input[name^='area_'], input[name^='units_']")) {
                field.value = "";
            }
        }
    }
}

registry.category("public.interactions").add("municipality_urbanism.permit_floor_rows", PermitFloorRows);
