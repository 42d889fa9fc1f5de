//! Instants, civil dates and durations.
//!
//! orderlens keeps its own tiny time core instead of pulling a date library
//! into the wasm build: an instant is a count of milliseconds since the Unix
//! epoch (UTC), a civil date is a proleptic Gregorian `(year, month, day)`,
//! and the conversion between the two is Howard Hinnant's `days_from_civil`.
//! Time zones live in [`crate::calendar`].

use std::fmt;

/// Milliseconds in one minute, hour and day.
pub const MINUTE_MS: i64 = 60_000;
/// Milliseconds in one hour.
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
/// Milliseconds in one day.
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Instants outside years 1..=9999 are rejected when parsing, so arithmetic
/// on them never overflows.
const MIN_MS: i64 = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_MS: i64 = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/// An instant in time: milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The instant from milliseconds since the epoch, if it lies in years 1..=9999.
    pub fn from_millis(ms: i64) -> Option<Self> {
        (MIN_MS..=MAX_MS).contains(&ms).then_some(Timestamp(ms))
    }

    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// `self + d`, saturating at the representable range.
    pub fn plus_ms(self, d: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(d).clamp(MIN_MS, MAX_MS))
    }

    /// Parses an RFC 3339 timestamp with an offset (`Z` or `±hh:mm`).
    ///
    /// Accepts `T`, `t` or a space between date and time, and up to nine
    /// fractional digits (kept to the millisecond, truncated).
    pub fn parse_rfc3339(s: &str) -> Result<Timestamp, TimeError> {
        parse_rfc3339(s.as_bytes()).map_err(|why| TimeError::InvalidTimestamp(truncate(s), why))
    }

    /// The civil date and time of day in UTC shifted by `offset_s` seconds.
    pub fn to_civil(self, offset_s: i32) -> (Date, TimeOfDay) {
        let local = self.0 + i64::from(offset_s) * 1000;
        let days = local.div_euclid(DAY_MS);
        let ms = local.rem_euclid(DAY_MS);
        (Date::from_days(days), TimeOfDay(ms as u32))
    }

    /// The instant of a civil date and time at a fixed UTC offset.
    pub fn from_civil(date: Date, tod: TimeOfDay, offset_s: i32) -> Timestamp {
        Timestamp(date.days() * DAY_MS + i64::from(tod.0) - i64::from(offset_s) * 1000)
    }

    /// RFC 3339 in UTC: `2026-11-21T02:28:00Z`, with `.sss` only when the
    /// instant has milliseconds.
    pub fn to_rfc3339(self) -> String {
        let (d, t) = self.to_civil(0);
        let ms = t.0 % 1000;
        let secs = t.0 / 1000;
        let mut out = String::with_capacity(24);
        d.write_to(&mut out);
        // (Digit by digit, not `format!`: a diagnosis writes several of
        // these, and a sweep line is mostly them.)
        for (sep, n) in [('T', secs / 3600), (':', secs / 60 % 60), (':', secs % 60)] {
            out.push(sep);
            push_padded(&mut out, n, 2);
        }
        if ms != 0 {
            out.push('.');
            push_padded(&mut out, ms, 3);
        }
        out.push('Z');
        out
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Errors of time parsing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Not an RFC 3339 timestamp with offset: the text, and why.
    #[error("invalid timestamp '{0}': {1}")]
    InvalidTimestamp(String, &'static str),
    /// Not a `YYYY-MM-DD` date: the text, and why.
    #[error("invalid date '{0}': {1}")]
    InvalidDate(String, &'static str),
    /// Not a duration such as `30m`, `2h`, `10d` or `5bd`: the text, and why.
    #[error("invalid duration '{0}': {1}")]
    InvalidDuration(String, &'static str),
}

/// Why a timestamp is not read: the general form.
const TS_FORM: &str = "expected RFC 3339 with an offset, like '2026-11-21T09:58:00+08:00'";
/// Why a date is not read: the general form.
const DATE_FORM: &str = "expected 'YYYY-MM-DD'";
const NO_SUCH_DATE: &str = "no such date (the day is past the end of its month)";
const YEAR_RANGE: &str = "the year must be between 0001 and 9999";
const DUR_FORM: &str = "expected a number and a unit: '30m', '2h', '10d' or '5bd' (business days)";

/// Shortens user input quoted in an error message.
pub(crate) fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        None => s.to_string(),
        Some((cut, _)) => {
            let mut out = s.get(..cut).unwrap_or(s).to_string();
            out.push('…');
            out
        }
    }
}

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1..=9999 for dates that came from input.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31.
    pub day: u8,
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, TimeError> {
        parse_date(s.as_bytes()).map_err(|why| TimeError::InvalidDate(truncate(s), why))
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The next calendar day.
    pub fn succ(self) -> Date {
        Date::from_days(self.days() + 1)
    }

    /// The previous calendar day.
    pub fn pred(self) -> Date {
        Date::from_days(self.days() - 1)
    }

    /// Day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::from_monday0(((self.days() + 3).rem_euclid(7)) as u8)
    }
}

