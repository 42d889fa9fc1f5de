//! The `Intl` time-zone source, run under Node or a browser with
//! `wasm-bindgen-test-runner`. Expected instants are worked out by hand (see
//! `tests.rs` for the derivations).

use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

fn ts(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn hm(h: u32, m: u32) -> TimeOfDay {
    TimeOfDay((h * 3600 + m * 60) * 1000)
}

const SAT_SUN: &[Weekday] = &[Weekday::Sat, Weekday::Sun];

#[wasm_bindgen_test]
fn intl_new_york_dst() {
    let c = Calendar::new("America/New_York", SAT_SUN, &[], &[]).unwrap();
    let fri = ts("2026-03-06T15:00:00Z");
    assert_eq!(c.offset_at(fri), -5 * 3600);
    let mon = c.add_business_days(fri, 1);
    assert_eq!(mon.to_rfc3339(), "2026-03-09T14:00:00Z");
    assert_eq!(c.offset_at(mon), -4 * 3600);
    assert_eq!(
        c.sub_business_days(mon, 1).to_rfc3339(),
        "2026-03-06T15:00:00Z"
    );
    assert_eq!(
        c.from_local(date("2026-03-08"), hm(2, 30)).to_rfc3339(),
        "2026-03-08T07:30:00Z"
    );
    assert_eq!(
        c.from_local(date("2026-11-01"), hm(1, 30)).to_rfc3339(),
        "2026-11-01T05:30:00Z"
    );
    assert_eq!(
        c.local(ts("2026-11-01T06:30:00Z")),
        (date("2026-11-01"), hm(1, 30))
    );
}

#[wasm_bindgen_test]
fn intl_shanghai_and_moscow() {
    let holidays: Vec<Date> = (1..=7).map(|d| Date::new(2026, 10, d).unwrap()).collect();
    let c = Calendar::new("asia/shanghai", SAT_SUN, &holidays, &[date("2026-10-10")]).unwrap();
    assert_eq!(c.timezone(), "Asia/Shanghai");
    let t = ts("2026-09-30T07:00:00Z");
    assert_eq!(
        c.add_business_days(t, 3).to_rfc3339(),
        "2026-10-10T07:00:00Z"
    );
    assert_eq!(
        c.add_business_days(ts("2026-11-20T20:00:00Z"), 0)
            .to_rfc3339(),
        "2026-11-22T20:00:00Z"
    );
    let m = Calendar::new("Europe/Moscow", SAT_SUN, &[], &[]).unwrap();
    assert_eq!(m.offset_at(ts("2026-07-01T00:00:00Z")), 3 * 3600);
    assert_eq!(
        m.add_business_days(ts("2026-03-27T15:00:00Z"), 1)
            .to_rfc3339(),
        "2026-03-30T15:00:00Z"
    );
}

#[wasm_bindgen_test]
fn intl_unknown_zone_is_an_error() {
    let err = Calendar::new("Asia/Shangai", SAT_SUN, &[], &[]).unwrap_err();
    assert_eq!(err.to_string(), "unknown time zone 'Asia/Shangai'");
    // Node 20 and current browsers have Intl.supportedValuesOf.
    assert_eq!(
        err,
        CalendarError::UnknownTimeZone {
            name: "Asia/Shangai".to_string(),
            suggestion: Some("Asia/Shanghai".to_string()),
        }
    );
    assert!(Calendar::new("+08:00", SAT_SUN, &[], &[]).is_err());
    assert!(Calendar::new("Nowhere/Atlantis", SAT_SUN, &[], &[]).is_err());
}

#[wasm_bindgen_test]
fn intl_extremes_do_not_panic() {
    let c = Calendar::new("America/New_York", SAT_SUN, &[], &[]).unwrap();
    for t in [Timestamp(i64::MIN), Timestamp(i64::MAX)] {
        let _ = c.local(t);
        let _ = c.add_business_days(t, 5);
        let _ = c.sub_business_days(t, 5);
    }
}
