//! Expected instants below were worked out by hand from the zones' rules
//! (offsets noted next to each), not computed with the code under test.

use super::*;
use crate::time::{HOUR_MS, MINUTE_MS};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn hm(h: u32, m: u32) -> TimeOfDay {
    TimeOfDay((h * 3600 + m * 60) * 1000)
}

fn cal(tz: &str, weekend: &[Weekday], holidays: &[&str], extra: &[&str]) -> Calendar {
    let h: Vec<Date> = holidays.iter().map(|s| date(s)).collect();
    let e: Vec<Date> = extra.iter().map(|s| date(s)).collect();
    Calendar::new(tz, weekend, &h, &e).unwrap()
}

const SAT_SUN: &[Weekday] = &[Weekday::Sat, Weekday::Sun];

fn new_york() -> Calendar {
    cal("America/New_York", SAT_SUN, &[], &[])
}

/// New York with every day worked, so DST Sundays are business days.
fn new_york_all_week() -> Calendar {
    cal("America/New_York", &[], &[], &[])
}

/// Asia/Shanghai (UTC+8, no DST) with the 2026-10-01..07 holidays and
/// Saturday 2026-10-10 worked.
fn shanghai_golden_week() -> Calendar {
    cal(
        "Asia/Shanghai",
        SAT_SUN,
        &[
            "2026-10-01",
            "2026-10-02",
            "2026-10-03",
            "2026-10-04",
            "2026-10-05",
            "2026-10-06",
            "2026-10-07",
        ],
        &["2026-10-10"],
    )
}

fn add(c: &Calendar, t: &str, n: u32) -> String {
    c.add_business_days(ts(t), n).to_rfc3339()
}

fn sub(c: &Calendar, t: &str, n: u32) -> String {
    c.sub_business_days(ts(t), n).to_rfc3339()
}

#[test]
fn calendar_is_send_sync_clone_debug() {
    fn check<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}
    check::<Calendar>();
    check::<CalendarError>();
}

#[test]
fn day_number_bounds() {
    assert_eq!(Date::new(1, 1, 1).unwrap().days(), FIRST_DAY);
    assert_eq!(Date::new(9999, 12, 31).unwrap().days(), LAST_DAY);
}

// ---- UTC ----

#[test]
fn utc_defaults() {
    let c = Calendar::utc();
    assert_eq!(c.timezone(), "UTC");
    assert_eq!(c.weekend(), vec![Weekday::Sat, Weekday::Sun]);
    assert_eq!(c, Calendar::default());
    assert_eq!(c.offset_at(ts("2026-07-01T00:00:00Z")), 0);
    // Fri 2026-11-20 12:00Z + 1bd = Mon 2026-11-23.
    assert_eq!(add(&c, "2026-11-20T12:00:00Z", 1), "2026-11-23T12:00:00Z");
    assert_eq!(add(&c, "2026-11-20T12:00:00Z", 0), "2026-11-20T12:00:00Z");
    assert_eq!(add(&c, "2026-11-20T12:00:00Z", 5), "2026-11-27T12:00:00Z");
    // Sat 2026-11-21 + 0bd = Mon; - 0bd = Fri.
    assert_eq!(
        add(&c, "2026-11-21T08:15:30.250Z", 0),
        "2026-11-23T08:15:30.250Z"
    );
    assert_eq!(
        sub(&c, "2026-11-21T08:15:30.250Z", 0),
        "2026-11-20T08:15:30.250Z"
    );
    assert_eq!(sub(&c, "2026-11-23T12:00:00Z", 1), "2026-11-20T12:00:00Z");
    assert_eq!(sub(&c, "2026-11-23T12:00:00Z", 6), "2026-11-13T12:00:00Z");
}

#[test]
fn utc_aliases() {
    for (given, canonical) in [
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Etc/UTC", "Etc/UTC"),
        ("etc/utc", "Etc/UTC"),
        ("GMT", "GMT"),
    ] {
        let c = Calendar::new(given, SAT_SUN, &[], &[]).unwrap();
        assert_eq!(c.timezone(), canonical);
        assert_eq!(c.offset_at(ts("2026-07-01T00:00:00Z")), 0);
        assert_eq!(add(&c, "2026-11-20T12:00:00Z", 1), "2026-11-23T12:00:00Z");
    }
}

