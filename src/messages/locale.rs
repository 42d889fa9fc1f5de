//! Locale negotiation and locale-aware formatting of dates, numbers and
//! money for `en`, `zh-CN` and `ru`.
//!
//! The same formatter runs natively and in wasm, so the CLI, Node and the
//! browser print the very same text. Times are shown in the merchant's time
//! zone (`settings.timezone`), the zone the business-day deadlines are
//! counted in, in 24-hour form.

use super::plural::Rule;
use crate::calendar::Calendar;
use crate::time::{Date, TimeOfDay, Timestamp};

/// The locales orderlens ships.
pub const SHIPPED: &[&str] = &["en", "zh-CN", "ru"];

/// How dates, numbers and money are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// English: `Nov 21, 10:28`, `$1,234.50`.
    En,
    /// Simplified Chinese: `11月21日 10:28`, `¥1,234.50`.
    Zh,
    /// Russian: `21 ноября, 10:28`, `1 234,50 ₽`.
    Ru,
}

/// A resolved locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locale {
    /// The tag as the catalogs name it: `en`, `zh-CN`, `ru` or a merchant's.
    pub tag: String,
    /// Plural rule.
    pub plural: Rule,
    /// Formatting style.
    pub style: Style,
}

impl Locale {
    /// A locale from a catalog tag.
    pub fn from_tag(tag: &str) -> Locale {
        let lang = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let style = match lang.as_str() {
            "zh" => Style::Zh,
            "ru" | "uk" | "be" => Style::Ru,
            _ => Style::En,
        };
        Locale {
            tag: tag.to_string(),
            plural: Rule::for_language(&lang),
            style,
        }
    }
}

/// Picks the best of `available` for a requested locale or an
/// `Accept-Language` list (`"fr-CH, fr;q=0.9, ru;q=0.8"`).
///
/// Each requested tag, in order of preference, matches an available tag
/// exactly (case-insensitive), else by language (`ru-RU` → `ru`, and every
/// Chinese tag — `zh`, `zh-Hans-CN`, `zh-SG` — → `zh-CN`, the one Chinese
/// catalog); the first requested tag that matches wins. Nothing matching
/// gives `en`.
pub fn negotiate(requested: &str, available: &[String]) -> String {
    // (Plain loops: the iterator adapters cost more code in the wasm build.)
    let mut prefs: Vec<(u32, &str)> = Vec::new();
    for part in requested.split(',') {
        if prefs.len() == 20 {
            break;
        }
        let mut it = part.split(';');
        let tag = it.next().unwrap_or("").trim();
        if tag.is_empty() || tag == "*" || tag.len() > 35 {
            continue;
        }
        let mut q = QONE;
        for p in it {
            if let Some(v) = p.trim().strip_prefix("q=").and_then(|v| qvalue(v.trim())) {
                q = v;
                break;
            }
        }
        if q > 0 {
            prefs.push((q, tag));
        }
    }
    // Highest weight first; equal weights keep the order they were given in.
    crate::util::sort_by(&mut prefs, |a, b| a.0 > b.0);
    for (_, tag) in prefs {
        let tag = tag.replace('_', "-");
        if let Some(a) = available.iter().find(|a| a.eq_ignore_ascii_case(&tag)) {
            return a.clone();
        }
        let lang = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        if let Some(a) = available.iter().find(|a| a.eq_ignore_ascii_case(&lang)) {
            return a.clone();
        }
        if let Some(a) = available.iter().find(|a| {
            a.split('-')
                .next()
                .is_some_and(|l| l.eq_ignore_ascii_case(&lang))
        }) {
            return a.clone();
        }
    }
    "en".to_string()
}

/// `q=1` in [`qvalue`]'s units.
const QONE: u32 = 1_000_000;

