"""The upgrade to 19.0.1.0.2 renames the permit type «Renewal» to «Renewal of a Permit Issued Outside Shahr».

A renewal of a permit that has its file in Shahr is a request on that file
(``municipality.permit.extension.request``); the permit type is only for a permit issued before Shahr, which has
no file here. Its data is ``noupdate`` (a municipality may rename its types), so the update does not rename it:
``migrations/19.0.1.0.2/post-migrate.py`` does, in English and in Persian, unless the municipality renamed it.
"""

OLD_NAMES = {"en_US": "Renewal", "fa_IR": "تجدید پروانه"}
NEW_NAMES = {"en_US": "Renewal of a Permit Issued Outside Shahr", "fa_IR": "تجدید پروانهٔ صادرشده بیرون از سامانه"}


def rename_renewal_type(env):
    """Rename the renewal permit type in each active language whose name is still the old one."""
    permit_type = env.ref("municipality_urbanism.permit_type_renewal", raise_if_not_found=False)
    if not permit_type:
        return
    langs = [lang for lang in NEW_NAMES if lang == "en_US" or env["res.lang"]._get_data(code=lang).code]
    names = {lang: NEW_NAMES[lang] for lang in langs
             if permit_type.with_context(lang=lang).name == OLD_NAMES[lang]}
    if "en_US" in names:
        permit_type.with_context(lang="en_US").name = names.pop("en_US")
    if names:
        permit_type.update_field_translations("name", names)
