//! Business days, holidays and time zones (SPEC §2).
//!
//! A [`Calendar`] is a merchant's `settings.timezone`, `weekend`, `holidays`
//! and `extra_business_days`. It turns instants into local dates and back, and
//! adds or subtracts durations, business days included.
//!
//! # Rules
//!
//! - A date is a **business day** when it is not a weekend day and not a
//!   holiday, or when it is an extra business day. An extra business day is a
//!   business day even if it is also listed as a holiday.
//! - `T + N bd`: take T's local date in the calendar's time zone, step forward
//!   one day at a time counting only business days until N are counted, and
//!   keep T's local time of day (so across a DST change the UTC offset
//!   changes). `T + 0bd` is T itself when T's local date is a business day,
//!   else the next business day at the same local time.
//! - `T - N bd` is the mirror image, stepping backward; `T - 0bd` is T itself
//!   when T's local date is a business day, else the previous business day at
//!   the same local time.
//! - Wall-clock durations (`30m`, `2h`, `10d`) are plain milliseconds: `10d`
//!   is 240 hours, whatever DST does meanwhile.
//!
//! # Local times that do not exist or exist twice
//!
//! [`Calendar::from_local`] (and so business-day arithmetic) resolves a wall
//! time with this policy:
//!
//! - **Gap** (the clocks jump forward, e.g. 02:00 → 03:00): the wall time is
//!   shifted forward by the length of the gap. 02:30 on a spring-forward day
//!   of America/New_York becomes 03:30 local (07:30Z).
//! - **Overlap** (the clocks fall back, a wall time happens twice): the
//!   earlier instant. 01:30 on a fall-back day of America/New_York is 01:30
//!   EDT (05:30Z), not 01:30 EST (06:30Z).
//!
//! # Time-zone names
//!
//! IANA names (`Asia/Shanghai`, `UTC`, `Etc/UTC`), matched **case-insensitively**:
//! `europe/moscow` is accepted and [`Calendar::timezone`] reports it as
//! `Europe/Moscow`. An unknown name is a [`CalendarError::UnknownTimeZone`]
//! carrying the nearest known name, if one is close (`Asia/Shangai` →
//! `Asia/Shanghai`). Natively the zones come from the tz database compiled in
//! by `chrono-tz`; in wasm from the host's `Intl` (browser or Node), so that
//! no tz database ships in the package.
//!
//! # Limits
//!
//! Nothing here panics. Instants are clamped to years 1..=9999 (the range of
//! [`Timestamp`]); a result beyond that range saturates to its first or last
//! millisecond. Business-day stepping counts business days with two binary
//! searches over the holidays (its cost does not grow with the number of
//! days stepped) and saturates the same way.

mod suggest;
mod tz;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests;

use crate::time::{Date, Duration, TimeOfDay, Timestamp, Weekday, DAY_MS};

use tz::Zone;

/// Names longer than this are never time zones (the longest IANA name has 32
/// characters).
const MAX_NAME_LEN: usize = 64;

/// A merchant's business calendar: time zone, weekend days, holidays and
/// worked weekend days.
///
/// Cheap to share: every method takes `&self`, and natively a `Calendar` is
/// `Send + Sync`. (In wasm it holds the host's `Intl.DateTimeFormat`, which is
/// single-threaded like wasm itself.)
#[derive(Clone, Debug)]
pub struct Calendar {
    zone: Zone,
    name: String,
    /// Bit `i` set when the weekday with `Weekday::monday0() == i` is a
    /// weekend day. Never all seven.
    weekend: u8,
    /// Sorted, without duplicates.
    holidays: Vec<Date>,
    /// Sorted, without duplicates.
    extra: Vec<Date>,
    /// Sorted: holidays on a weekday that is not a weekend day and not also
    /// an extra business day (days the weekend alone would count, but the
    /// calendar does not) ...
    off: Vec<Date>,
    /// ... and extra business days on a weekend day (the other way round).
    /// With them a count of business days takes two binary searches.
    on: Vec<Date>,
}

/// Why a calendar cannot be built from its settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// `settings.timezone` is not an IANA time-zone name this build knows.
    #[error("unknown time zone '{name}'")]
    UnknownTimeZone {
        /// The name as given (shortened if very long).
        name: String,
        /// The nearest valid name, if one is close, e.g. `Asia/Shanghai` for
        /// `Asia/Shangai`.
        suggestion: Option<String>,
    },
    /// Every day of the week is a weekend day, so business days could never
    /// be counted.
    #[error("every day of the week is a weekend day, so business days could never be counted")]
    NoBusinessDays,
}