/// A `q=` weight in millionths: a decimal such as `0.8`, `1`, `.5` or `+0.25`
/// (a value above 1 is kept as it is, as before; a negative one is 0).
/// `None` for anything else, which leaves the tag at the default weight 1.
fn qvalue(text: &str) -> Option<u32> {
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    if neg {
        return Some(0);
    }
    let mut q: u32 = 0;
    for b in int.bytes() {
        q = q.saturating_mul(10).saturating_add(u32::from(b - b'0'));
    }
    q = q.saturating_mul(QONE);
    let mut unit = QONE;
    for b in frac.bytes() {
        unit /= 10;
        q = q.saturating_add(unit * u32::from(b - b'0'));
    }
    Some(q)
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn month(names: &[&'static str; 12], m: u8) -> &'static str {
    names
        .get(usize::from(m.saturating_sub(1)))
        .copied()
        .unwrap_or("")
}

/// Formats instants and dates for one locale, relative to "now" (the year is
/// left out when it is the current one; the date when it is today).
pub struct DateFormatter<'a> {
    /// Locale style.
    pub style: Style,
    /// Calendar whose zone times are shown in.
    pub calendar: &'a Calendar,
    /// Local date of "now".
    pub today: Date,
}

impl DateFormatter<'_> {
    /// The spaces inside a date are no-break spaces (U+00A0), so that a
    /// line never breaks inside one.
    fn date_text(&self, d: Date) -> String {
        let with_year = d.year != self.today.year;
        // Piece by piece (not `format!`: a diagnosis writes several dates).
        let year = u32::try_from(d.year).unwrap_or_default();
        let mut out = String::with_capacity(24);
        let num = |out: &mut String, n: u32| crate::time::push_padded(out, n, 1);
        match self.style {
            Style::En => {
                out.push_str(month(&EN_MONTHS, d.month));
                out.push('\u{a0}');
                num(&mut out, u32::from(d.day));
                if with_year {
                    out.push_str(",\u{a0}");
                    num(&mut out, year);
                }
            }
            Style::Zh => {
                if with_year {
                    num(&mut out, year);
                    out.push('年');
                }
                num(&mut out, u32::from(d.month));
                out.push('月');
                num(&mut out, u32::from(d.day));
                out.push('日');
            }
            Style::Ru => {
                num(&mut out, u32::from(d.day));
                out.push('\u{a0}');
                out.push_str(month(&RU_MONTHS, d.month));
                if with_year {
                    out.push('\u{a0}');
                    num(&mut out, year);
                    out.push_str("\u{a0}г.");
                }
            }
        }
        out
    }

    /// A calendar date: `Nov 28`, `11月28日`, `28 ноября`.
    pub fn date(&self, t: Timestamp) -> String {
        self.date_text(self.calendar.local(t).0)
    }

    /// A date and time: `10:28` today, else `Nov 22, 10:28`, `11月22日 10:28`,
    /// `22 ноября, 10:28` (no-break spaces throughout).
    pub fn date_time(&self, t: Timestamp) -> String {
        let (d, tod) = self.calendar.local(t);
        let time = hm(tod);
        if d == self.today {
            return time;
        }
        let date = self.date_text(d);
        let mut out = date;
        out.push_str(match self.style {
            Style::En | Style::Ru => ",\u{a0}",
            Style::Zh => "\u{a0}",
        });
        out.push_str(&time);
        out
    }
}

fn hm(t: TimeOfDay) -> String {
    let mut out = String::with_capacity(5);
    crate::time::push_padded(&mut out, t.hour(), 2);
    out.push(':');
    crate::time::push_padded(&mut out, t.minute(), 2);
    out
}

/// Groups the digits of a whole number: `1,234,567` / `1 234 567`.
pub fn group(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Formats a count: `1,234` (en, zh), `1 234` (ru, no-break space).
pub fn number(style: Style, n: i64) -> String {
    let sep = match style {
        Style::Ru => "\u{a0}",
        _ => ",",
    };
    let s = group(n.unsigned_abs(), sep);
    if n < 0 {
        format!("-{s}")
    } else {
        s
    }
}

/// Digits after the decimal point of a currency (ISO 4217 minor unit).
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "PYG" | "UGX" | "XAF" | "XOF" | "RWF" | "KMF"
        | "GNF" | "DJF" | "VUV" | "XPF" | "BIF" => 0,
        "KWD" | "BHD" | "OMR" | "JOD" | "TND" | "IQD" | "LYD" => 3,
        _ => 2,
    }
}

fn symbol(style: Style, currency: &str) -> Option<&'static str> {
    Some(match (style, currency) {
        (_, "EUR") => "€",
        (_, "GBP") => "£",
        (Style::Zh, "CNY") => "¥",
        (Style::En | Style::Ru, "CNY") => "CN¥",
        (Style::Zh, "USD") => "US$",
        (Style::En | Style::Ru, "USD") => "$",
        (Style::Ru, "RUB") => "₽",
        (Style::Zh, "JPY") => "JP¥",
        (Style::En | Style::Ru, "JPY") => "¥",
        (Style::En, "CAD") => "CA$",
        (Style::En, "AUD") => "A$",
        (Style::En, "HKD") => "HK$",
        (Style::Zh, "HKD") => "HK$",
        (_, "INR") => "₹",
        (_, "KRW") => "₩",
        _ => return None,
    })
}