#[test]
fn duration_add_and_sub() {
    let c = shanghai_golden_week();
    let t = ts("2026-09-30T07:00:00Z"); // Wed 15:00 +08:00
    assert_eq!(
        c.add(t, Duration::Wall(30 * MINUTE_MS)).to_rfc3339(),
        "2026-09-30T07:30:00Z"
    );
    assert_eq!(
        c.sub(t, Duration::Wall(2 * HOUR_MS)).to_rfc3339(),
        "2026-09-30T05:00:00Z"
    );
    assert_eq!(
        c.add(t, Duration::Wall(10 * DAY_MS)).to_rfc3339(),
        "2026-10-10T07:00:00Z"
    );
    // 1bd after Wed 09-30 skips the holidays and the weekend: Thu 10-08.
    assert_eq!(
        c.add(t, Duration::Business(1)).to_rfc3339(),
        "2026-10-08T07:00:00Z"
    );
    assert_eq!(
        c.sub(ts("2026-10-08T07:00:00Z"), Duration::Business(1))
            .to_rfc3339(),
        "2026-09-30T07:00:00Z"
    );
}

#[test]
fn wall_durations_ignore_dst() {
    let c = new_york();
    // Sat 2026-03-07 12:00 EST (-05:00) + 24h = Sun 13:00 EDT (-04:00).
    assert_eq!(
        c.add(ts("2026-03-07T17:00:00Z"), Duration::Wall(DAY_MS))
            .to_rfc3339(),
        "2026-03-08T17:00:00Z"
    );
}

// ---- America/New_York across DST ----

#[test]
fn new_york_spring_forward() {
    let c = new_york();
    // Fri 2026-03-06 10:00 EST (-05:00) = 15:00Z; DST starts Sun 03-08.
    let fri = ts("2026-03-06T15:00:00Z");
    assert_eq!(c.offset_at(fri), -5 * 3600);
    let mon = c.add_business_days(fri, 1);
    // Mon 2026-03-09 10:00 EDT (-04:00) = 14:00Z.
    assert_eq!(mon.to_rfc3339(), "2026-03-09T14:00:00Z");
    assert_eq!(c.offset_at(mon), -4 * 3600);
    assert_eq!(c.local(mon), (date("2026-03-09"), hm(10, 0)));
    // +5bd: Mon 9, Tue 10, Wed 11, Thu 12, Fri 13.
    assert_eq!(add(&c, "2026-03-06T15:00:00Z", 5), "2026-03-13T14:00:00Z");
    // Mirror.
    assert_eq!(sub(&c, "2026-03-09T14:00:00Z", 1), "2026-03-06T15:00:00Z");
    assert_eq!(sub(&c, "2026-03-13T14:00:00Z", 5), "2026-03-06T15:00:00Z");
}

#[test]
fn new_york_fall_back() {
    let c = new_york();
    // Fri 2026-10-30 09:00 EDT (-04:00) = 13:00Z; DST ends Sun 11-01.
    // Mon 2026-11-02 09:00 EST (-05:00) = 14:00Z.
    assert_eq!(add(&c, "2026-10-30T13:00:00Z", 1), "2026-11-02T14:00:00Z");
    assert_eq!(sub(&c, "2026-11-02T14:00:00Z", 1), "2026-10-30T13:00:00Z");
    // Sun 2026-11-01 12:00 EST = 17:00Z: +0bd = Mon 12:00 EST, -0bd = Fri 12:00 EDT.
    assert_eq!(add(&c, "2026-11-01T17:00:00Z", 0), "2026-11-02T17:00:00Z");
    assert_eq!(sub(&c, "2026-11-01T17:00:00Z", 0), "2026-10-30T16:00:00Z");
}