impl CalendarError {
    /// A help line for the person fixing the settings, e.g.
    /// "did you mean `Asia/Shanghai`?".
    pub fn help(&self) -> Option<String> {
        match self {
            CalendarError::UnknownTimeZone {
                suggestion: Some(s),
                ..
            } => Some(crate::suggest::did_you_mean(s)),
            CalendarError::UnknownTimeZone {
                suggestion: None, ..
            } => Some("use an IANA time-zone name such as 'Europe/Berlin' or 'UTC'".to_string()),
            CalendarError::NoBusinessDays => {
                Some("leave at least one day of the week out of 'weekend'".to_string())
            }
        }
    }
}

/// Which way business days are stepped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Forward,
    Backward,
}

impl Dir {
    fn sign(self) -> i64 {
        match self {
            Dir::Forward => 1,
            Dir::Backward => -1,
        }
    }

    /// Where a result too far in this direction saturates.
    fn limit(self) -> Timestamp {
        match self {
            Dir::Forward => clamp(Timestamp(i64::MAX)),
            Dir::Backward => clamp(Timestamp(i64::MIN)),
        }
    }
}

/// `dates` sorted, without duplicates.
fn sorted_set(dates: &[Date]) -> Vec<Date> {
    let mut out = Vec::with_capacity(dates.len());
    for &d in dates {
        crate::util::insert_sorted(&mut out, d);
    }
    out
}

/// `t` moved into the supported range (years 1..=9999).
fn clamp(t: Timestamp) -> Timestamp {
    t.plus_ms(0)
}

/// Day numbers (days since 1970-01-01) of 0001-01-01 and 9999-12-31.
const FIRST_DAY: i64 = -719_162;
const LAST_DAY: i64 = 2_932_896;

impl Default for Calendar {
    fn default() -> Self {
        Calendar::utc()
    }
}

impl PartialEq for Calendar {
    /// Same zone name, weekend, holidays and extra business days.
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.weekend == other.weekend
            && self.holidays == other.holidays
            && self.extra == other.extra
    }
}

impl Calendar {
    /// UTC, Saturday and Sunday off, no holidays: the defaults of SPEC §2.
    pub fn utc() -> Calendar {
        Calendar {
            zone: Zone::Fixed(0),
            name: "UTC".to_string(),
            weekend: weekend_mask(&[Weekday::Sat, Weekday::Sun]),
            holidays: Vec::new(),
            extra: Vec::new(),
            off: Vec::new(),
            on: Vec::new(),
        }
    }

    /// A calendar from a rules document's settings.
    ///
    /// `timezone` is an IANA name in any ASCII case (`europe/moscow` is
    /// `Europe/Moscow`). `weekend` may be empty (every day is worked unless it
    /// is a holiday) but must leave at least one day of the week out.
    /// Duplicates in any list are harmless.
    pub fn new(
        timezone: &str,
        weekend: &[Weekday],
        holidays: &[Date],
        extra_business_days: &[Date],
    ) -> Result<Calendar, CalendarError> {
        let unknown = || CalendarError::UnknownTimeZone {
            name: crate::time::truncate(timezone),
            suggestion: suggest_time_zone(timezone),
        };
        if !plausible_name(timezone) {
            return Err(unknown());
        }
        let (zone, name) = Zone::resolve(timezone).ok_or_else(unknown)?;
        let weekend = weekend_mask(weekend);
        if weekend == 0x7f {
            return Err(CalendarError::NoBusinessDays);
        }
        let holidays = sorted_set(holidays);
        let extra = sorted_set(extra_business_days);
        let weekday_off = |d: &Date| weekend & (1 << d.weekday().monday0()) != 0;
        let mut off = holidays.clone();
        off.retain(|d| !weekday_off(d) && extra.binary_search(d).is_err());
        let mut on = extra.clone();
        on.retain(weekday_off);
        Ok(Calendar {
            zone,
            name,
            weekend,
            holidays,
            extra,
            off,
            on,
        })
    }

    /// A calendar of the zone `name` (any ASCII case) with no weekend days
    /// or holidays, for showing times in a viewer's zone; `None` for a name
    /// that is not a known zone. (Lighter than [`Calendar::new`]: no
    /// suggestion, no lists.)
    pub fn zone(name: &str) -> Option<Calendar> {
        if !plausible_name(name) {
            return None;
        }
        let (zone, name) = Zone::resolve(name)?;
        Some(Calendar {
            zone,
            name,
            weekend: 0,
            holidays: Vec::new(),
            extra: Vec::new(),
            off: Vec::new(),
            on: Vec::new(),
        })
    }

