import bisect
import datetime
import logging

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize, html2plaintext, plaintext2html

from odoo.addons.municipality_base.tools import jalali
from odoo.addons.municipality_base.tools.identifiers import mobile_forms, normalize_mobile

from ..tools.open311 import parse_positive_int
from ..tools.tracking_code import format_tracking_code, new_tracking_code

_logger = logging.getLogger(__name__)

REQUEST_TYPES = [
    ("complaint", "Complaint"),
    ("suggestion", "Suggestion"),
    ("request", "Request"),
    ("report", "Report"),
]
CHANNELS = [("phone", "Phone"), ("counter", "Counter"), ("web", "Web"), ("sms", "SMS"), ("api", "API")]
STATES = [
    ("received", "Received"),
    ("assigned", "Assigned"),
    ("answered", "Answered"),
    ("accepted", "Accepted"),
    ("contested", "Contested"),
    ("closed", "Closed"),
]
#: States in which the owning unit still owes an answer (the deadline runs).
OPEN_STATES = ("received", "assigned")
#: States in which the request itself (what, where, who) may still be corrected.
EDITABLE_STATES = ("received", "assigned")

#: What only 137 operators and supervisors change: the routing, what the citizen said and where the answer goes.
#: The owning unit answers; it does not rewrite the request, re-route it or redirect its answer.
DESK_ONLY_FIELDS = frozenset({
    "category_id", "district_id", "department_id", "partner_id", "citizen_name", "phone", "email", "description",
    "request_type", "channel", "address", "latitude", "longitude", "company_id",
})

#: Working days an answered request waits for the citizen before it closes by itself (system parameter
#: ``municipality_citizen_desk.auto_close_days``; 0 turns it off).
DEFAULT_AUTO_CLOSE_DAYS = 10

DESCRIPTION_MIN_LENGTH = 10
DESCRIPTION_MAX_LENGTH = 4000
#: Keys ``_submit_public`` accepts (the portal and the Open311 API map their inputs to these).
PUBLIC_KEYS = frozenset({
    "service_code", "request_type", "description", "name", "phone", "email", "district_id", "address",
    "latitude", "longitude", "channel",
})


