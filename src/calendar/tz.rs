//! Where UTC offsets come from.
//!
//! A [`Zone`] answers one question, "what is the UTC offset at this
//! instant?". Two sources sit behind it:
//!
//! - native: the tz database compiled in by `chrono-tz`;
//! - wasm32: the host's `Intl.DateTimeFormat` (browser or Node), so no tz
//!   database ships in the wasm package.
//!
//! UTC and its aliases skip both and answer `0` without any lookup.

/// Names that are UTC in the tz database (all links to `Etc/UTC` or
/// `Etc/GMT`, offset 0 at every instant), in canonical case. They take the
/// fast path on both targets.
const UTC_ALIASES: [&str; 18] = [
    "UTC",
    "Etc/UTC",
    "Etc/UCT",
    "UCT",
    "Etc/Universal",
    "Universal",
    "Etc/Zulu",
    "Zulu",
    "GMT",
    "Etc/GMT",
    "Etc/GMT+0",
    "Etc/GMT-0",
    "Etc/GMT0",
    "GMT+0",
    "GMT-0",
    "GMT0",
    "Greenwich",
    "Etc/Greenwich",
];

/// A resolved time zone.
#[derive(Clone, Debug)]
pub(crate) enum Zone {
    /// One offset at every instant, in seconds east of UTC; no lookups.
    /// UTC and its aliases are `Fixed(0)`; other offsets are a host's choice
    /// (`crate::api::TimeZoneSource::FixedOffset`).
    Fixed(i32),
    /// A zone of the target's source (chrono-tz natively, `Intl` on wasm).
    Named(imp::Handle),
}

impl Zone {
    /// The zone called `name` (any ASCII case) and its canonical spelling.
    pub(crate) fn resolve(name: &str) -> Option<(Zone, String)> {
        if let Some(alias) = UTC_ALIASES.iter().find(|a| a.eq_ignore_ascii_case(name)) {
            return Some((Zone::Fixed(0), (*alias).to_string()));
        }
        imp::resolve(name).map(|(h, canonical)| (Zone::Named(h), canonical))
    }

    /// The UTC offset in seconds at `ms` milliseconds since the epoch.
    pub(crate) fn offset_s(&self, ms: i64) -> i32 {
        match self {
            Zone::Fixed(s) => *s,
            Zone::Named(h) => imp::offset_s(h, ms),
        }
    }
}