    /// This calendar (the same name, weekend, holidays and extra business
    /// days) with its UTC offset fixed at `offset_s` seconds east of UTC at
    /// every instant, whatever its zone's rules say: for a host that chooses
    /// the offsets itself. `None` unless the offset is under 24 hours.
    pub fn with_fixed_offset(&self, offset_s: i32) -> Option<Calendar> {
        if offset_s.unsigned_abs() >= 86_400 {
            return None;
        }
        Some(Calendar {
            zone: Zone::Fixed(offset_s),
            ..self.clone()
        })
    }

    /// The time-zone name, in canonical case (`Europe/Moscow` even if the
    /// settings said `europe/moscow`).
    pub fn timezone(&self) -> &str {
        &self.name
    }

    /// The weekend days, Monday first.
    pub fn weekend(&self) -> Vec<Weekday> {
        Weekday::ALL
            .iter()
            .copied()
            .filter(|w| self.weekend & (1 << w.monday0()) != 0)
            .collect()
    }

    /// The holidays, in date order.
    pub fn holidays(&self) -> impl Iterator<Item = Date> + '_ {
        self.holidays.iter().copied()
    }

    /// The extra (worked) business days, in date order.
    pub fn extra_business_days(&self) -> impl Iterator<Item = Date> + '_ {
        self.extra.iter().copied()
    }

    /// The UTC offset in seconds at instant `t` (east of Greenwich is
    /// positive: `28800` for Asia/Shanghai).
    pub fn offset_at(&self, t: Timestamp) -> i32 {
        self.zone.offset_s(clamp(t).0)
    }

    /// The local date and time of day of instant `t`.
    pub fn local(&self, t: Timestamp) -> (Date, TimeOfDay) {
        let t = clamp(t);
        t.to_civil(self.offset_at(t))
    }

    /// The instant of a local date and time of day.
    ///
    /// A wall time in a DST gap is shifted forward by the gap (02:30 in a
    /// 02:00 → 03:00 gap is 03:30 local); one in a DST overlap is its earlier
    /// occurrence. Results outside years 1..=9999 saturate.
    pub fn from_local(&self, d: Date, tod: TimeOfDay) -> Timestamp {
        let days = d.days();
        if days < FIRST_DAY - 2 {
            return Dir::Backward.limit();
        }
        if days > LAST_DAY + 2 {
            return Dir::Forward.limit();
        }
        // The wall time read as if it were UTC; in range, so no overflow.
        let wall = Timestamp::from_civil(d, tod, 0).0;
        // Offsets are under a day, so a day either side of the wall time is
        // safely before and after any transition that concerns it. (A fixed
        // offset, UTC's included, needs no shortcut: its three lookups are
        // field reads, and every candidate is the same valid instant.)
        let before = i64::from(self.zone.offset_s(wall - DAY_MS)) * 1000;
        let after = i64::from(self.zone.offset_s(wall + DAY_MS)) * 1000;
        let here = i64::from(self.zone.offset_s(wall)) * 1000;
        let valid = [before, after, here]
            .into_iter()
            .map(|off| wall - off)
            .filter(|&ms| i64::from(self.zone.offset_s(ms)) * 1000 == wall - ms)
            .min();
        // No valid instant: a gap. Reading the wall time with the offset in
        // force before the gap lands the length of the gap later.
        clamp(Timestamp(valid.unwrap_or(wall - before)))
    }

    /// Whether `d` is a business day: not a weekend day and not a holiday, or
    /// an extra business day (even one also listed as a holiday).
    pub fn is_business_day(&self, d: Date) -> bool {
        if self.extra.binary_search(&d).is_ok() {
            return true;
        }
        self.weekend & (1 << d.weekday().monday0()) == 0 && self.holidays.binary_search(&d).is_err()
    }

    /// `t + n bd`: `n` business days after `t`'s local date, at `t`'s local
    /// time of day. With `n == 0`: `t` itself on a business day, else the
    /// next business day at the same local time. See the module docs for DST
    /// gaps and overlaps and for saturation.
    pub fn add_business_days(&self, t: Timestamp, n: u32) -> Timestamp {
        self.step(t, n, Dir::Forward)
    }

    /// `t - n bd`: the mirror image of [`add_business_days`](Self::add_business_days).
    /// With `n == 0`: `t` itself on a business day, else the previous
    /// business day at the same local time.
    pub fn sub_business_days(&self, t: Timestamp, n: u32) -> Timestamp {
        self.step(t, n, Dir::Backward)
    }

    /// `t + d`: wall-clock milliseconds, or business days.
    pub fn add(&self, t: Timestamp, d: Duration) -> Timestamp {
        match d {
            Duration::Wall(ms) => clamp(t).plus_ms(ms),
            Duration::Business(n) => self.add_business_days(t, n),
        }
    }

    /// `t - d`: wall-clock milliseconds, or business days.
    pub fn sub(&self, t: Timestamp, d: Duration) -> Timestamp {
        match d {
            Duration::Wall(ms) => clamp(t).plus_ms(ms.saturating_neg()),
            Duration::Business(n) => self.sub_business_days(t, n),
        }
    }

    /// The next business day strictly after `d` (`None` if there is none
    /// in years 1..=9999).
    pub fn next_business_day(&self, d: Date) -> Option<Date> {
        self.nth_business_day(d.days(), 1, Dir::Forward)
            .filter(|day| (FIRST_DAY..=LAST_DAY).contains(day))
            .map(Date::from_days)
    }

    /// The last business day strictly before `d` (`None` if there is none
    /// in years 1..=9999).
    pub fn prev_business_day(&self, d: Date) -> Option<Date> {
        self.nth_business_day(d.days(), 1, Dir::Backward)
            .filter(|day| (FIRST_DAY..=LAST_DAY).contains(day))
            .map(Date::from_days)
    }

    fn step(&self, t: Timestamp, n: u32, dir: Dir) -> Timestamp {
        let t = clamp(t);
        let (date, tod) = self.local(t);
        let n = if n == 0 {
            if self.is_business_day(date) {
                return t;
            }
            1
        } else {
            n
        };
        match self.nth_business_day(date.days(), n, dir) {
            Some(day) => self.from_local(Date::from_days(day), tod),
            None => dir.limit(),
        }
    }

    /// The day number of the `n`-th business day (`n >= 1`) after (or
    /// before) day number `start`, not counting `start` itself; `None` past
    /// one day beyond either end of years 1..=9999 (a local date can be there
    /// for an instant that is still inside the UTC range).
    ///
    /// A search on the count of business days ([`Self::count`]): about 50
    /// counts of two binary searches each, whatever `n`, the weekend and
    /// the holidays (thresholds of `36500bd` are evaluated for every item
    /// of an order, at every candidate instant).
    fn nth_business_day(&self, start: i64, n: u32, dir: Dir) -> Option<i64> {
        let n = i64::from(n);
        let (first, last) = (FIRST_DAY - 1, LAST_DAY + 1);
        // Business days among the `k` days after (or before) `start`.
        let within = |k: i64| match dir {
            Dir::Forward => self.count(start, start + k),
            Dir::Backward => self.count(start - k - 1, start - 1),
        };
        let room = match dir {
            Dir::Forward => last - start,
            Dir::Backward => start - first,
        };
        // The smallest k with `n` business days within k days: found by
        // doubling, then by halving. (A start outside the range has no room:
        // none.)
        let mut hi = 8.min(room);
        while within(hi) < n {
            if hi == room {
                return None;
            }
            // At most `room`, a few million days: no overflow.
            hi = (hi * 2).min(room);
        }
        let mut lo = 0;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if within(mid) >= n {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(start + dir.sign() * hi)
    }

    /// Business days among day numbers `a + 1 ..= b` (0 when `b <= a`).
    fn count(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let per_week = i64::from(7 - self.weekend.count_ones());
        let weeks = (b - a) / 7;
        let mut n = weeks * per_week;
        for d in a + weeks * 7 + 1..=b {
            if self.weekend & (1 << (d + 3).rem_euclid(7)) == 0 {
                n += 1;
            }
        }
        let (a, b) = (Date::from_days(a), Date::from_days(b));
        let between =
            |v: &[Date]| (v.partition_point(|x| *x <= b) - v.partition_point(|x| *x <= a)) as i64;
        n - between(&self.off) + between(&self.on)
    }
}

/// The known time-zone name nearest to `name`, compared case-insensitively
/// by edit distance: `Asia/Shanghai` for `Asia/Shangai`, `Europe/Moscow`
/// for `europe/moscow` (which [`Calendar::new`] accepts as it is). A name
/// without `/` is also compared with the city part (`shanghai` →
/// `Asia/Shanghai`). `None` when nothing is close.
///
/// Natively the names come from the compiled-in tz database; in wasm from
/// `Intl.supportedValuesOf('timeZone')`, and there is no suggestion on hosts
/// without it.
pub fn suggest_time_zone(name: &str) -> Option<String> {
    tz::suggest(name)
}

/// A bit mask of weekdays (bit `monday0`).
fn weekend_mask(days: &[Weekday]) -> u8 {
    days.iter().fold(0, |m, w| m | (1 << w.monday0()))
}

/// Whether `name` can be an IANA zone name at all: a letter first, then
/// letters, digits, `/`, `_`, `-`, `+`. Keeps offsets such as `+08:00` (which
/// some `Intl` hosts accept) out, so both targets agree.
fn plausible_name(name: &str) -> bool {
    name.len() <= MAX_NAME_LEN
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
}
