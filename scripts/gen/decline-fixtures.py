#!/usr/bin/env python3
"""Writes tests/fixtures/cases/decline-*.json: one case per card decline code
Stripe documents (docs.stripe.com/declines/codes, "Card decline codes"),
checked in en, zh-CN and ru: its group (SPEC §2.3), its reason and actions,
no raw code in any customer text, and no masked code anywhere.

The expectations are written here from SPEC §2.3 and the networks' retry
rules, independently of src/decline.rs, so a change of the table that breaks
the contract fails the fixtures. Run from the repository root."""
import json, pathlib

NEVER, NOW_, FIX, AUTH, NOTSUP = "never_approve", "cannot_approve_now", "fix_card_data", "authenticate", "not_supported"
MASKED = {"pickup_card", "lost_card", "stolen_card", "fraudulent", "merchant_blacklist",
          "restricted_card", "security_violation"}
CODES = {
    "authentication_required": AUTH, "authentication_not_handled": AUTH,
    "mobile_device_authentication_required": AUTH, "offline_pin_required": AUTH,
    "online_or_offline_pin_required": AUTH,
    "approve_with_id": NOW_, "call_issuer": NOW_, "card_velocity_exceeded": NOW_,
    "do_not_honor": NOW_, "generic_decline": NOW_, "insufficient_funds": NOW_,
    "issuer_not_available": NOW_, "no_action_taken": NOW_, "processing_error": NOW_,
    "reenter_transaction": NOW_, "try_again_later": NOW_, "withdrawal_count_limit_exceeded": NOW_,
    "incorrect_number": FIX, "invalid_number": FIX, "incorrect_cvc": FIX, "invalid_cvc": FIX,
    "invalid_expiry_month": FIX, "invalid_expiry_year": FIX, "incorrect_zip": FIX,
    "incorrect_address": FIX, "incorrect_pin": FIX, "invalid_pin": FIX, "expired_card": FIX,
    "card_not_supported": NOTSUP, "currency_not_supported": NOTSUP, "duplicate_transaction": NOTSUP,
    "invalid_amount": NOTSUP, "not_permitted": NOTSUP, "service_not_allowed": NOTSUP,
    "transaction_not_allowed": NOTSUP, "testmode_decline": NOTSUP,
    "do_not_try_again": NEVER, "invalid_account": NEVER, "new_account_information_available": NEVER,
    "pin_try_exceeded": NEVER, "revocation_of_all_authorizations": NEVER,
    "revocation_of_authorization": NEVER, "stop_payment_order": NEVER,
    **{c: NEVER for c in MASKED},
}
assert len(CODES) == 50, len(CODES)

ACTIONS = {
    NEVER: ["update_payment_method", "contact_support", "cancel_order"],
    NOW_: ["retry_payment", "update_payment_method", "cancel_order"],
    FIX: ["retry_payment", "update_payment_method", "cancel_order"],
    AUTH: ["retry_payment"],
    NOTSUP: ["update_payment_method", "cancel_order"],
}

def reason(code, group):
    if group == AUTH:
        return "authentication_required"
    if code == "expired_card":
        return "card_expired"
    return "payment_declined"

def actions(code, group):
    return ["update_payment_method", "cancel_order"] if code == "expired_card" else ACTIONS[group]

def order(payment):
    return {
        "id": "A-3001", "status": "unconfirmed", "created_at": "2026-11-18T10:00:00Z",
        "currency": "USD", "total": 12900,
        "payment": {"method": "card", "state": "failed", "attempts": 1,
                    "updated_at": "2026-11-18T10:01:00Z", **payment},
        "items": [{"sku": "TEA-01", "name": "Oolong 250g", "qty": 1, "in_stock": true}],
    }

true = True
RULES = {"settings": {"support_url": "https://shop.example/help"}}
out = pathlib.Path("tests/fixtures/cases")
for old in out.glob("decline-*.json"):
    old.unlink()

def write(name, description, payment, group, code_for_reason, hidden):
    r = reason(code_for_reason, group)
    expect = {
        "headline": r,
        "reasons": [r],
        "actions": actions(code_for_reason, group),
        "values": {"/trace/0/fields/payment.decline_group": group} if r != "card_expired" or True else {},
        "absent_text": sorted(set(hidden)),
    }
    masked = [c for c in hidden if c in MASKED]
    if masked:
        expect["absent"] = masked + [c.replace("_", " ") for c in masked]
        expect["values"]["/headline/rule"] = "payment-declined"
        expect["values"]["/trace/0/fields/payment.decline_code"] = "(masked)" if "decline_code" in payment else None
    case = {
        "description": description,
        "now": "2026-11-18T10:05:00Z",
        "locales": ["en", "zh-CN", "ru"],
        "rules": RULES,
        "order": order(payment),
        "expect": expect,
    }
    (out / f"decline-{name}.json").write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n")

for code, group in sorted(CODES.items()):
    what = "masked: shown as a generic decline, the code nowhere" if code in MASKED else "the code never in a customer text"
    write(code.replace("_", "-"),
          f"Stripe decline code {code} (failure_code card_declined): group {group} (SPEC §2.3), {what}.",
          {"failure_code": "card_declined", "decline_code": code}, group, code, [code])

# Read from failure_code when there is no decline_code.
for code in ["insufficient_funds", "incorrect_cvc", "stolen_card", "card_not_supported"]:
    group = CODES[code]
    write(f"failure-code-{code.replace('_', '-')}",
          f"{code} as failure_code alone (no decline_code): still group {group}.",
          {"failure_code": code}, group, code, [code])

# advice_code outranks the decline code when they disagree about retrying.
write("advice-do-not-try-again",
      "advice_code do_not_try_again on an insufficient_funds decline: never retried (Mastercard MAC 03).",
      {"failure_code": "card_declined", "decline_code": "insufficient_funds", "advice_code": "do_not_try_again"},
      NEVER, "insufficient_funds", ["insufficient_funds", "do_not_try_again"])
write("advice-try-again-later",
      "advice_code try_again_later on an incorrect_cvc decline: the advice wins (cannot approve now).",
      {"failure_code": "card_declined", "decline_code": "incorrect_cvc", "advice_code": "try_again_later"},
      NOW_, "incorrect_cvc", ["incorrect_cvc", "try_again_later"])
write("advice-confirm-card-data",
      "advice_code confirm_card_data on a generic decline: check the card data.",
      {"failure_code": "card_declined", "decline_code": "generic_decline", "advice_code": "confirm_card_data"},
      FIX, "generic_decline", ["generic_decline", "confirm_card_data"])
write("advice-cannot-free-a-stolen-card",
      "advice_code try_again_later cannot make a stolen card retryable: still masked and never retried.",
      {"failure_code": "card_declined", "decline_code": "stolen_card", "advice_code": "try_again_later"},
      NEVER, "stolen_card", ["stolen_card"])
print(f"wrote {len(list(out.glob('decline-*.json')))} decline fixtures")
