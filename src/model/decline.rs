//! Card decline codes (SPEC §2.3): one table of every card decline code
//! Stripe documents, each in exactly one of the card networks' retry groups,
//! and the classification of an order's payment into a group.
//!
//! The groups follow Visa's decline categories and Mastercard's Merchant
//! Advice Codes:
//!
//! | group | networks | retry? |
//! |---|---|---|
//! | `never_approve` | Visa category 1 "issuer will never approve", MAC 03/21 | never with this card |
//! | `cannot_approve_now` | Visa category 2, MAC 02 | yes, later or with funds |
//! | `fix_card_data` | Visa category 3 "data quality", MAC 01 | after correcting the data |
//! | `authenticate` | soft declines asking for 3-D Secure or a PIN | yes, authenticating |
//! | `not_supported` | the card or purchase cannot be accepted | with another card or method |
//!
//! The built-in rules read the group as `payment.decline_group` (a computed
//! field), so a merchant can override any of them without restating the
//! table. A code nobody knows is `unknown` (the generic
//! `payment_failed_other` reason).

use crate::order::Payment;

string_enum!(
    /// The retry group of a declined card payment (SPEC §2.3).
    DeclineGroup {
        /// The issuer will never approve this card: do not retry it.
        NeverApprove = "never_approve",
        /// The issuer cannot approve it now: retry later, or another card.
        CannotApproveNow = "cannot_approve_now",
        /// Card data is wrong: fix it, then retry.
        FixCardData = "fix_card_data",
        /// The bank wants the buyer to authenticate (3-D Secure, a PIN).
        Authenticate = "authenticate",
        /// The card or the purchase is not supported: another card or method.
        NotSupported = "not_supported",
        /// A code this table does not know.
        Unknown = "unknown",
    }
);

use DeclineGroup::{Authenticate, CannotApproveNow, FixCardData, NeverApprove, NotSupported};

/// What the customer is told about a decline, without its code: the
/// `decline` placeholder of the payment messages (SPEC §2.3: "which detail
/// to check (never the raw code)").
pub const DETAILS: &[&str] = &[
    // cannot approve now
    "generic",
    "funds",
    "limit",
    "unavailable",
    // fix the card data
    "number",
    "cvc",
    "expiry",
    "billing",
    "pin",
    "card_data",
    "expired",
    // authenticate
    "authenticate",
    // not supported
    "not_supported",
    "currency",
    "duplicate",
    // never approve
    "not_usable",
    // a masked code (SPEC §2.2): the generic decline, never the reason
    "declined",
    // a code nobody knows
    "unknown",
];