impl Date {
    /// Appends `YYYY-MM-DD` (what `Display` writes).
    pub fn write_to(&self, out: &mut String) {
        match u32::try_from(self.year) {
            Ok(y) if y <= 9999 => push_padded(out, y, 4),
            // Years no input gives (dates far past a deadline's arithmetic).
            _ => out.push_str(&format!("{:04}", self.year)),
        }
        out.push('-');
        push_padded(out, u32::from(self.month), 2);
        out.push('-');
        push_padded(out, u32::from(self.day), 2);
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(10);
        self.write_to(&mut out);
        f.write_str(&out)
    }
}

/// Appends `n` in decimal, zero-padded to `width` digits: the digits of
/// dates and times without the formatting machinery.
pub fn push_padded(out: &mut String, n: u32, width: u32) {
    let mut div: u32 = 1;
    let mut digits = 1;
    while div <= n / 10 || digits < width.min(10) {
        div = div.saturating_mul(10);
        digits += 1;
    }
    while div > 0 {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

/// Milliseconds since local midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(pub u32);

impl TimeOfDay {
    /// Hour, 0..=23.
    pub fn hour(self) -> u32 {
        self.0 / 3_600_000
    }
    /// Minute, 0..=59.
    pub fn minute(self) -> u32 {
        self.0 / 60_000 % 60
    }
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday
    Mon,
    /// Tuesday
    Tue,
    /// Wednesday
    Wed,
    /// Thursday
    Thu,
    /// Friday
    Fri,
    /// Saturday
    Sat,
    /// Sunday
    Sun,
}

impl Weekday {
    /// All days, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    /// 0 = Monday … 6 = Sunday.
    pub fn monday0(self) -> u8 {
        self as u8
    }
    fn from_monday0(n: u8) -> Weekday {
        match n {
            0 => Weekday::Mon,
            1 => Weekday::Tue,
            2 => Weekday::Wed,
            3 => Weekday::Thu,
            4 => Weekday::Fri,
            5 => Weekday::Sat,
            _ => Weekday::Sun,
        }
    }
    /// The three-letter lowercase name used in rules documents (`sat`).
    pub fn name(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .get(self as usize)
            .copied()
            .unwrap_or("sun")
    }
    /// Parses `mon` … `sun` (also full English names, any case).
    pub fn parse(s: &str) -> Option<Weekday> {
        let l = s.to_ascii_lowercase();
        Weekday::ALL.iter().copied().find(|w| {
            l == w.name() || (l.len() > 3 && l.starts_with(w.name()) && FULL.contains(&l.as_str()))
        })
    }
}

const FULL: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Number of days of a month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(b: &[u8], start: usize, len: usize) -> Option<u32> {
    let s = b.get(start..start + len)?;
    let mut v: u32 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn parse_date(b: &[u8]) -> Result<Date, &'static str> {
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(DATE_FORM);
    }
    let y = digits(b, 0, 4).ok_or(DATE_FORM)?;
    let m = digits(b, 5, 2).ok_or(DATE_FORM)?;
    let d = digits(b, 8, 2).ok_or(DATE_FORM)?;
    if y == 0 {
        return Err(YEAR_RANGE);
    }
    if !(1..=12).contains(&m) || d == 0 {
        return Err(DATE_FORM);
    }
    Date::new(y as i32, m as u8, d as u8).ok_or(NO_SUCH_DATE)
}

/// Reads RFC 3339 with an offset; the error says what is wrong.
fn parse_rfc3339(b: &[u8]) -> Result<Timestamp, &'static str> {
    if b.len() < 19 {
        return Err(TS_FORM);
    }
    let date = parse_date(b.get(0..10).ok_or(TS_FORM)?).map_err(|e| {
        if e == DATE_FORM {
            TS_FORM
        } else {
            e
        }
    })?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err(TS_FORM);
    }
    let h = digits(b, 11, 2).ok_or(TS_FORM)?;
    let mi = digits(b, 14, 2).ok_or(TS_FORM)?;
    let se = digits(b, 17, 2).ok_or(TS_FORM)?;
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return Err(TS_FORM);
    }
    if h > 23 {
        return Err("the hour must be 00 to 23");
    }
    if mi > 59 {
        return Err("the minutes must be 00 to 59");
    }
    if se > 60 {
        return Err("the seconds must be 00 to 59");
    }
    let mut i = 19;
    let mut ms: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if i - start < 3 {
                ms = ms * 10 + u32::from(c - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return Err(TS_FORM);
        }
        if n > 9 {
            return Err("at most 9 digits after the seconds' decimal point");
        }
        for _ in n..3 {
            ms *= 10;
        }
    }
    let offset_s: i32 = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() => {
            let oh = digits(b, i + 1, 2).ok_or(TS_FORM)?;
            let om = digits(b, i + 4, 2).ok_or(TS_FORM)?;
            if b.get(i + 3) != Some(&b':') {
                return Err(TS_FORM);
            }
            if oh > 23 || om > 59 {
                return Err("the offset must be between -23:59 and +23:59");
            }
            let o = (oh * 3600 + om * 60) as i32;
            if sign == b'-' {
                -o
            } else {
                o
            }
        }
        None => return Err("a time zone offset is required: 'Z' or one like '+08:00'"),
        _ => return Err(TS_FORM),
    };
    // A leap second (:60) is read as the last second of its minute, and is
    // accepted only where one can be: at 23:59:60 UTC.
    let tod = TimeOfDay((h * 3600 + mi * 60 + se.min(59)) * 1000 + ms);
    let t = Timestamp::from_civil(date, tod, offset_s);
    if se == 60 && t.0.rem_euclid(DAY_MS) / 1000 != 86_399 {
        return Err("the seconds must be 00 to 59 (60 only for a leap second, at 23:59:60 UTC)");
    }
    Timestamp::from_millis(t.0).ok_or(YEAR_RANGE)
}