class OfficeCitizenRequest(models.Model):
    """A complaint, suggestion, request or report to the citizen desk (سامانه ۱۳۷).

    Life: received (recorded by an operator, or submitted on the portal / Open311) → assigned (routed to the
    unit that owns its category in its district; the deadline runs) → answered (the answer goes to the
    citizen by e-mail or SMS) → accepted (with a satisfaction score) or contested → closed.

    A contested request goes to the 137 supervisors, not straight back to the unit: the unit has already
    said what it had to say, so a supervisor decides whether to reopen it for the unit (a new deadline
    counted from the reopening) or to close it with the answer upheld.

    Overdue requests escalate once per level: to the unit manager when the deadline passes, then to the 137
    supervisors when the category's escalation delay has passed as well.
    """

    _name = "office.citizen.request"
    _description = "Citizen Request (137)"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _order = "received_date desc, id desc"
    _rec_name = "tracking_code"
    _check_company_auto = True
    _workflow_fields = (
        "state", "escalation_level", "satisfaction", "citizen_comment", "contest_reason", "assigned_date",
        "answered_date", "answered_by_id", "closed_date", "sla_start", "received_date",
    )
    _workflow_initial_state = "received"

    tracking_code = fields.Char(
        readonly=True, copy=False, index=True,
        help="Given when the request is recorded; the citizen follows the request with it, without an account.")
    tracking_code_display = fields.Char(string="Tracking Code (grouped)", compute="_compute_tracking_code_display")
    answer_sms_excerpt = fields.Char(string="Answer (SMS excerpt)", compute="_compute_answer_sms_excerpt",
                                     help="The start of the answer, as the answer's SMS quotes it.")
    request_type = fields.Selection(REQUEST_TYPES, string="Type", required=True, default="complaint", tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    state = fields.Selection(STATES, required=True, default="received", readonly=True, copy=False, tracking=True,
                             index=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)

    category_id = fields.Many2one("office.citizen.request.category", string="Category", required=True,
                                  tracking=True, index=True, check_company=True)
    district_id = fields.Many2one("municipality.district", string="District", tracking=True, index=True,
                                  check_company=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit", compute="_compute_department_id", store=True, readonly=False,
        tracking=True, index=True, check_company=True,
        help="The unit that answers: the route of the category in the district, else the category's default unit.")
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True,
                              domain="[('share', '=', False)]",
                              help="The person in the unit handling the request.")

    partner_id = fields.Many2one(
        "res.partner", string="Citizen", tracking=True, index=True,
        help="The citizen, entered once by national ID. Leave empty for an anonymous request with a mobile number.")
    citizen_name = fields.Char(string="Name Given", help="The name an anonymous citizen gave, if any.")
    phone = fields.Char(string="Mobile", tracking=True,
                        help="Mobile number the answer is sent to by SMS when there is no e-mail address.")
    email = fields.Char(tracking=True)
    description = fields.Text(required=True, tracking=True)
    address = fields.Char(help="Where the problem is, in words.")
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))

    is_desk_user = fields.Boolean(
        string="Desk Operator", compute="_compute_is_desk_user",
        help="Whether the current user is a 137 operator or supervisor, who alone change the routing and the "
             "citizen's data.")

    received_date = fields.Datetime(string="Received On", required=True, default=fields.Datetime.now,
                                    readonly=True, copy=False, index=True)
    received_date_jalali = fields.Char(string="Received (Jalali)", compute="_compute_jalali_dates")
    sla_start = fields.Datetime(
        string="Deadline Counted From", default=fields.Datetime.now, readonly=True, copy=False,
        help="When the unit's time started: the receipt, or the reopening of a contested request.")
    deadline = fields.Datetime(
        compute="_compute_deadline", store=True, readonly=True, index=True, copy=False,
        help="End of the last working day the unit has to answer (the category's working days, counted from "
             "the day after receipt, skipping weekends and public holidays).")
    deadline_jalali = fields.Char(string="Deadline (Jalali)", compute="_compute_jalali_dates")
    holiday_warning = fields.Char(compute="_compute_holiday_warning")
    escalation_date = fields.Datetime(
        string="Supervisor Escalation On", compute="_compute_deadline", store=True, readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    escalation_level = fields.Selection(
        [("0", "None"), ("1", "Unit Manager"), ("2", "137 Supervisor")], default="0", required=True,
        readonly=True, copy=False, tracking=True)

    assigned_date = fields.Datetime(readonly=True, copy=False)
    answer = fields.Text(tracking=True, copy=False, help="Sent to the citizen when the unit answers.")
    answered_date = fields.Datetime(readonly=True, copy=False)
    answered_date_jalali = fields.Char(string="Answered (Jalali)", compute="_compute_jalali_dates")
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True, copy=False)
    satisfaction = fields.Integer(readonly=True, copy=False, aggregator="avg", tracking=True,
                                  help="The citizen's satisfaction with the answer, 1 (worst) to 5 (best).")
    citizen_comment = fields.Text(readonly=True, copy=False)
    contest_reason = fields.Text(readonly=True, copy=False, tracking=True)
    closed_date = fields.Datetime(readonly=True, copy=False)

    _tracking_code_unique = models.UniqueIndex("(tracking_code)")
    _satisfaction_range = models.Constraint(
        "CHECK(satisfaction IS NULL OR satisfaction = 0 OR satisfaction BETWEEN 1 AND 5)",
        "Satisfaction is a score from 1 to 5.")

    # ------------------------------------------------------------------ computes

    @api.depends_context("uid")
    def _compute_is_desk_user(self):
        self.is_desk_user = self._is_desk_user()

    @api.depends("tracking_code")
    def _compute_tracking_code_display(self):
        for request in self:
            request.tracking_code_display = format_tracking_code(request.tracking_code)

    @api.depends("answer")
    def _compute_answer_sms_excerpt(self):
        for request in self:
            request.answer_sms_excerpt = html2plaintext(request.answer or "")[:300]

    @api.depends("category_id", "district_id")
    def _compute_department_id(self):
        for request in self:
            request.department_id = request._route_department(request.category_id, request.district_id)

    @api.model
    def _route_department(self, category, district):
        """The unit owning ``category`` in ``district``: its route there, else the category's default unit."""
        if not category:
            return self.env["hr.department"]
        route = category.sudo().route_ids.filtered(lambda r: r.district_id == district)[:1] if district else False
        return (route.department_id if route else category.sudo().department_id).sudo(False)

    @api.depends("sla_start", "category_id", "company_id")
    def _compute_deadline(self):
        """Set-based: one working-day plan per calendar covering every request of ``self`` (an import of
        many requests reads each calendar's attendances and holidays once, not once per request)."""
        by_calendar = {}
        for request in self:
            if not (request.sla_start and request.category_id):
                request.deadline = request.escalation_date = False
                continue
            by_calendar.setdefault(request._working_calendar(), []).append(request)
        for calendar, requests in by_calendar.items():
            starts = [request.sla_start for request in requests]
            longest = max(request.category_id.working_days + request.category_id.escalation_days
                          for request in requests)
            working_days = calendar._citizen_desk_working_day_ends(min(starts), max(starts), longest)
            days = [day for day, _end in working_days]
            tz = pytz.timezone(calendar.tz or jalali.IRAN_TZ)
            for request in requests:
                category = request.category_id
                local_day = pytz.utc.localize(request.sla_start).astimezone(tz).date()
                # The day of the start does not count (a call at 13:55 does not eat a day).
                first = bisect.bisect_right(days, local_day)
                deadline_index = first + category.working_days - 1
                request.deadline = working_days[deadline_index][1]
                request.escalation_date = working_days[deadline_index + category.escalation_days][1]

    def _working_calendar(self):
        """The working calendar of the request's deadlines: its category's, else the company's."""
        self.ensure_one()
        calendar = self.category_id.sudo().resource_calendar_id or self.company_id.sudo().resource_calendar_id
        if not calendar:
            raise UserError(self.env._(
                "Category “%s” has no working calendar: set one (Saturday to Wednesday) on the category so "
                "that deadlines of citizen requests can be counted.", self.category_id.display_name))
        return calendar

    @api.model
    def _recompute_deadlines_for_holidays(self, spans):
        """Count again the deadlines of the open requests whose time runs over one of ``spans``
        (``(date_from, date_to, calendar id or False)`` of public holidays added, moved or removed): from the
        start of their time to their supervisor escalation, on the holiday's calendar (False: every one)."""
        if not spans:
            return
        domain = [("state", "in", OPEN_STATES), ("deadline", "!=", False)]
        overlaps = [["&", ("sla_start", "<=", date_to), ("escalation_date", ">=", date_from)]
                    for date_from, date_to, _calendar in spans]
        domain += ["|"] * (len(overlaps) - 1) + [term for overlap in overlaps for term in overlap]
        requests = self.sudo().search(domain)
        calendars = {calendar for _from, _to, calendar in spans}
        if False not in calendars:
            requests = requests.filtered(lambda request: request._working_calendar().id in calendars)
        if requests:
            for fname in ("deadline", "escalation_date"):
                self.env.add_to_compute(self._fields[fname], requests)
            requests._recompute_recordset(["deadline", "escalation_date"])

    @api.depends("deadline", "category_id")
    def _compute_holiday_warning(self):
        """Warn when the Jalali year of the deadline has no public holiday recorded: the deadline then
        counts Nowruz, Tasua, Ashura… as working days."""
        checked = {}
        for request in self:
            request.holiday_warning = False
            calendar = request.category_id.sudo().resource_calendar_id or request.company_id.sudo().resource_calendar_id
            if not request.deadline or not calendar:
                continue
            year = jalali.to_jalali(request._local_time(request.deadline).date()).year
            if (calendar, year) not in checked:
                checked[calendar, year] = calendar._citizen_desk_has_public_holidays(year)
            if not checked[calendar, year]:
                request.holiday_warning = self._holiday_warning_message(year)

    @api.model
    def _holiday_warning_message(self, jalali_year):
        return self.env._(
            "No public holiday is recorded for the Jalali year %s: deadlines count every weekday as a working "
            "day. Add the year's holidays under Citizen Requests › Configuration › Public Holidays.", jalali_year)

    @api.depends("received_date", "deadline", "answered_date")
    @api.depends_context("tz")
    def _compute_jalali_dates(self):
        for request in self:
            for source, target in (("received_date", "received_date_jalali"), ("deadline", "deadline_jalali"),
                                   ("answered_date", "answered_date_jalali")):
                value = request[source]
                request[target] = jalali.format_jalali(request._local_time(value), "%Y/%m/%d %H:%M") if value else False

    def _local_time(self, value):
        """``value`` (naive UTC) in the user's time zone, else Tehran's: a Jalali day starts in Iran."""
        return pytz.utc.localize(value).astimezone(pytz.timezone(self._iranian_tz()))

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_overdue = request.state in OPEN_STATES and bool(request.deadline) and request.deadline < now

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue requests with “is set” or “is not set” only."))
        overdue = [("state", "in", OPEN_STATES), ("deadline", "<", fields.Datetime.now())]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    # ------------------------------------------------------------------ create / write

    @api.model_create_multi
    def create(self, vals_list):
        Category, District = self.env["office.citizen.request.category"], self.env["municipality.district"]
        for vals in vals_list:
            # Refuse an unroutable request before anything is written (the constraint speaks after the INSERT).
            if vals.get("category_id") and not vals.get("department_id"):
                category, district = Category.browse(vals["category_id"]), District.browse(vals.get("district_id"))
                if not self._route_department(category, district):
                    raise ValidationError(self._no_route_message(category.sudo(), district.sudo()))
            self._normalize_contact_values(vals)
            if vals.get("partner_id") and not vals.get("phone"):
                vals["phone"] = normalize_mobile(
                    self.env["res.partner"].sudo().browse(vals["partner_id"]).mobile or "") or False
        requests = super().create(vals_list)
        requests.sudo()._assign_tracking_codes()
        requests.sudo()._send_tracking_code_to_citizen()
        return requests

    def _send_tracking_code_to_citizen(self):
        """An SMS with the tracking code to the citizen's mobile, as soon as the request is recorded: with it
        they follow the request on the portal and accept or contest the answer."""
        self._sms_citizen("municipality_citizen_desk.sms_template_request_received")

    def _sms_citizen(self, template_xmlid):
        """Queue the template's SMS to each request's citizen through Odoo's SMS (``_message_sms``): the
        request's chatter shows it and whether it was delivered. It goes to the normalised mobile number, in
        the citizen's language, and to nobody who opted out of SMS (Odoo's phone blacklist)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return self.browse()
        sent = self.browse()
        for request in self.sudo():
            number = normalize_mobile(request.phone or "")
            if not number:
                continue
            request = request.with_context(lang=request._citizen_lang())
            if self._sms_opted_out(number):
                request.message_post(body=request.env._(
                    "No SMS was sent to %s: the number opted out of SMS from the municipality.", number),
                    subtype_xmlid="mail.mt_note")
                continue
            body = template.sudo().with_context(lang=request._citizen_lang())._render_field(
                "body", request.ids)[request.id]
            request._message_sms(body, partner_ids=[], sms_numbers=[number], put_in_queue=True)
            sent |= request
        return sent

    @api.model
    def _sms_opted_out(self, number):
        """Whether the mobile ``number`` is on Odoo's phone blacklist, in any of its forms."""
        forms = mobile_forms(number)
        return bool(forms) and bool(self.env["phone.blacklist"].sudo().search_count([("number", "in", forms)], limit=1))

    def _assign_tracking_codes(self):
        """A fresh random code each; a collision (about one in 10^13 per pair) just draws again."""
        taken = set()
        for request in self:
            while True:
                code = new_tracking_code()
                if code not in taken and not self.search_count([("tracking_code", "=", code)], limit=1):
                    break
            taken.add(code)
            request.tracking_code = code

    def write(self, vals):
        self._normalize_contact_values(vals)
        if not self.env.su:
            if "tracking_code" in vals:
                raise UserError(self.env._("The tracking code of a request is given once and never changes."))
            desk_only = set(vals) & DESK_ONLY_FIELDS
            if desk_only and self and not self._is_desk_user():
                labels = sorted(self._fields[name]._description_string(self.env) for name in desk_only)
                raise UserError(self.env._(
                    "Only 137 operators and supervisors change the routing of a request and what the citizen said "
                    "(%(fields)s): ask the 137 desk to correct request %(code)s.",
                    fields=", ".join(labels), code=self[:1].tracking_code_display))
            frozen = self.filtered(lambda r: r.state not in EDITABLE_STATES)
            changed = set(vals) & {"category_id", "district_id", "department_id", "partner_id", "phone", "email",
                                   "description", "request_type", "channel", "answer", "address", "latitude",
                                   "longitude", "company_id"}
            if frozen and changed:
                raise UserError(self.env._(
                    "Request %(code)s has been answered: what it is about and its answer can no longer be changed. "
                    "If the citizen contests the answer, a supervisor reopens it.",
                    code=frozen[0].tracking_code_display))
        return super().write(vals)

    @api.model
    def _normalize_contact_values(self, vals):
        if vals.get("phone"):
            vals["phone"] = normalize_mobile(vals["phone"]) or vals["phone"]
        if vals.get("email"):
            vals["email"] = vals["email"].strip()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_received(self):
        if any(request.state != "received" for request in self) and not self.env.su:
            raise UserError(self.env._(
                "Only a request nobody has worked on yet (state Received) can be deleted; close the others."))

    # ------------------------------------------------------------------ constraints

    @api.constrains("phone", "partner_id")
    def _check_citizen_reachable(self):
        for request in self:
            if request.phone and normalize_mobile(request.phone) != request.phone:
                raise ValidationError(self.env._(
                    "“%s” is not an Iranian mobile number: write it as 09XXXXXXXXX.", request.phone))
            if not request.partner_id and not request.phone:
                raise ValidationError(self.env._(
                    "An anonymous request needs the citizen's mobile number, to send the answer to; "
                    "or choose the citizen's contact."))
            partner = request.partner_id.sudo()
            if partner and not (partner.national_id or partner.legal_national_id):
                raise ValidationError(self.env._(
                    "“%s” has no national ID: register it on the contact (citizens are entered once, by national "
                    "ID), or record the request as anonymous with a mobile number.", partner.display_name))

    @api.constrains("email")
    def _check_email(self):
        for request in self.filtered("email"):
            if not email_normalize(request.email):
                raise ValidationError(self.env._("“%s” is not an e-mail address.", request.email))

    @api.constrains("department_id", "category_id", "district_id")
    def _check_department(self):
        for request in self:
            if not request.department_id:
                raise ValidationError(request._no_route_message(request.category_id, request.district_id))

    @api.model
    def _no_route_message(self, category, district):
        if district:
            return self.env._(
                "No unit answers requests of category “%(category)s” in district “%(district)s”: add a route for "
                "the district or a default unit to the category (Citizen Requests › Configuration).",
                category=category.display_name, district=district.display_name)
        return self.env._(
            "No unit answers requests of category “%s”: give the category a default unit (Citizen Requests › "
            "Configuration) or choose a district that has a route.", category.display_name)

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for request in self:
            if not (-90 <= request.latitude <= 90 and -180 <= request.longitude <= 180):
                raise ValidationError(self.env._(
                    "Coordinates %(lat)s, %(long)s are out of range: latitude is -90 to 90 and longitude -180 to 180.",
                    lat=request.latitude, long=request.longitude))

    @api.constrains("description")
    def _check_description(self):
        for request in self:
            length = len((request.description or "").strip())
            if not DESCRIPTION_MIN_LENGTH <= length <= DESCRIPTION_MAX_LENGTH:
                raise ValidationError(self.env._(
                    "Describe the request in %(min)s to %(max)s characters (this one has %(length)s).",
                    min=DESCRIPTION_MIN_LENGTH, max=DESCRIPTION_MAX_LENGTH, length=length))

    # ------------------------------------------------------------------ who may do what

    def _is_unit_member(self, user=None):
        """Whether ``user`` works in (or manages) the unit that owns the request."""
        self.ensure_one()
        user = user or self.env.user
        employees = user.sudo().employee_ids
        department = self.sudo().department_id
        return bool(department) and (department in employees.department_id or department.manager_id in employees)

    def _is_desk_user(self):
        """137 operators and supervisors (they include every supervisor)."""
        return self.env.user.has_group("municipality_citizen_desk.group_citizen_desk_operator")

    def _is_supervisor(self):
        return self.env.user.has_group("municipality_citizen_desk.group_citizen_desk_supervisor")

    def _state_label(self):
        self.ensure_one()
        return self._state_labels()[self.state]

    @api.model
    def _state_labels(self):
        """The translated labels of the states, by state (build once, use for many requests)."""
        return dict(self._fields["state"]._description_selection(self.env))

    def _check_state(self, allowed, action):
        for request in self:
            if request.state not in allowed:
                raise UserError(self.env._(
                    "Request %(code)s is %(state)s: it cannot be %(action)s now.",
                    code=request.tracking_code_display, state=request._state_label(), action=action))

    # ------------------------------------------------------------------ workflow (buttons)

    def action_assign(self):
        """Operators confirm the routing: the unit gets the request and its deadline runs."""
        if not self.env.user.has_group("municipality_citizen_desk.group_citizen_desk_operator"):
            raise UserError(self.env._("Only 137 operators and supervisors route requests to units."))
        self._check_state(("received",), self.env._("assigned"))
        now = fields.Datetime.now()
        for request in self:
            if not request.department_id:
                raise UserError(request._no_route_message(request.category_id, request.district_id))
            values = {"state": "assigned", "assigned_date": now}
            manager_user = request.department_id.sudo().manager_id.user_id
            if not request.user_id and manager_user:
                values["user_id"] = manager_user.id
            request.sudo().write(values)
            if manager_user:
                request.sudo().activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=request._local_time(request.deadline).date(),
                    summary=self.env._("Answer citizen request %s", request.tracking_code_display),
                    user_id=manager_user.id)
        return True

    def action_answer(self):
        """The unit answers; the answer goes to the citizen (e-mail if known, else SMS)."""
        self._check_state(("assigned",), self.env._("answered"))
        for request in self:
            if not (request._is_unit_member() or request._is_supervisor()):
                raise UserError(self.env._(
                    "Only the staff of unit “%(unit)s” answer request %(code)s.",
                    unit=request.department_id.display_name, code=request.tracking_code_display))
            if not (request.answer or "").strip():
                raise UserError(self.env._("Write the answer to request %s before sending it.",
                                           request.tracking_code_display))
        self.sudo().write({"state": "answered", "answered_date": fields.Datetime.now(),
                           "answered_by_id": self.env.uid})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        for request in self:
            request.sudo()._send_answer_to_citizen()
        return True

    def action_citizen_accept(self, score, comment=None):
        """A 137 operator or supervisor records that the citizen, on the phone, accepted the answer with a
        satisfaction score 1–5. Citizens themselves go through the portal or Open311 (``_citizen_accept``)."""
        self.ensure_one()
        self._check_can_record_citizen_response()
        return self._citizen_accept(score, comment, recorded_by=self.env.user)

    def action_citizen_contest(self, reason):
        """A 137 operator or supervisor records that the citizen, on the phone, contested the answer."""
        self.ensure_one()
        self._check_can_record_citizen_response()
        return self._citizen_contest(reason, recorded_by=self.env.user)

    def _check_can_record_citizen_response(self):
        if not (self.env.su or self._is_desk_user()):
            raise UserError(self.env._(
                "Only the citizen (with the tracking code, on the portal) or a 137 operator taking their call records "
                "whether the answer to request %s is accepted or contested.", self.tracking_code_display))

    def _recorded_by_note(self, recorded_by):
        if not recorded_by:
            return ""
        return " " + self.env._("(Told by phone to %s.)", recorded_by.name)

    def _citizen_accept(self, score, comment=None, recorded_by=None):
        """The citizen accepts the answer, with a satisfaction score 1–5. Called with ``sudo`` by the portal and
        Open311 once the tracking code has been checked, and by ``action_citizen_accept``."""
        self.ensure_one()
        self._check_citizen_can_respond()
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise ValidationError(self.env._("Give a satisfaction score from 1 (worst) to 5 (best)."))
        comment = (comment or "").strip()[:DESCRIPTION_MAX_LENGTH] or False
        self.sudo().write({"state": "accepted", "satisfaction": score, "citizen_comment": comment})
        self.sudo().message_post(body=self.env._("The citizen accepted the answer (satisfaction %(score)s of 5).",
                                                 score=score) + self._recorded_by_note(recorded_by)
                                 + (f"\n{comment}" if comment else ""))
        return True

    def _citizen_contest(self, reason, recorded_by=None):
        """The citizen contests the answer; the 137 supervisors decide (reopen for the unit, or close). Called
        with ``sudo`` by the portal and Open311 after the tracking-code lookup, and by ``action_citizen_contest``."""
        self.ensure_one()
        self._check_citizen_can_respond()
        reason = (reason or "").strip()
        if len(reason) < DESCRIPTION_MIN_LENGTH:
            raise ValidationError(self.env._(
                "Say why the answer does not settle the request (at least %s characters).", DESCRIPTION_MIN_LENGTH))
        self.sudo().write({"state": "contested", "contest_reason": reason[:DESCRIPTION_MAX_LENGTH]})
        supervisors = self._supervisor_users()
        self.sudo().message_post(
            body=self.env._("The citizen contested the answer: %s", reason) + self._recorded_by_note(recorded_by),
            partner_ids=supervisors.partner_id.ids, subtype_xmlid="mail.mt_note")
        for user in supervisors:
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id,
                summary=self.env._("Contested answer to request %s: reopen or close", self.tracking_code_display))
        return True

    def _check_citizen_can_respond(self):
        self.ensure_one()
        if self.state != "answered":
            raise UserError(self.env._(
                "Request %(code)s is %(state)s: the answer can be accepted or contested only once, after the unit "
                "has answered.", code=self.tracking_code_display, state=self._state_label()))

    def action_reopen(self):
        """A supervisor sends a contested request back to its unit, with a new deadline counted from now."""
        if not self._is_supervisor():
            raise UserError(self.env._("Only 137 supervisors reopen a contested request."))
        self._check_state(("contested",), self.env._("reopened"))
        now = fields.Datetime.now()
        self.sudo().write({"state": "assigned", "sla_start": now, "assigned_date": now, "escalation_level": "0",
                           "answered_date": False, "answered_by_id": False})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        for request in self:
            manager_user = request.department_id.sudo().manager_id.user_id or request.user_id
            if manager_user:
                request.sudo().activity_schedule(
                    "mail.mail_activity_data_todo", user_id=manager_user.id,
                    summary=self.env._("Contested: answer request %s again", request.tracking_code_display),
                    note=plaintext2html(request.contest_reason or ""))
        return True

    def action_close(self):
        """Close an accepted request, an answered one the citizen did not respond to, or (supervisors) a
        contested one whose answer is upheld."""
        if not self.env.user.has_group("municipality_citizen_desk.group_citizen_desk_operator"):
            raise UserError(self.env._("Only 137 operators and supervisors close requests."))
        allowed = ("answered", "accepted", "contested") if self._is_supervisor() else ("answered", "accepted")
        self._check_state(allowed, self.env._("closed"))
        self.sudo().write({"state": "closed", "closed_date": fields.Datetime.now()})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    # ------------------------------------------------------------------ notifications

    def _supervisor_users(self):
        group = self.env.ref("municipality_citizen_desk.group_citizen_desk_supervisor")
        return group.sudo().all_user_ids.filtered(
            lambda user: user.active and not user.share and self.company_id in user.company_ids
            and user.id != self.env.ref("base.user_root").id)

    def _citizen_lang(self):
        self.ensure_one()
        return self.partner_id.lang or self.company_id.partner_id.lang or self.env.lang

    def _citizen_email(self):
        self.ensure_one()
        return self.email or self.partner_id.email

    def _send_answer_to_citizen(self):
        """E-mail the answer when the citizen gave an address, else queue it as an SMS to their mobile."""
        self.ensure_one()
        request = self.with_context(lang=self._citizen_lang())
        _ = request.env._
        email = request._citizen_email()
        if email:
            subject = _("Answer to your request %s (137)", request.tracking_code_display)
            body = _("Your request %(code)s to the municipality (137) has been answered:\n\n%(answer)s\n\n"
                     "You can accept or contest this answer with your tracking code %(code)s.",
                     code=request.tracking_code_display, answer=request.answer)
            request.env["mail.mail"].sudo().create({
                "subject": subject, "body_html": plaintext2html(body), "email_to": email,
                "email_from": request.company_id.email_formatted or request.env.user.email_formatted,
                "model": request._name, "res_id": request.id, "auto_delete": False,
            })
            request.message_post(body=_("The answer was e-mailed to %s.", email))
        elif request._sms_citizen("municipality_citizen_desk.sms_template_request_answered"):
            request.message_post(body=_("The answer was queued for SMS to %s; this chatter says when it is sent "
                                        "or if it fails.", request.phone))
        elif not request._sms_opted_out(normalize_mobile(request.phone or "") or ""):
            request.message_post(body=_("The answer could not be sent: the citizen left neither an e-mail address "
                                        "nor a mobile number."))

    # ------------------------------------------------------------------ closing answers nobody responds to

    @api.model
    def _auto_close_days(self):
        """Working days after its answer an answered request waits for the citizen before it closes (0: never)."""
        value = self.env["ir.config_parameter"].sudo().get_param("municipality_citizen_desk.auto_close_days")
        return parse_positive_int(value, DEFAULT_AUTO_CLOSE_DAYS)

    @api.model
    def _cron_close_silent_answers(self):
        """Close the answered requests the citizen has neither accepted nor contested within the configured
        number of working days (counted on the request's working calendar from the day after the answer).
        Each in its own savepoint, as the escalation does."""
        days = self._auto_close_days()
        if not days:
            return True
        # N working days are at least N calendar days: older answers only are candidates.
        candidates = self.search([("state", "=", "answered"),
                                  ("answered_date", "<=", fields.Datetime.now() - datetime.timedelta(days=days))])
        self._run_cron_steps([(request, "_close_if_silent") for request in candidates])
        return True

    def _close_if_silent(self):
        days = self._auto_close_days()
        now = fields.Datetime.now()
        for request in self:
            if not days or request.state != "answered" or not request.answered_date:
                continue
            if request._working_calendar()._citizen_desk_working_day_end(request.answered_date, days) >= now:
                continue
            request.sudo().write({"state": "closed", "closed_date": now})
            request.sudo().activity_feedback(["mail.mail_activity_data_todo"])
            request.sudo().message_post(body=self.env._(
                "Closed automatically: the citizen neither accepted nor contested the answer within %s working "
                "days.", days), subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------ escalation

    @api.model
    def _cron_escalate_overdue(self):
        """Overdue requests: the unit manager is told when the deadline passes, the 137 supervisors when the
        category's escalation delay has passed too. A request never routed (still received) is the desk's own
        business: it goes straight to the supervisors. Each level is notified once.

        Each request is escalated in its own savepoint and committed with the cron's progress: one failing
        request is logged and left for the next run, it does not undo the others."""
        now = fields.Datetime.now()
        unrouted = self.search([("state", "=", "received"), ("escalation_level", "!=", "2"), ("deadline", "<", now)])
        to_manager = self.search([("state", "=", "assigned"), ("escalation_level", "=", "0"), ("deadline", "<", now)])
        to_supervisor = self.search([("state", "=", "assigned"), ("escalation_level", "=", "1"),
                                     ("escalation_date", "<", now)])
        steps = [(request, "_escalate_to_supervisors") for request in unrouted + to_supervisor]
        steps += [(request, "_escalate_to_unit_manager") for request in to_manager]
        self._run_cron_steps(steps)
        return True

    @api.model
    def _run_cron_steps(self, steps):
        """Run ``getattr(record, method)()`` for each ``(record, method)`` in a savepoint of its own; in a cron,
        commit the progress after each one."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        Cron = self.env["ir.cron"]
        if in_cron:
            Cron._commit_progress(remaining=len(steps))
        for record, method in steps:
            try:
                with self.env.cr.savepoint():
                    getattr(record, method)()
            except Exception:
                _logger.exception("%s failed on %s; it is tried again at the next run.", method, record)
            if in_cron:
                Cron._commit_progress(1)

    def _escalate_to_unit_manager(self):
        self.filtered(lambda request: request.escalation_level == "0")._sms_citizen(
            "municipality_citizen_desk.sms_template_request_escalated")
        for request in self:
            manager = request.department_id.sudo().manager_id.user_id
            body = self.env._("Request %(code)s is overdue: its deadline was %(deadline)s.",
                              code=request.tracking_code_display, deadline=request.deadline_jalali)
            if manager:
                request.message_post(body=body, partner_ids=manager.partner_id.ids, subtype_xmlid="mail.mt_note")
                request.activity_schedule("mail.mail_activity_data_todo", user_id=manager.id,
                                          summary=self.env._("Overdue citizen request %s", request.tracking_code_display))
            else:
                request.message_post(body=body + " " + self.env._("Unit “%s” has no manager with a user account.",
                                                                  request.department_id.display_name))
        self.write({"escalation_level": "1"})

    def _escalate_to_supervisors(self):
        self.filtered(lambda request: request.escalation_level == "0")._sms_citizen(
            "municipality_citizen_desk.sms_template_request_escalated")
        for request in self:
            supervisors = request._supervisor_users()
            if request.state == "received":
                body = self.env._("Request %(code)s was never sent to a unit and its deadline (%(deadline)s) has "
                                  "passed: route it now.", code=request.tracking_code_display,
                                  deadline=request.deadline_jalali)
            else:
                body = self.env._("Request %(code)s is still unanswered by unit “%(unit)s”, long after its deadline "
                                  "(%(deadline)s).", code=request.tracking_code_display,
                                  unit=request.department_id.display_name, deadline=request.deadline_jalali)
            request.message_post(
                body=body,
                partner_ids=supervisors.partner_id.ids, subtype_xmlid="mail.mt_note")
            for user in supervisors:
                request.activity_schedule("mail.mail_activity_data_todo", user_id=user.id,
                                          summary=self.env._("Escalated citizen request %s",
                                                             request.tracking_code_display))
        self.write({"escalation_level": "2"})