#[test]
fn gap_policy() {
    let c = new_york();
    // 2026-03-08 02:00 EST jumps to 03:00 EDT; 02:30 becomes 03:30 EDT = 07:30Z.
    assert_eq!(
        c.from_local(date("2026-03-08"), hm(2, 30)).to_rfc3339(),
        "2026-03-08T07:30:00Z"
    );
    assert_eq!(
        c.from_local(date("2026-03-08"), hm(2, 0)).to_rfc3339(),
        "2026-03-08T07:00:00Z"
    );
    // Either side of the gap: 01:59 EST = 06:59Z, 03:00 EDT = 07:00Z.
    assert_eq!(
        c.from_local(date("2026-03-08"), hm(1, 59)).to_rfc3339(),
        "2026-03-08T06:59:00Z"
    );
    assert_eq!(
        c.from_local(date("2026-03-08"), hm(3, 0)).to_rfc3339(),
        "2026-03-08T07:00:00Z"
    );
    // Business days landing in the gap: Sat 2026-03-07 02:30 EST = 07:30Z.
    let all = new_york_all_week();
    assert_eq!(add(&all, "2026-03-07T07:30:00Z", 1), "2026-03-08T07:30:00Z");
    assert_eq!(
        all.local(ts("2026-03-08T07:30:00Z")),
        (date("2026-03-08"), hm(3, 30))
    );
    // Mon 2026-03-09 02:30 EDT = 06:30Z - 1bd = Sun 02:30 (gap) = 03:30 EDT.
    assert_eq!(sub(&all, "2026-03-09T06:30:00Z", 1), "2026-03-08T07:30:00Z");
    // Europe/Berlin: 2026-03-29 02:00 CET jumps to 03:00 CEST; 02:15 = 03:15 CEST = 01:15Z.
    let berlin = cal("Europe/Berlin", SAT_SUN, &[], &[]);
    assert_eq!(
        berlin
            .from_local(date("2026-03-29"), hm(2, 15))
            .to_rfc3339(),
        "2026-03-29T01:15:00Z"
    );
}

#[test]
fn overlap_policy() {
    let c = new_york();
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and 06:30Z (EST): the earlier.
    assert_eq!(
        c.from_local(date("2026-11-01"), hm(1, 30)).to_rfc3339(),
        "2026-11-01T05:30:00Z"
    );
    // Outside the overlap: 00:59 EDT = 04:59Z, 02:00 EST = 07:00Z.
    assert_eq!(
        c.from_local(date("2026-11-01"), hm(0, 59)).to_rfc3339(),
        "2026-11-01T04:59:00Z"
    );
    assert_eq!(
        c.from_local(date("2026-11-01"), hm(2, 0)).to_rfc3339(),
        "2026-11-01T07:00:00Z"
    );
    let all = new_york_all_week();
    // Sat 2026-10-31 01:30 EDT = 05:30Z + 1bd = Sun 01:30, the EDT one.
    assert_eq!(add(&all, "2026-10-31T05:30:00Z", 1), "2026-11-01T05:30:00Z");
    // Mon 2026-11-02 01:30 EST = 06:30Z - 1bd = Sun 01:30 EDT.
    assert_eq!(sub(&all, "2026-11-02T06:30:00Z", 1), "2026-11-01T05:30:00Z");
    // +0bd on the later 01:30 (EST) is still that very instant.
    assert_eq!(add(&all, "2026-11-01T06:30:00Z", 0), "2026-11-01T06:30:00Z");
    assert_eq!(sub(&all, "2026-11-01T06:30:00Z", 0), "2026-11-01T06:30:00Z");
    // Berlin 2026-10-25 02:30 is 00:30Z (CEST) and 01:30Z (CET): the earlier.
    let berlin = cal("Europe/Berlin", SAT_SUN, &[], &[]);
    assert_eq!(
        berlin
            .from_local(date("2026-10-25"), hm(2, 30))
            .to_rfc3339(),
        "2026-10-25T00:30:00Z"
    );
}

// ---- Europe/Moscow (UTC+3 all year) ----