/// The known zone name nearest to `name` (see `suggest::nearest`).
pub(crate) fn suggest(name: &str) -> Option<String> {
    if !crate::SUGGESTIONS {
        return None;
    }
    imp::suggest(name)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::str::FromStr;

    use chrono::{DateTime, Offset, TimeZone};
    use chrono_tz::{Tz, TZ_VARIANTS};

    pub(crate) type Handle = Tz;

    pub(super) fn resolve(name: &str) -> Option<(Tz, String)> {
        let tz = Tz::from_str(name).ok().or_else(|| {
            TZ_VARIANTS
                .iter()
                .copied()
                .find(|t| t.name().eq_ignore_ascii_case(name))
        })?;
        Some((tz, tz.name().to_string()))
    }

    pub(super) fn offset_s(tz: &Tz, ms: i64) -> i32 {
        match DateTime::from_timestamp_millis(ms) {
            Some(dt) => tz
                .offset_from_utc_datetime(&dt.naive_utc())
                .fix()
                .local_minus_utc(),
            None => 0,
        }
    }

    pub(super) fn suggest(name: &str) -> Option<String> {
        let names = TZ_VARIANTS
            .iter()
            .map(|t| t.name())
            .chain(super::UTC_ALIASES);
        crate::calendar::suggest::nearest(name, names).map(str::to_string)
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::Cell;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::host::js::{array_items, reflect_set, Array, Object};
    use crate::time::Date;

    #[wasm_bindgen]
    extern "C" {
        /// `Intl.DateTimeFormat`, bound here so that construction can catch
        /// the `RangeError` of an unknown zone.
        #[wasm_bindgen(js_namespace = Intl)]
        #[derive(Clone, Debug)]
        pub(crate) type DateTimeFormat;

        #[wasm_bindgen(constructor, catch, js_namespace = Intl)]
        fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;

        #[wasm_bindgen(method, catch, js_class = "Intl.DateTimeFormat", js_name = formatToParts)]
        fn format_to_parts(this: &DateTimeFormat, ms: f64) -> Result<Array, JsValue>;

        #[wasm_bindgen(method, catch, js_class = "Intl.DateTimeFormat", js_name = resolvedOptions)]
        fn resolved_options(this: &DateTimeFormat) -> Result<Resolved, JsValue>;

        type Resolved;

        #[wasm_bindgen(method, getter, js_name = timeZone)]
        fn time_zone(this: &Resolved) -> Option<String>;

        type Part;

        #[wasm_bindgen(method, getter, js_name = "type")]
        fn kind(this: &Part) -> Option<String>;

        #[wasm_bindgen(method, getter)]
        fn value(this: &Part) -> Option<String>;

        #[wasm_bindgen(catch, js_namespace = Intl, js_name = supportedValuesOf)]
        fn supported_values_of(key: &str) -> Result<Array, JsValue>;
    }

    /// The cache holds this many hours, replaced in turn.
    const SLOTS: usize = 16;
    const HOUR_MS: i64 = 3_600_000;
    /// An empty slot (no instant lies in this hour).
    const EMPTY: (i64, i32) = (i64::MIN, 0);

    /// A zone on wasm: the host's formatter, built once when the calendar is
    /// created, and the offsets of recently asked hours.
    ///
    /// Asking `Intl` costs microseconds per call, and explaining one order
    /// asks for a dozen or more offsets in a few hours (a handful of
    /// instants, and a day either side of each). A slot holds
    /// an hour (`ms.div_euclid(HOUR_MS)`) whose first and last millisecond
    /// have the same offset, so the whole hour has it (offsets never change
    /// twice within an hour); an hour with a transition is never cached and
    /// is looked up each time. wasm is single-threaded, so plain `Cell`s do.
    #[derive(Clone, Debug)]
    pub(crate) struct Handle {
        format: DateTimeFormat,
        hours: Box<[Cell<(i64, i32)>; SLOTS]>,
        /// The slot to fill next.
        next: Cell<usize>,
    }

    impl Handle {
        #[cfg(test)]
        pub(super) fn format(&self) -> &DateTimeFormat {
            &self.format
        }
    }

    pub(super) fn resolve(name: &str) -> Option<(Handle, String)> {
        let options = Object::new();
        for (key, value) in [
            ("timeZone", name),
            ("hourCycle", "h23"),
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
        ] {
            reflect_set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
        }
        // An unknown zone is a RangeError: caught here, never thrown through.
        let format = DateTimeFormat::new("en-US", &options).ok()?;
        // Keep the engine's spelling only when it is the same name in another
        // case; an engine that maps aliases (`Asia/Calcutta` →
        // `Asia/Kolkata`) must not rename the merchant's zone.
        let canonical = match format.resolved_options().ok().and_then(|r| r.time_zone()) {
            Some(resolved) if resolved.eq_ignore_ascii_case(name) => resolved,
            _ => name.to_string(),
        };
        let handle = Handle {
            format,
            hours: Box::new([const { Cell::new(EMPTY) }; SLOTS]),
            next: Cell::new(0),
        };
        Some((handle, canonical))
    }

    /// The offset at `ms`, from the cache when its hour is there.
    pub(super) fn offset_s(h: &Handle, ms: i64) -> i32 {
        let hour = ms.div_euclid(HOUR_MS);
        if let Some((_, off)) = h.hours.iter().map(Cell::get).find(|&(k, _)| k == hour) {
            return off;
        }
        let start = hour * HOUR_MS;
        let first = lookup(&h.format, start);
        if first != lookup(&h.format, start + HOUR_MS - 1) {
            return lookup(&h.format, ms);
        }
        let next = h.next.get();
        if let Some(slot) = h.hours.get(next) {
            slot.set((hour, first));
        }
        h.next.set((next + 1) % SLOTS);
        first
    }

    /// Local wall fields from `formatToParts`, minus the instant: the offset.
    /// Falls back to 0 if the host answers something unreadable.
    pub(super) fn lookup(format: &DateTimeFormat, ms: i64) -> i32 {
        let secs = ms.div_euclid(1000);
        let Ok(parts) = format.format_to_parts(ms as f64) else {
            return 0;
        };
        let mut fields = [None::<i64>; 6];
        for part in array_items(&parts) {
            let part: Part = part.unchecked_into();
            let (Some(kind), Some(value)) = (part.kind(), part.value()) else {
                continue;
            };
            let slot = match kind.as_str() {
                "year" => 0,
                "month" => 1,
                "day" => 2,
                "hour" => 3,
                "minute" => 4,
                "second" => 5,
                _ => continue,
            };
            if let Some(f) = fields.get_mut(slot) {
                *f = crate::util::parse_i64(&value);
            }
        }
        let [Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)] = fields else {
            return 0;
        };
        let (Ok(y), Ok(mo), Ok(d)) = (i32::try_from(y), u8::try_from(mo), u8::try_from(d)) else {
            return 0;
        };
        let Some(date) = Date::new(y, mo, d) else {
            return 0;
        };
        // Some engines write midnight as hour 24 of the same day.
        let local = date.days() * 86_400 + (h % 24) * 3600 + mi * 60 + s;
        match i32::try_from(local - secs) {
            Ok(off) if off.abs() < 86_400 => off,
            _ => 0,
        }
    }

    /// Nearest name from `Intl.supportedValuesOf('timeZone')`; none when the
    /// host does not have it.
    pub(super) fn suggest(name: &str) -> Option<String> {
        let list = supported_values_of("timeZone").ok()?;
        let names: Vec<String> = array_items(&list)
            .iter()
            .filter_map(JsValue::as_string)
            .collect();
        let all = names.iter().map(String::as_str).chain(super::UTC_ALIASES);
        crate::calendar::suggest::nearest(name, all).map(str::to_string)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod cache_tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::imp;

    /// The cached offsets equal `Intl`'s own at every instant tried, across
    /// DST transitions, half-hour offsets and Lord Howe's half-hour DST.
    #[wasm_bindgen_test]
    fn cached_offsets_match_intl() {
        let zones = [
            "America/New_York",
            "Australia/Lord_Howe",
            "Australia/Adelaide",
            "Asia/Kathmandu",
            "Europe/Moscow",
        ];
        for name in zones {
            let (h, _) = imp::resolve(name).unwrap();
            // 2026, every 7 min 13.5 s: each hour is asked several times,
            // in a different order of slots each time round.
            let start = 1_767_225_600_000_i64;
            let mut ms = start;
            while ms < start + 366 * 86_400_000 {
                assert_eq!(
                    imp::offset_s(&h, ms),
                    imp::lookup(h.format(), ms),
                    "{name} {ms}"
                );
                ms += 433_500;
            }
        }
    }
}