/// Every card decline code Stripe documents ("Card decline codes",
/// docs.stripe.com/declines/codes), the codes SPEC §1 names for
/// `failure_code`, with their group, the detail the customer is told, and
/// whether the code is masked (never revealed: SPEC §2.3 "Masked codes").
pub const CODES: &[(&str, DeclineGroup, &str, bool)] = &[
    // The issuer will never approve: Visa category 1, Mastercard MAC 03.
    ("do_not_try_again", NeverApprove, "not_usable", false),
    ("pickup_card", NeverApprove, "declined", true),
    ("lost_card", NeverApprove, "declined", true),
    ("stolen_card", NeverApprove, "declined", true),
    ("fraudulent", NeverApprove, "declined", true),
    ("fraud_suspected", NeverApprove, "declined", true),
    ("merchant_blacklist", NeverApprove, "declined", true),
    ("restricted_card", NeverApprove, "declined", true),
    ("security_violation", NeverApprove, "declined", true),
    (
        "revocation_of_authorization",
        NeverApprove,
        "not_usable",
        false,
    ),
    (
        "revocation_of_all_authorizations",
        NeverApprove,
        "not_usable",
        false,
    ),
    ("stop_payment_order", NeverApprove, "not_usable", false),
    ("invalid_account", NeverApprove, "not_usable", false),
    // Mastercard MAC 01: the account changed; retrying this card fails.
    (
        "new_account_information_available",
        NeverApprove,
        "not_usable",
        false,
    ),
    // The card is blocked for PIN use until the bank resets it.
    ("pin_try_exceeded", NeverApprove, "not_usable", false),
    // The issuer cannot approve now: Visa category 2, Mastercard MAC 02.
    ("card_declined", CannotApproveNow, "generic", false),
    ("generic_decline", CannotApproveNow, "generic", false),
    ("do_not_honor", CannotApproveNow, "generic", false),
    ("call_issuer", CannotApproveNow, "generic", false),
    ("no_action_taken", CannotApproveNow, "generic", false),
    ("approve_with_id", CannotApproveNow, "generic", false),
    ("insufficient_funds", CannotApproveNow, "funds", false),
    ("card_velocity_exceeded", CannotApproveNow, "limit", false),
    (
        "withdrawal_count_limit_exceeded",
        CannotApproveNow,
        "limit",
        false,
    ),
    ("try_again_later", CannotApproveNow, "unavailable", false),
    (
        "issuer_not_available",
        CannotApproveNow,
        "unavailable",
        false,
    ),
    ("processing_error", CannotApproveNow, "unavailable", false),
    (
        "reenter_transaction",
        CannotApproveNow,
        "unavailable",
        false,
    ),
    // Stripe's error code for a card declined too often: the card is
    // blocked for charges for about a day; another card works now.
    (
        "card_decline_rate_limit_exceeded",
        CannotApproveNow,
        "generic",
        false,
    ),
    // Fix the card data: Visa category 3.
    ("incorrect_number", FixCardData, "number", false),
    ("invalid_number", FixCardData, "number", false),
    ("incorrect_cvc", FixCardData, "cvc", false),
    ("invalid_cvc", FixCardData, "cvc", false),
    ("invalid_expiry_month", FixCardData, "expiry", false),
    ("invalid_expiry_year", FixCardData, "expiry", false),
    ("incorrect_zip", FixCardData, "billing", false),
    ("incorrect_address", FixCardData, "billing", false),
    ("incorrect_pin", FixCardData, "pin", false),
    ("invalid_pin", FixCardData, "pin", false),
    ("expired_card", FixCardData, "expired", false),
    // Authenticate.
    (
        "authentication_required",
        Authenticate,
        "authenticate",
        false,
    ),
    (
        "authentication_not_handled",
        Authenticate,
        "authenticate",
        false,
    ),
    (
        "mobile_device_authentication_required",
        Authenticate,
        "authenticate",
        false,
    ),
    ("offline_pin_required", Authenticate, "authenticate", false),
    (
        "online_or_offline_pin_required",
        Authenticate,
        "authenticate",
        false,
    ),
    // The card or the purchase is not supported.
    ("card_not_supported", NotSupported, "not_supported", false),
    (
        "transaction_not_allowed",
        NotSupported,
        "not_supported",
        false,
    ),
    ("not_permitted", NotSupported, "not_supported", false),
    ("service_not_allowed", NotSupported, "not_supported", false),
    ("currency_not_supported", NotSupported, "currency", false),
    ("invalid_amount", NotSupported, "not_supported", false),
    ("duplicate_transaction", NotSupported, "duplicate", false),
    ("testmode_decline", NotSupported, "not_supported", false),
];

/// Retry advice (Stripe's `advice_code`, Mastercard's Merchant Advice Codes).
pub const ADVICE: &[(&str, DeclineGroup, &str)] = &[
    ("do_not_try_again", NeverApprove, "not_usable"),
    // Mastercard's Merchant Advice Codes given as they are: 01 (new account
    // information), 03 (do not try again) and 21 (payment cancelled) are
    // never retried with this card, as the Stripe importer reads them.
    ("01", NeverApprove, "not_usable"),
    ("03", NeverApprove, "not_usable"),
    ("21", NeverApprove, "not_usable"),
    ("try_again_later", CannotApproveNow, "unavailable"),
    ("confirm_card_data", FixCardData, "card_data"),
];

/// What the seller's view says about a never-approve decline (SPEC §3.3:
/// the real group of a masked code): the `decline_cause` placeholder, never
/// set in the buyer's view.
pub const CAUSES: &[&str] = &[
    "lost_stolen",
    "fraud",
    "blocklist",
    "restricted",
    "not_usable",
    "other",
];