#[test]
fn moscow_has_no_dst() {
    let c = cal("Europe/Moscow", SAT_SUN, &[], &[]);
    // Fri 2026-03-27 18:00 MSK = 15:00Z; Europe's DST starts Sun 03-29 but
    // Moscow stays +03:00: Mon 03-30 18:00 MSK = 15:00Z.
    assert_eq!(c.offset_at(ts("2026-03-27T15:00:00Z")), 3 * 3600);
    assert_eq!(c.offset_at(ts("2026-07-01T00:00:00Z")), 3 * 3600);
    assert_eq!(add(&c, "2026-03-27T15:00:00Z", 1), "2026-03-30T15:00:00Z");
    assert_eq!(add(&c, "2026-03-26T15:00:00Z", 3), "2026-03-31T15:00:00Z");
    assert_eq!(sub(&c, "2026-03-30T15:00:00Z", 1), "2026-03-27T15:00:00Z");
    // Fri 2026-03-27 23:30 MSK = 20:30Z (still Friday in Moscow).
    assert_eq!(add(&c, "2026-03-27T20:30:00Z", 0), "2026-03-27T20:30:00Z");
    // Fri 20:30Z + 4h = Sat 00:30 MSK = 21:30Z: +0bd = Mon 00:30 MSK = Sun 21:30Z.
    assert_eq!(add(&c, "2026-03-27T21:30:00Z", 0), "2026-03-29T21:30:00Z");
}

#[test]
fn time_zone_names_are_case_insensitive() {
    let c = cal("europe/moscow", SAT_SUN, &[], &[]);
    assert_eq!(c.timezone(), "Europe/Moscow");
    assert_eq!(
        cal("AMERICA/NEW_YORK", SAT_SUN, &[], &[]).timezone(),
        "America/New_York"
    );
    assert_eq!(
        cal("Asia/Shanghai", SAT_SUN, &[], &[]).timezone(),
        "Asia/Shanghai"
    );
}

// ---- Asia/Shanghai: holidays, worked weekend, local date != UTC date ----

#[test]
fn shanghai_holidays_and_worked_saturday() {
    let c = shanghai_golden_week();
    assert!(!c.is_business_day(date("2026-10-01")));
    assert!(!c.is_business_day(date("2026-10-07")));
    assert!(c.is_business_day(date("2026-10-08")));
    assert!(c.is_business_day(date("2026-10-10")));
    assert!(!c.is_business_day(date("2026-10-11")));
    // Wed 2026-09-30 15:00 +08:00 = 07:00Z.
    assert_eq!(add(&c, "2026-09-30T07:00:00Z", 0), "2026-09-30T07:00:00Z");
    assert_eq!(add(&c, "2026-09-30T07:00:00Z", 1), "2026-10-08T07:00:00Z");
    assert_eq!(add(&c, "2026-09-30T07:00:00Z", 2), "2026-10-09T07:00:00Z");
    // The third is the worked Saturday 10-10.
    assert_eq!(add(&c, "2026-09-30T07:00:00Z", 3), "2026-10-10T07:00:00Z");
    assert_eq!(add(&c, "2026-09-30T07:00:00Z", 4), "2026-10-12T07:00:00Z");
    // Fri 2026-10-09 09:00 +08:00 = 01:00Z + 1bd = Sat 10-10.
    assert_eq!(add(&c, "2026-10-09T01:00:00Z", 1), "2026-10-10T01:00:00Z");
    // On the worked Saturday itself, +0bd is the identity.
    assert_eq!(add(&c, "2026-10-10T01:00:00Z", 0), "2026-10-10T01:00:00Z");
    // On a holiday (Sat 10-03 12:00 +08:00 = 04:00Z): +0bd = Thu 10-08, -0bd = Wed 09-30.
    assert_eq!(add(&c, "2026-10-03T04:00:00Z", 0), "2026-10-08T04:00:00Z");
    assert_eq!(sub(&c, "2026-10-03T04:00:00Z", 0), "2026-09-30T04:00:00Z");
    // Mirror: Mon 2026-10-12 15:00 +08:00 = 07:00Z.
    assert_eq!(sub(&c, "2026-10-12T07:00:00Z", 1), "2026-10-10T07:00:00Z");
    assert_eq!(sub(&c, "2026-10-12T07:00:00Z", 3), "2026-10-08T07:00:00Z");
    assert_eq!(sub(&c, "2026-10-12T07:00:00Z", 4), "2026-09-30T07:00:00Z");
    assert_eq!(sub(&c, "2026-10-12T07:00:00Z", 5), "2026-09-29T07:00:00Z");
}

