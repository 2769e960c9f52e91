"""The upgrade to 19.0.1.0.3 writes the stage log (``municipality.permit.stage.log``) of the files that were
opened before it existed, from what the database knows of them: the day each file was opened, the stage changes
its chatter tracked, the current stage's start and deadline, and the day it was issued.

``migrations/19.0.1.0.3/post-migrate.py`` runs it. A file that already has a log is left alone, so that running
it again writes nothing twice.
"""

import datetime
import zoneinfo


def backfill_stage_logs(env):
    """Create the stays of every file without a stage log; return how many files got one."""
    Permit = env["municipality.permit"].sudo().with_context(active_test=False)
    permits = Permit.search([("stage_log_ids", "=", False), ("stage_id", "!=", False)])
    if not permits:
        return 0
    tz = zoneinfo.ZoneInfo(Permit._iranian_tz())

    def day(moment):
        return moment.replace(tzinfo=datetime.timezone.utc).astimezone(tz).date()

    moves = {permit.id: [] for permit in permits}
    trackings = env["mail.tracking.value"].sudo().search([
        ("field_id", "=", env["ir.model.fields"]._get("municipality.permit", "stage_id").id),
        ("mail_message_id.model", "=", "municipality.permit"),
        ("mail_message_id.res_id", "in", permits.ids)], order="id")
    for tracking in trackings:
        message = tracking.mail_message_id
        moves[message.res_id].append((day(message.date), tracking.old_value_integer, tracking.new_value_integer))

    stages = set(env["municipality.permit.stage"].sudo().with_context(active_test=False).search([]).ids)
    stays = []
    for permit in permits:
        file_stays = []
        first_stage = moves[permit.id][0][1] if moves[permit.id] else permit.stage_id.id
        current = {"stage_id": first_stage, "date_start": day(permit.create_date)}
        for moved_on, _old, new_stage in moves[permit.id]:
            file_stays.append({**current, "date_end": max(moved_on, current["date_start"])})
            current = {"stage_id": new_stage, "date_start": moved_on}
        if current["stage_id"] != permit.stage_id.id:  # a change the chatter did not keep
            started = max(permit.stage_start_date or current["date_start"], current["date_start"])
            file_stays.append({**current, "date_end": started})
            current = {"stage_id": permit.stage_id.id, "date_start": started}
        if permit.state in ("application", "in_progress"):
            current.update(date_start=max(permit.stage_start_date or current["date_start"], current["date_start"]),
                           deadline=permit.stage_deadline)
        else:
            current["date_end"] = max(permit.issue_date or day(permit.write_date), current["date_start"])
        file_stays.append(current)
        stays += [{**stay, "permit_id": permit.id, "user_id": False}
                  for stay in file_stays if stay["stage_id"] in stages]
    env["municipality.permit.stage.log"].sudo().create(stays)
    return len(permits)
