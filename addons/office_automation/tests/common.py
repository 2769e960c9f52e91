from odoo.tests import new_test_user


def create_secretariat(env, code="T", pattern="{jyear}/{seq}/{code}", clerks=None, **values):
    """A secretariat of the current company, with ``clerks`` (users) registering in it."""
    return env["office.secretariat"].create(dict({
        "name": f"Secretariat {code}", "code": code, "number_pattern": pattern,
        "user_ids": [(6, 0, (clerks or env["res.users"]).ids)],
    }, **values))


def create_office_user(env, login, groups="office_automation.group_office_staff", **values):
    return new_test_user(env, login, groups=groups, **values)


#: A 1×1 PNG: enough for a stored signature image.
SIGNATURE_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def create_signer(env, login, groups="office_automation.group_office_staff", **values):
    """A member of staff with a stored signature image."""
    user = create_office_user(env, login, groups=groups, **values)
    user.sudo().office_signature = SIGNATURE_PNG
    return user


def signed_letter(env, signers, **values):
    """A letter (created as ``env``'s user) signed in order by ``signers``, ready to be registered.

    Signers without a signature image get one.
    """
    for signer in signers:
        if not signer.sudo().office_signature:
            signer.sudo().office_signature = SIGNATURE_PNG
    letter = env["office.letter"].create(dict({
        "subject": "Signed letter", "letter_type": "internal",
        "signature_ids": [(0, 0, {"sequence": index, "user_id": signer.id}) for index, signer in enumerate(signers)],
    }, **values))
    letter.action_request_signatures()
    for signer in signers:
        letter.with_user(signer).action_sign()
    return letter


def sign(letter, *signers):
    """Have ``signers`` sign ``letter`` (a draft) in order, so that it can be registered."""
    for signer in signers:
        if not signer.sudo().office_signature:
            signer.sudo().office_signature = SIGNATURE_PNG
    letter.sudo().signature_ids = [(0, 0, {"sequence": index, "user_id": signer.id})
                                   for index, signer in enumerate(signers)]
    letter.sudo().action_request_signatures()
    for signer in signers:
        letter.with_user(signer).action_sign()
    return letter