#[test]
fn extra_business_day_wins_over_holiday() {
    // 2026-10-10 is a Saturday, listed both as a holiday and as worked.
    let c = cal(
        "Asia/Shanghai",
        SAT_SUN,
        &["2026-10-09", "2026-10-10"],
        &["2026-10-10"],
    );
    assert!(c.is_business_day(date("2026-10-10")));
    assert!(!c.is_business_day(date("2026-10-09")));
    // Thu 2026-10-08 10:00 +08:00 = 02:00Z + 1bd = Sat 10-10.
    assert_eq!(add(&c, "2026-10-08T02:00:00Z", 1), "2026-10-10T02:00:00Z");
    // An extra business day on a weekday changes nothing.
    let c = cal("UTC", SAT_SUN, &[], &["2026-11-18"]);
    assert_eq!(add(&c, "2026-11-17T09:00:00Z", 3), "2026-11-20T09:00:00Z");
}

#[test]
fn east_of_utc_local_date_differs() {
    let c = cal("Asia/Shanghai", SAT_SUN, &[], &[]);
    // 2026-11-20T20:00Z is Fri in UTC but Sat 2026-11-21 04:00 in Shanghai.
    let t = ts("2026-11-20T20:00:00Z");
    assert_eq!(c.offset_at(t), 8 * 3600);
    assert_eq!(c.local(t), (date("2026-11-21"), hm(4, 0)));
    // +0bd: Mon 2026-11-23 04:00 +08:00 = Sun 2026-11-22T20:00Z.
    assert_eq!(add(&c, "2026-11-20T20:00:00Z", 0), "2026-11-22T20:00:00Z");
    assert_eq!(add(&c, "2026-11-20T20:00:00Z", 1), "2026-11-22T20:00:00Z");
    assert_eq!(add(&c, "2026-11-20T20:00:00Z", 2), "2026-11-23T20:00:00Z");
    // -0bd: Fri 2026-11-20 04:00 +08:00 = 2026-11-19T20:00Z.
    assert_eq!(sub(&c, "2026-11-20T20:00:00Z", 0), "2026-11-19T20:00:00Z");
    // In UTC the same instant is a Friday: identity.
    assert_eq!(
        add(&Calendar::utc(), "2026-11-20T20:00:00Z", 0),
        "2026-11-20T20:00:00Z"
    );
    assert_eq!(
        c.from_local(date("2026-11-23"), hm(4, 0)).to_rfc3339(),
        "2026-11-22T20:00:00Z"
    );
}

#[test]
fn west_of_utc_local_date_differs() {
    let c = cal("America/Los_Angeles", SAT_SUN, &[], &[]);
    // 2026-11-21T03:00Z is Sat in UTC but Fri 2026-11-20 19:00 PST (-08:00).
    assert_eq!(add(&c, "2026-11-21T03:00:00Z", 0), "2026-11-21T03:00:00Z");
    // +1bd = Mon 2026-11-23 19:00 PST = 2026-11-24T03:00Z.
    assert_eq!(add(&c, "2026-11-21T03:00:00Z", 1), "2026-11-24T03:00:00Z");
    assert_eq!(sub(&c, "2026-11-24T03:00:00Z", 1), "2026-11-21T03:00:00Z");
}

#[test]
fn worked_weekend_counts_with_custom_weekend() {
    // Weekend Fri+Sat (e.g. a Gulf shop), UTC.
    let c = cal("UTC", &[Weekday::Fri, Weekday::Sat], &[], &["2026-11-21"]);
    // Thu 2026-11-19 + 1bd: Fri 20 off, Sat 21 worked.
    assert_eq!(add(&c, "2026-11-19T10:00:00Z", 1), "2026-11-21T10:00:00Z");
    assert_eq!(add(&c, "2026-11-19T10:00:00Z", 2), "2026-11-22T10:00:00Z");
    assert_eq!(sub(&c, "2026-11-22T10:00:00Z", 1), "2026-11-21T10:00:00Z");
    assert_eq!(sub(&c, "2026-11-22T10:00:00Z", 2), "2026-11-19T10:00:00Z");
    // Six weekend days: only Wednesdays count. Fri 2026-11-20 + 1bd = Wed 11-25.
    let wed_only = cal(
        "UTC",
        &[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ],
        &[],
        &[],
    );
    assert_eq!(
        add(&wed_only, "2026-11-20T10:00:00Z", 1),
        "2026-11-25T10:00:00Z"
    );
    assert_eq!(
        add(&wed_only, "2026-11-20T10:00:00Z", 3),
        "2026-12-09T10:00:00Z"
    );
    assert_eq!(
        sub(&wed_only, "2026-11-20T10:00:00Z", 1),
        "2026-11-18T10:00:00Z"
    );
}

