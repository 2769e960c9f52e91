from odoo import models

from odoo.addons.municipality_base.tools.xlsx_table import Column

from .urbanism_report_mixin import ReportTable


class MunicipalityUrbanismPermitStageReport(models.TransientModel):
    """The open files per stage with the days they have spent there against the stage's SLA: who holds what
    for how long; and the stays in each stage that ended in the period (the stage log), late or in time. Open files (application or in progress) whose current stage began by the end of the period;
    days counted to today (Tehran's day). The SLA is in working days; its deadline (``stage_deadline``) was set
    on the municipality's calendar when the file entered the stage, so a file is overdue once today is past it.
    """

    _name = "municipality.urbanism.permit.stage.report"
    _inherit = ["municipality.urbanism.report.mixin"]
    _description = "Permit Files per Stage Report"
    _pdf_report = "municipality_urbanism.action_report_urbanism_permit_stage"
    _xlsx_name = "permit-stages"

    def _permit_domain(self):
        _date_from, date_to = self._date_range()
        return ([("company_id", "=", self.company_id.id), ("state", "in", ("application", "in_progress")),
                 ("stage_start_date", "<=", date_to)] + self._district_domain())

    def _get_tables(self):
        _ = self.env._
        Permit = self.env["municipality.permit"]
        today = self._today_in_iran()
        domain = self._permit_domain()
        # per stage: files and the earliest start (one grouped query); the overdue ones (a second)
        groups = Permit._read_group(domain, ["stage_id"], ["__count", "stage_start_date:min"])
        overdue = dict(Permit._read_group(domain + [("stage_deadline", "<", today)], ["stage_id"], ["__count"]))
        groups.sort(key=lambda group: (group[0].permit_type_id.sequence, group[0].permit_type_id.id,
                                       group[0].sequence, group[0].id))
        summary_rows = []
        for stage, count, first_start in groups:
            summary_rows.append([
                stage.permit_type_id.name, stage.name, stage.group_id.name or "", stage.sla_days, count,
                overdue.get(stage, 0), (today - first_start).days if first_start else 0])
        summary = ReportTable(
            sheet_name=_("Files per stage"), title=_("Open files per stage"),
            columns=[Column(_("Permit Type"), "text", 22), Column(_("Stage"), "text", 22),
                     Column(_("Held By"), "text", 24), Column(_("SLA (working days)"), "integer", 12),
                     Column(_("Files"), "integer", 10), Column(_("Overdue files"), "integer", 12),
                     Column(_("Longest stay (days)"), "integer", 14)],
            rows=summary_rows, subtitle_lines=self._subtitle_lines(),
            totals=[_("Total"), "", "", None, sum(r[4] for r in summary_rows), sum(r[5] for r in summary_rows),
                    max((r[6] for r in summary_rows), default=0)],
            highlighted={index for index, row in enumerate(summary_rows) if row[5]})

        # the files themselves: one query for the fields, one per related model for the names (prefetch)
        files = Permit.search_fetch(
            domain, ["name", "district_id", "stage_id", "inspector_id", "stage_start_date", "stage_deadline"],
            order="stage_deadline, name")
        detail_rows = []
        for permit in files:
            holder = permit.stage_id.group_id.name or ""
            if permit.stage_id.action == "visit" and permit.inspector_id:
                holder = permit.inspector_id.name
            start, deadline = permit.stage_start_date, permit.stage_deadline
            detail_rows.append([
                permit.name, permit.district_id.name or "", permit.stage_id.name, holder,
                self._jalali(start), self._jalali(deadline), (today - start).days if start else 0,
                (deadline - today).days if deadline else None])
        detail = ReportTable(
            sheet_name=_("Files"), title=_("Who holds which file for how long"),
            columns=[Column(_("File Number"), "text", 18), Column(_("District"), "text", 18),
                     Column(_("Stage"), "text", 22), Column(_("Held By"), "text", 24),
                     Column(_("In stage since"), "text", 14), Column(_("Deadline"), "text", 14),
                     Column(_("Days in stage"), "integer", 12),
                     Column(_("Days to deadline (negative: overdue)"), "amount", 16)],
            rows=detail_rows, subtitle_lines=self._subtitle_lines() + [_("Days counted to %(date)s.",
                                                                          date=self._jalali(today))],
            highlighted={index for index, row in enumerate(detail_rows) if row[7] is not None and row[7] < 0})
        return [summary, detail, self._completed_stays_table()]

    def _completed_stays_table(self):
        """Per stage, the stays that ended in the period (the stage log): how many, how many left after their
        deadline, the average and the longest stay in days. Two grouped queries."""
        _ = self.env._
        Log = self.env["municipality.permit.stage.log"]
        domain = ([("company_id", "=", self.company_id.id)] + self._period_domain("date_end")
                  + self._district_domain("permit_id.district_id"))
        groups = Log._read_group(domain, ["stage_id"], ["__count", "days_spent:avg", "days_spent:max"])
        late = dict(Log._read_group(domain + [("late", "=", True)], ["stage_id"], ["__count"]))
        groups.sort(key=lambda group: (group[0].permit_type_id.sequence, group[0].permit_type_id.id,
                                       group[0].sequence, group[0].id))
        rows = [[stage.permit_type_id.name, stage.name, stage.group_id.name or "", stage.sla_days, count,
                 late.get(stage, 0), round(average or 0, 1), longest or 0]
                for stage, count, average, longest in groups]
        total = sum(row[4] for row in rows)
        return ReportTable(
            sheet_name=_("Completed stages"), title=_("Stages completed in the period"),
            columns=[Column(_("Permit Type"), "text", 22), Column(_("Stage"), "text", 22),
                     Column(_("Held By"), "text", 24), Column(_("SLA (working days)"), "integer", 12),
                     Column(_("Files that left it"), "integer", 12), Column(_("Left after the deadline"), "integer", 14),
                     Column(_("Average stay (days)"), "decimal", 14), Column(_("Longest stay (days)"), "integer", 14)],
            rows=rows, subtitle_lines=self._subtitle_lines(),
            totals=[_("Total"), "", "", None, total, sum(row[5] for row in rows),
                    round(sum(row[4] * row[6] for row in rows) / total, 1) if total else 0,
                    max((row[7] for row in rows), default=0)],
            highlighted={index for index, row in enumerate(rows) if row[5]})