/// The cause of a never-approve decline, for the seller's eyes only (one of
/// [`CAUSES`]); `None` for a payment in any other group.
pub fn cause(p: &Payment, d: Decline) -> Option<&'static str> {
    if d.group != NeverApprove {
        return None;
    }
    let codes = [p.decline_code.as_deref(), p.failure_code.as_deref()];
    let of = |c: &str| match c {
        "lost_card" | "stolen_card" | "pickup_card" => Some("lost_stolen"),
        "fraudulent" | "fraud_suspected" | "security_violation" => Some("fraud"),
        "merchant_blacklist" => Some("blocklist"),
        "restricted_card" => Some("restricted"),
        _ => None,
    };
    Some(
        codes
            .iter()
            .flatten()
            .find_map(|c| of(c))
            .unwrap_or(if d.masked { "other" } else { "not_usable" }),
    )
}

/// The codes masked by default (SPEC §2.3).
pub fn masked_by_default() -> impl Iterator<Item = &'static str> {
    CODES.iter().filter(|c| c.3).map(|c| c.0)
}

/// The group, detail and masking of a code in the table.
fn lookup(code: &str) -> Option<(DeclineGroup, &'static str, bool)> {
    CODES
        .iter()
        .find(|c| c.0 == code)
        .map(|&(_, g, d, m)| (g, d, m))
}

/// How a payment's decline reads: its group, what the customer is told, and
/// whether its code is masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decline {
    /// The retry group.
    pub group: DeclineGroup,
    /// The `decline` message placeholder (one of [`DETAILS`]).
    pub detail: &'static str,
    /// The code is never revealed to the customer.
    pub masked: bool,
}

impl Decline {
    /// Whether `retry_payment` may be offered (SPEC §2.3: never for a
    /// never-approve code or under `advice_code: do_not_try_again`).
    pub fn allows_retry(self) -> bool {
        self.group != NeverApprove
    }
}

/// Whether a group's customer may pay again with the same card.
fn retries(g: DeclineGroup) -> bool {
    !matches!(g, NeverApprove | NotSupported)
}