#[test]
fn long_spans_use_the_week_shortcut_correctly() {
    let c = Calendar::utc();
    // 2026-01-05 is a Monday; 260bd = 52 weeks later, Mon 2027-01-04.
    assert_eq!(add(&c, "2026-01-05T09:00:00Z", 260), "2027-01-04T09:00:00Z");
    assert_eq!(sub(&c, "2027-01-04T09:00:00Z", 260), "2026-01-05T09:00:00Z");
    // With a holiday midway (Wed 2026-07-01) it is one business day later.
    let h = cal("UTC", SAT_SUN, &["2026-07-01"], &[]);
    assert_eq!(add(&h, "2026-01-05T09:00:00Z", 260), "2027-01-05T09:00:00Z");
    assert_eq!(sub(&h, "2027-01-05T09:00:00Z", 260), "2026-01-05T09:00:00Z");
    // Shanghai, 10bd from Wed 09-30: Oct 8, 9, 10 (worked Sat), 12, 13, 14,
    // 15, 16, 19, 20.
    assert_eq!(
        add(&shanghai_golden_week(), "2026-09-30T07:00:00Z", 10),
        "2026-10-20T07:00:00Z"
    );
    assert_eq!(
        sub(&shanghai_golden_week(), "2026-10-20T07:00:00Z", 10),
        "2026-09-30T07:00:00Z"
    );
}

// ---- errors ----

#[test]
fn unknown_time_zone_with_suggestion() {
    let err = Calendar::new("Asia/Shangai", SAT_SUN, &[], &[]).unwrap_err();
    assert_eq!(
        err,
        CalendarError::UnknownTimeZone {
            name: "Asia/Shangai".to_string(),
            suggestion: Some("Asia/Shanghai".to_string()),
        }
    );
    assert_eq!(err.to_string(), "unknown time zone 'Asia/Shangai'");
    assert_eq!(err.help().as_deref(), Some("did you mean 'Asia/Shanghai'?"));
}

#[test]
fn unknown_time_zone_without_suggestion() {
    for name in [
        "",
        "Nowhere/Atlantis",
        "+08:00",
        "PST",
        "Asia/Shanghai\u{0}",
        "x",
    ] {
        match Calendar::new(name, SAT_SUN, &[], &[]) {
            Err(CalendarError::UnknownTimeZone { suggestion, .. }) => {
                if name != "Asia/Shanghai\u{0}" {
                    assert_eq!(suggestion, None, "{name:?}");
                }
            }
            other => panic!("{name:?}: {other:?}"),
        }
    }
    let long = "A".repeat(500);
    let err = Calendar::new(&long, SAT_SUN, &[], &[]).unwrap_err();
    assert!(err.to_string().len() < 80, "{err}");
}

#[test]
fn suggestions() {
    assert_eq!(
        suggest_time_zone("Asia/Shangai").as_deref(),
        Some("Asia/Shanghai")
    );
    assert_eq!(
        suggest_time_zone("europe/moscow").as_deref(),
        Some("Europe/Moscow")
    );
    assert_eq!(
        suggest_time_zone("Europe/Moscw").as_deref(),
        Some("Europe/Moscow")
    );
    assert_eq!(
        suggest_time_zone("Shanghai").as_deref(),
        Some("Asia/Shanghai")
    );
    assert_eq!(
        suggest_time_zone("new york").as_deref(),
        Some("America/New_York")
    );
    assert_eq!(
        suggest_time_zone("America/New York").as_deref(),
        Some("America/New_York")
    );
    assert_eq!(
        suggest_time_zone("Asia/Shanghai ").as_deref(),
        Some("Asia/Shanghai")
    );
    assert_eq!(suggest_time_zone("PST"), None);
    assert_eq!(suggest_time_zone("Nowhere/Atlantis"), None);
    assert_eq!(suggest_time_zone(""), None);
    assert_eq!(suggest_time_zone(&"z".repeat(10_000)), None);
    // The misspelt name with a trailing space is rejected, with a suggestion.
    let err = Calendar::new("Asia/Shanghai ", SAT_SUN, &[], &[]).unwrap_err();
    assert_eq!(err.help().as_deref(), Some("did you mean 'Asia/Shanghai'?"));
}