/// Formats money from minor units: `$129.00`, `¥129.00` (zh-CN), `129,00 ₽`,
/// `¥1,290` (JPY in en), `KWD 1.250` — a code where the locale has no symbol.
/// Every space inside is a no-break space (U+00A0), as `Intl.NumberFormat`
/// writes them, so that a line never breaks inside an amount.
pub fn money(style: Style, minor: i64, currency: Option<&str>) -> String {
    let cur = currency.unwrap_or("");
    let digits = minor_digits(cur);
    let scale = 10u64.pow(digits);
    let abs = minor.unsigned_abs();
    let (int, frac) = (abs / scale, abs % scale);
    let (group_sep, dec) = match style {
        Style::Ru => ("\u{a0}", ","),
        _ => (",", "."),
    };
    let mut num = group(int, group_sep);
    if digits > 0 {
        num.push_str(dec);
        // (`frac` is below 10^digits, at most 1,000.)
        crate::time::push_padded(&mut num, u32::try_from(frac).unwrap_or(0), digits);
    }
    let sign = if minor < 0 { "-" } else { "" };
    // Piece by piece (not `format!`: a diagnosis writes several amounts).
    let join = crate::util::join;
    match (style, symbol(style, cur)) {
        (_, None) if cur.is_empty() => join(&[sign, &num]),
        (Style::Ru, Some(sym)) => join(&[sign, &num, "\u{a0}", sym]),
        (Style::Ru, None) => join(&[sign, &num, "\u{a0}", cur]),
        (_, Some(sym)) => join(&[sign, sym, &num]),
        (_, None) => join(&[sign, cur, "\u{a0}", &num]),
    }
}