/// Classifies a payment's codes (`None` when it carries none). The code is
/// `decline_code`, else `failure_code` (the issuer's reason behind a generic
/// `card_declined`), but a never-approve code in either field wins and
/// stays so whatever the advice;
/// otherwise `advice_code` outranks the code when they disagree about
/// retrying (SPEC §2.3); `masked` lists the codes never shown to a customer.
pub fn classify(p: &Payment, masked: &[String]) -> Option<Decline> {
    let codes = [p.decline_code.as_deref(), p.failure_code.as_deref()];
    let is_masked = codes
        .iter()
        .flatten()
        .any(|c| masked.iter().any(|m| m == c));
    // A never-approve code in either field wins (safety first), else the
    // decline code, else the failure code.
    let known = codes
        .iter()
        .flatten()
        .filter_map(|c| lookup(c))
        .find(|k| k.0 == NeverApprove)
        .or_else(|| codes.iter().flatten().find_map(|c| lookup(c)));
    let advice = p
        .advice_code
        .as_deref()
        .and_then(|a| ADVICE.iter().find(|x| x.0 == a));
    if codes.iter().all(Option::is_none) && advice.is_none() {
        return None;
    }
    let (group, detail) = match (known, advice) {
        _ if is_masked => (NeverApprove, "declined"),
        (Some((NeverApprove, d, _)), _) => (NeverApprove, d),
        // The advice outranks the code only when they disagree about
        // retrying (SPEC §2.3): when both allow it, a code that names the
        // detail to fix or the bank's check to finish says more than the
        // advice; a "cannot approve now" code (`do_not_honor`,
        // `insufficient_funds`) says less than `confirm_card_data`.
        (Some((g, d, _)), Some(&(_, ag, _)))
            if g == ag
                || (ag != NeverApprove && g != CannotApproveNow && retries(g) == retries(ag)) =>
        {
            (g, d)
        }
        (_, Some(&(_, ag, ad))) => (ag, ad),
        (Some((g, d, _)), None) => (g, d),
        (None, None) => (DeclineGroup::Unknown, "unknown"),
    };
    Some(Decline {
        group,
        detail,
        masked: is_masked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{PaymentMethod, PaymentState};

    fn pay(failure: Option<&str>, decline: Option<&str>, advice: Option<&str>) -> Payment {
        Payment {
            method: PaymentMethod::Card,
            state: PaymentState::Failed,
            failure_code: failure.map(String::from),
            decline_code: decline.map(String::from),
            advice_code: advice.map(String::from),
            attempts: 1,
            updated_at: None,
        }
    }

    fn masked() -> Vec<String> {
        masked_by_default().map(String::from).collect()
    }

    #[test]
    fn every_code_is_in_exactly_one_group_with_a_known_detail() {
        for (i, (code, _, detail, _)) in CODES.iter().enumerate() {
            assert!(DETAILS.contains(detail), "{code}: detail {detail}");
            assert!(
                !CODES.iter().skip(i + 1).any(|c| c.0 == *code),
                "{code} is listed twice"
            );
        }
        for (_, _, detail) in ADVICE {
            assert!(DETAILS.contains(detail));
        }
    }

    #[test]
    fn decline_code_is_read_before_failure_code() {
        let d = classify(
            &pay(Some("card_declined"), Some("insufficient_funds"), None),
            &masked(),
        )
        .unwrap();
        assert_eq!((d.group, d.detail), (CannotApproveNow, "funds"));
        let d = classify(&pay(Some("incorrect_cvc"), None, None), &masked()).unwrap();
        assert_eq!((d.group, d.detail), (FixCardData, "cvc"));
    }

    #[test]
    fn advice_outranks_the_code_but_never_frees_a_never_approve_code() {
        let d = classify(
            &pay(
                Some("card_declined"),
                Some("insufficient_funds"),
                Some("do_not_try_again"),
            ),
            &masked(),
        )
        .unwrap();
        assert_eq!(d.group, NeverApprove);
        assert!(!d.allows_retry());
        let d = classify(
            &pay(
                Some("card_declined"),
                Some("stop_payment_order"),
                Some("try_again_later"),
            ),
            &masked(),
        )
        .unwrap();
        assert_eq!(d.group, NeverApprove);
        let d = classify(
            &pay(
                Some("card_declined"),
                Some("incorrect_cvc"),
                Some("try_again_later"),
            ),
            &masked(),
        )
        .unwrap();
        assert_eq!((d.group, d.detail), (FixCardData, "cvc"));
    }

    #[test]
    fn advice_outranks_the_code_only_when_they_disagree_about_retrying() {
        let of = |code: &str, advice: &str| {
            let d = classify(
                &pay(Some("card_declined"), Some(code), Some(advice)),
                &masked(),
            )
            .unwrap();
            (d.group, d.detail)
        };
        // Both allow a retry: the code's specific reading stands.
        assert_eq!(
            of("authentication_required", "try_again_later"),
            (Authenticate, "authenticate")
        );
        assert_eq!(
            of("expired_card", "try_again_later"),
            (FixCardData, "expired")
        );
        // A "cannot approve now" code says less than the advice.
        assert_eq!(
            of("do_not_honor", "confirm_card_data"),
            (FixCardData, "card_data")
        );
        assert_eq!(
            of("insufficient_funds", "confirm_card_data"),
            (FixCardData, "card_data")
        );
        // They disagree: the advice wins.
        assert_eq!(
            of("duplicate_transaction", "try_again_later"),
            (CannotApproveNow, "unavailable")
        );
        assert_eq!(
            of("insufficient_funds", "do_not_try_again"),
            (NeverApprove, "not_usable")
        );
        assert_eq!(
            of("currency_not_supported", "do_not_try_again"),
            (NeverApprove, "not_usable")
        );
    }

    #[test]
    fn masked_codes_read_as_a_generic_decline() {
        for code in ["stolen_card", "fraudulent", "lost_card"] {
            let d = classify(&pay(Some("card_declined"), Some(code), None), &masked()).unwrap();
            assert_eq!(
                (d.group, d.detail, d.masked),
                (NeverApprove, "declined", true)
            );
        }
        // A merchant's masked code that the table does not know.
        let d = classify(
            &pay(Some("highest_risk_level"), None, None),
            &["highest_risk_level".into()],
        )
        .unwrap();
        assert_eq!(
            (d.group, d.detail, d.masked),
            (NeverApprove, "declined", true)
        );
    }

    #[test]
    fn unknown_and_absent_codes() {
        let d = classify(&pay(Some("gateway_timeout_x"), None, None), &masked()).unwrap();
        assert_eq!((d.group, d.detail), (DeclineGroup::Unknown, "unknown"));
        assert_eq!(classify(&pay(None, None, None), &masked()), None);
        // Unknown advice alone says nothing.
        assert_eq!(
            classify(&pay(None, None, Some("later_maybe")), &masked()),
            None
        );
    }
}
