/**
 * A tour step's ``run`` that puts a small PDF named ``name`` in the step's file input, as a person's file
 * picker does (a tour cannot open the picker), and tells the page it changed.
 */
export function putPdf(name) {
    return function () {
        const transfer = new DataTransfer();
        transfer.items.add(new File(["%PDF-1.4\n%tour\n"], name, { type: "application/pdf" }));
        this.anchor.files = transfer.files;
        this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
    };
}