/// A relative time for a countdown: `in 25 minutes`, `через 25 минут`,
/// `25分钟后`; past times read `25 minutes ago`, `25 минут назад`, `25分钟前`.
/// Under a minute reads as "less than a minute". Minutes are rounded to the
/// nearest whole one, up to an hour; then hours, up to two days; then days.
pub fn relative(style: Style, now: Timestamp, at: Timestamp) -> String {
    let diff = at.millis() - now.millis();
    let future = diff >= 0;
    let ms = diff.unsigned_abs();
    let minutes = (ms + 30_000) / 60_000;
    let (n, unit) = if ms < 60_000 {
        (0, 0)
    } else if minutes < 60 {
        (minutes, 1)
    } else if minutes < 48 * 60 {
        ((ms + 1_800_000) / 3_600_000, 2)
    } else {
        ((ms + 43_200_000) / 86_400_000, 3)
    };
    let n_i = i64::try_from(n).unwrap_or(i64::MAX);
    match style {
        Style::En => {
            if unit == 0 {
                return if future {
                    "in less than a minute".into()
                } else {
                    "less than a minute ago".into()
                };
            }
            let word = ["", "minute", "hour", "day"]
                .get(unit)
                .copied()
                .unwrap_or("day");
            let plural = if n == 1 { "" } else { "s" };
            if future {
                format!("in {n} {word}{plural}")
            } else {
                format!("{n} {word}{plural} ago")
            }
        }
        Style::Zh => {
            if unit == 0 {
                return if future {
                    "不到1分钟后".into()
                } else {
                    "不到1分钟前".into()
                };
            }
            let word = ["", "分钟", "小时", "天"]
                .get(unit)
                .copied()
                .unwrap_or("天");
            format!("{n}{word}{}", if future { "后" } else { "前" })
        }
        Style::Ru => {
            if unit == 0 {
                return if future {
                    "меньше чем через минуту".into()
                } else {
                    "меньше минуты назад".into()
                };
            }
            let forms: [&str; 3] = match unit {
                1 => ["минуту", "минуты", "минут"],
                2 => ["час", "часа", "часов"],
                _ => ["день", "дня", "дней"],
            };
            let [one, few, many] = forms;
            let word = match Rule::EastSlavic.select(n_i) {
                super::plural::Category::One => one,
                super::plural::Category::Few => few,
                _ => many,
            };
            if future {
                format!("через {n} {word}")
            } else {
                format!("{n} {word} назад")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits() {
        let cases: [(u64, &str); 7] = [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (1_234_567, "1,234,567"),
            (100_000, "100,000"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ];
        for (n, want) in cases {
            assert_eq!(group(n, ","), want);
        }
        assert_eq!(number(Style::Ru, -1234), "-1\u{a0}234");
        assert_eq!(number(Style::En, i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(money(Style::En, -5, Some("USD")), "-$0.05");
        assert_eq!(money(Style::Ru, 1, Some("KWD")), "0,001\u{a0}KWD");
        assert_eq!(money(Style::En, 129, None), "1.29");
    }

    #[test]
    fn money_per_locale() {
        assert_eq!(money(Style::En, 12900, Some("USD")), "$129.00");
        assert_eq!(money(Style::Zh, 12900, Some("CNY")), "¥129.00");
        assert_eq!(money(Style::Ru, 12900, Some("RUB")), "129,00\u{a0}₽");
        assert_eq!(
            money(Style::Ru, 123_456_789, Some("RUB")),
            "1\u{a0}234\u{a0}567,89\u{a0}₽"
        );
        assert_eq!(money(Style::En, 1290, Some("JPY")), "¥1,290");
        assert_eq!(money(Style::En, 1250, Some("KWD")), "KWD\u{a0}1.250");
        assert_eq!(money(Style::Ru, 1250, Some("KWD")), "1,250\u{a0}KWD");
        assert_eq!(money(Style::En, -500, Some("EUR")), "-€5.00");
    }

    #[test]
    fn relative_times() {
        let now = Timestamp(1_000_000_000_000);
        let at = |mins: i64| now.plus_ms(mins * 60_000);
        assert_eq!(relative(Style::En, now, at(25)), "in 25 minutes");
        assert_eq!(relative(Style::Ru, now, at(25)), "через 25 минут");
        assert_eq!(relative(Style::Zh, now, at(25)), "25分钟后");
        assert_eq!(relative(Style::En, now, at(1)), "in 1 minute");
        assert_eq!(relative(Style::Ru, now, at(1)), "через 1 минуту");
        assert_eq!(relative(Style::Ru, now, at(22)), "через 22 минуты");
        assert_eq!(relative(Style::Ru, now, at(21 * 60)), "через 21 час");
        assert_eq!(relative(Style::Ru, now, at(3 * 24 * 60)), "через 3 дня");
        assert_eq!(relative(Style::Ru, now, at(5 * 24 * 60)), "через 5 дней");
        assert_eq!(relative(Style::En, now, at(-90)), "2 hours ago");
        assert_eq!(relative(Style::Zh, now, at(-3 * 24 * 60)), "3天前");
        assert_eq!(
            relative(Style::En, now, now.plus_ms(20_000)),
            "in less than a minute"
        );
    }

    #[test]
    fn negotiates() {
        let av: Vec<String> = SHIPPED.iter().map(|s| s.to_string()).collect();
        assert_eq!(negotiate("zh-Hans-CN", &av), "zh-CN");
        assert_eq!(negotiate("zh", &av), "zh-CN");
        assert_eq!(negotiate("ru-RU", &av), "ru");
        assert_eq!(negotiate("de-DE", &av), "en");
        assert_eq!(negotiate("fr-CH, fr;q=0.9, ru;q=0.8, en;q=0.7", &av), "ru");
        assert_eq!(negotiate("en;q=0.5, ru", &av), "ru");
        assert_eq!(negotiate("", &av), "en");
        assert_eq!(negotiate("ru;q=0.50, zh;q=.5, en;q=0.499", &av), "ru");
        assert_eq!(negotiate("en;q=0, ru;q=-1, zh;q=x", &av), "zh-CN");
        assert_eq!(negotiate("en;q=0.001, ru;q=0.0001", &av), "en");
    }

    #[test]
    fn reads_qvalues() {
        assert_eq!(qvalue("1"), Some(QONE));
        assert_eq!(qvalue("0.8"), Some(800_000));
        assert_eq!(qvalue(".5"), Some(500_000));
        assert_eq!(qvalue("+0.25"), Some(250_000));
        assert_eq!(qvalue("1."), Some(QONE));
        assert_eq!(qvalue("-0.5"), Some(0));
        for bad in ["", ".", "-", "x", "0.5x", "1e-1", "0..5"] {
            assert_eq!(qvalue(bad), None, "{bad}");
        }
    }
}