/// A length of time as rules documents write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Duration {
    /// Wall-clock milliseconds (`30m`, `2h`, `10d`).
    Wall(i64),
    /// Business days (`5bd`), counted by the merchant's calendar.
    Business(u32),
}

impl Duration {
    /// Parses `30m`, `2h`, `10d`, `5bd`; also `45s` and `1w`. At most 100 years.
    pub fn parse(s: &str) -> Result<Duration, TimeError> {
        let why = |r| TimeError::InvalidDuration(truncate(s), r);
        let err = || why(DUR_FORM);
        let long = || why("at most 100 years (36500d or 36500bd)");
        let split = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?;
        let (num, unit) = s.split_at_checked(split).ok_or_else(err)?;
        if num.is_empty() {
            return Err(err());
        }
        if num.len() > 6 {
            return Err(long());
        }
        let n: i64 = num.parse().map_err(|_| err())?;
        let ms = match unit {
            "s" => 1000,
            "m" => MINUTE_MS,
            "h" => HOUR_MS,
            "d" => DAY_MS,
            "w" => 7 * DAY_MS,
            "bd" => {
                return if n <= 36_500 {
                    Ok(Duration::Business(n as u32))
                } else {
                    Err(long())
                }
            }
            _ => return Err(err()),
        };
        let total = n.checked_mul(ms).ok_or_else(long)?;
        if total > 36_500 * DAY_MS {
            return Err(long());
        }
        Ok(Duration::Wall(total))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Duration::Business(n) => write!(f, "{n}bd"),
            Duration::Wall(ms) if ms != 0 && ms % DAY_MS == 0 => write!(f, "{}d", ms / DAY_MS),
            Duration::Wall(ms) if ms != 0 && ms % HOUR_MS == 0 => write!(f, "{}h", ms / HOUR_MS),
            Duration::Wall(ms) if ms % MINUTE_MS == 0 => write!(f, "{}m", ms / MINUTE_MS),
            Duration::Wall(ms) if ms % 1000 == 0 => write!(f, "{}s", ms / 1000),
            Duration::Wall(ms) => write!(f, "{ms}ms"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_errors_say_what_is_wrong() {
        let why = |s: &str| Timestamp::parse_rfc3339(s).unwrap_err().to_string();
        assert!(why("0000-01-01T00:00:00Z").ends_with("the year must be between 0001 and 9999"));
        assert!(
            why("0001-01-01T00:00:00+01:00").ends_with("the year must be between 0001 and 9999")
        );
        assert!(why("2026-11-21T09:58:00+24:00").ends_with("between -23:59 and +23:59"));
        assert!(why("2100-02-29T00:00:00Z").contains("no such date"));
        assert!(why("2026-11-21T09:58:00.1234567890Z").contains("at most 9 digits"));
        assert!(why("2026-11-21T24:00:00Z").contains("the hour must be 00 to 23"));
        assert!(why("2026-11-21T09:58:00").contains("a time zone offset is required"));
        assert!(why("2026-11-21T12:00:60Z").contains("leap second"));
        assert!(why("21/11/2026").contains("expected RFC 3339"));
        // A real leap second, in UTC and at an offset, is its minute's last second.
        let leap = Timestamp::parse_rfc3339("2016-12-31T23:59:60Z").unwrap();
        assert_eq!(leap.to_rfc3339(), "2016-12-31T23:59:59Z");
        assert_eq!(
            Timestamp::parse_rfc3339("2017-01-01T08:59:60+09:00").unwrap(),
            leap
        );
        // Nine digits are read (to the millisecond).
        let t = Timestamp::parse_rfc3339("2026-11-21T09:58:00.123456789+08:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-21T01:58:00.123Z");
    }

    #[test]
    fn duration_errors_name_the_limit() {
        let why = |s: &str| Duration::parse(s).unwrap_err().to_string();
        assert!(why("1000000m").contains("at most 100 years"));
        assert!(why("36501d").contains("at most 100 years"));
        assert!(why("36501bd").contains("at most 100 years"));
        assert!(why("5 days").contains("expected a number and a unit"));
        assert_eq!(
            Duration::parse("36500d").unwrap(),
            Duration::Wall(36_500 * DAY_MS)
        );
    }

    #[test]
    fn parses_and_formats_rfc3339() {
        let t = Timestamp::parse_rfc3339("2026-11-21T09:58:00+08:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-21T01:58:00Z");
        let t = Timestamp::parse_rfc3339("2026-11-21T01:58:00.5Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-21T01:58:00.500Z");
        let t = Timestamp::parse_rfc3339("1969-12-31T23:59:59.999-00:30").unwrap();
        assert_eq!(t.to_rfc3339(), "1970-01-01T00:29:59.999Z");
    }

    #[test]
    fn rejects_bad_timestamps() {
        for s in [
            "2026-13-45T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-21T09:58:00",
            "2026-11-21",
            "2026-11-21T24:00:00Z",
            "2026-11-21T09:58:00+24:00",
            "2026-11-21T09:58:00.Z",
            "0000-01-01T00:00:00Z",
            "２026-11-21T09:58:00Z",
        ] {
            assert!(Timestamp::parse_rfc3339(s).is_err(), "{s}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 365 * 30 + 7, 2_000_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(Date::new(2024, 2, 29).unwrap().weekday(), Weekday::Thu);
        assert_eq!(Date::new(2026, 11, 21).unwrap().weekday(), Weekday::Sat);
    }

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("30m"), Ok(Duration::Wall(30 * MINUTE_MS)));
        assert_eq!(Duration::parse("5bd"), Ok(Duration::Business(5)));
        assert!(Duration::parse("5").is_err());
        assert!(Duration::parse("m").is_err());
        assert!(Duration::parse("99999999999d").is_err());
        assert_eq!(Duration::Wall(2 * HOUR_MS).to_string(), "2h");
    }
}