#[test]
fn no_business_days() {
    let err = Calendar::new("UTC", &Weekday::ALL, &[], &[]).unwrap_err();
    assert_eq!(err, CalendarError::NoBusinessDays);
    assert_eq!(
        err.to_string(),
        "every day of the week is a weekend day, so business days could never be counted"
    );
    // Even with worked days listed: after the last one nothing would count.
    assert_eq!(
        Calendar::new("UTC", &Weekday::ALL, &[], &[date("2026-11-21")]).unwrap_err(),
        CalendarError::NoBusinessDays
    );
    // An empty weekend is fine: every day counts.
    let c = cal("UTC", &[], &[], &[]);
    assert_eq!(add(&c, "2026-11-20T10:00:00Z", 2), "2026-11-22T10:00:00Z");
}

// ---- robustness ----

#[test]
fn extreme_instants_saturate() {
    const FIRST: &str = "0001-01-01T00:00:00Z";
    const LAST: &str = "9999-12-31T23:59:59.999Z";
    for c in [
        Calendar::utc(),
        new_york(),
        cal("Asia/Shanghai", SAT_SUN, &[], &[]),
    ] {
        for t in [
            Timestamp(i64::MIN),
            Timestamp(i64::MAX),
            ts(FIRST),
            ts(LAST),
        ] {
            let _ = c.local(t);
            let _ = c.offset_at(t);
            for n in [0, 1, 5, 36_500, u32::MAX] {
                let up = c.add_business_days(t, n);
                let down = c.sub_business_days(t, n);
                assert!(up.millis() >= ts(FIRST).millis() && up.millis() <= ts(LAST).millis());
                assert!(down.millis() >= ts(FIRST).millis() && down.millis() <= ts(LAST).millis());
            }
            let _ = c.add(t, Duration::Wall(i64::MAX));
            let _ = c.sub(t, Duration::Wall(i64::MIN));
        }
        assert_eq!(
            c.add_business_days(ts("2026-11-20T10:00:00Z"), u32::MAX)
                .to_rfc3339(),
            LAST
        );
        assert_eq!(
            c.sub_business_days(ts("2026-11-20T10:00:00Z"), u32::MAX)
                .to_rfc3339(),
            FIRST
        );
        assert_eq!(c.add_business_days(ts(LAST), 1).to_rfc3339(), LAST);
        assert_eq!(c.sub_business_days(ts(FIRST), 1).to_rfc3339(), FIRST);
        let odd = Date {
            year: i32::MAX,
            month: 200,
            day: 200,
        };
        assert_eq!(c.from_local(odd, TimeOfDay(u32::MAX)).to_rfc3339(), LAST);
        let odd = Date {
            year: i32::MIN,
            month: 0,
            day: 0,
        };
        assert_eq!(c.from_local(odd, TimeOfDay(0)).to_rfc3339(), FIRST);
        let _ = c.is_business_day(odd);
        assert_eq!(c.next_business_day(date("9999-12-31")), None);
        assert_eq!(c.prev_business_day(date("0001-01-01")), None);
    }
}

#[test]
fn many_holidays_stay_bounded() {
    // Every weekday of 2026..2029 a holiday: still answers (after them).
    let mut holidays = Vec::new();
    let mut d = date("2026-01-01");
    while d < date("2030-01-01") {
        holidays.push(d);
        d = d.succ();
    }
    let c = Calendar::new("UTC", SAT_SUN, &holidays, &[]).unwrap();
    // Thu 2025-12-25 + 6bd: Fri 12-26, Mon 29, Tue 30, Wed 31, then 2030-01-01 (Tue), 01-02.
    assert_eq!(add(&c, "2025-12-25T10:00:00Z", 6), "2030-01-02T10:00:00Z");
    assert_eq!(sub(&c, "2030-01-02T10:00:00Z", 6), "2025-12-25T10:00:00Z");
}

#[test]
fn next_and_prev_business_day() {
    let c = shanghai_golden_week();
    assert_eq!(
        c.next_business_day(date("2026-09-30")),
        Some(date("2026-10-08"))
    );
    assert_eq!(
        c.prev_business_day(date("2026-10-08")),
        Some(date("2026-09-30"))
    );
    assert_eq!(
        c.next_business_day(date("2026-10-09")),
        Some(date("2026-10-10"))
    );
}

#[test]
fn week_shortcut_matches_day_by_day_counting() {
    // An independent, naive day-by-day count over many weekends, holiday
    // patterns, starts and lengths; the calendar skips plain weeks at once.
    let weekends: [&[Weekday]; 4] = [
        SAT_SUN,
        &[],
        &[Weekday::Fri],
        &[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Sat,
            Weekday::Sun,
        ],
    ];
    let holidays: Vec<Date> = [
        "2026-02-03",
        "2026-02-14",
        "2026-02-15",
        "2026-03-02",
        "2026-03-20",
    ]
    .iter()
    .map(|s| date(s))
    .collect();
    let extra = [date("2026-02-21"), date("2026-03-01"), date("2026-02-03")];
    for weekend in weekends {
        let c = Calendar::new("UTC", weekend, &holidays, &extra).unwrap();
        let off = |d: Date| weekend.contains(&d.weekday()) || holidays.contains(&d);
        let business = |d: Date| extra.contains(&d) || !off(d);
        let start = date("2026-01-20").days();
        for s in start..start + 70 {
            let from = Date::from_days(s);
            let t = Timestamp::from_civil(from, hm(9, 15), 0);
            for n in 0..45u32 {
                let expect = |step: i64| {
                    let mut d = s;
                    let mut left = n;
                    if n == 0 && business(from) {
                        return d;
                    }
                    if n == 0 {
                        left = 1;
                    }
                    loop {
                        d += step;
                        if business(Date::from_days(d)) {
                            left -= 1;
                            if left == 0 {
                                return d;
                            }
                        }
                    }
                };
                let up = Timestamp::from_civil(Date::from_days(expect(1)), hm(9, 15), 0);
                let down = Timestamp::from_civil(Date::from_days(expect(-1)), hm(9, 15), 0);
                assert_eq!(
                    c.add_business_days(t, n),
                    up,
                    "{from} + {n}bd, weekend {weekend:?}"
                );
                assert_eq!(
                    c.sub_business_days(t, n),
                    down,
                    "{from} - {n}bd, weekend {weekend:?}"
                );
            }
        }
    }
}

#[test]
fn long_steps_over_many_holidays_match_counting_day_by_day() {
    // 100 years of business days over 2,000 holidays and worked weekend
    // days: the counted search gives the day a day-by-day walk gives.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let day0 = date("2026-01-01").days();
    for round in 0..6 {
        let weekend: Vec<Weekday> = Weekday::ALL
            .iter()
            .copied()
            .filter(|_| next(3) == 0)
            .take(6)
            .collect();
        let holidays: Vec<Date> = (0..2000)
            .map(|_| {
                Date::from_days(day0 + next(if round % 2 == 0 { 3000 } else { 60_000 }) as i64)
            })
            .collect();
        let extra: Vec<Date> = (0..300)
            .map(|_| Date::from_days(day0 + next(30_000) as i64))
            .collect();
        let c = Calendar::new("UTC", &weekend, &holidays, &extra).unwrap();
        let walk = |from: i64, n: u32, step: i64| {
            let (mut d, mut left) = (from, n);
            loop {
                d += step;
                if c.is_business_day(Date::from_days(d)) {
                    left -= 1;
                    if left == 0 {
                        return d;
                    }
                }
            }
        };
        for n in [1, 5, 7, 400, 12_345, 36_499, 36_500] {
            let from = day0 + next(2000) as i64;
            let t = Timestamp::from_civil(Date::from_days(from), hm(9, 15), 0);
            let up = Timestamp::from_civil(Date::from_days(walk(from, n, 1)), hm(9, 15), 0);
            let down = Timestamp::from_civil(Date::from_days(walk(from, n, -1)), hm(9, 15), 0);
            assert_eq!(c.add_business_days(t, n), up, "+{n}bd, round {round}");
            assert_eq!(c.sub_business_days(t, n), down, "-{n}bd, round {round}");
        }
    }
}
