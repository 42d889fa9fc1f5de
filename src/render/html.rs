//! `renderHTML`: the markup `<order-lens>` renders for a diagnosis, as HTML
//! with a declarative shadow root, so that the status shows before any
//! script runs and the widget takes it over when it loads (SPEC §4.4).
//!
//! This mirrors `View.render()` of `pkg-template/widget.js` element for
//! element (classes, `part` names, ARIA roles and texts) for a widget at
//! rest: no confirmation open, no action running, no error. Two things only
//! a browser knows are left to the widget: the line-break points it finds in
//! Chinese text with `Intl.Segmenter` (`<wbr>`), and the localized name of a
//! time zone (the IANA name here).

use super::{escape, is_http_url, other_reasons, shown_severity, shows_time};
use crate::diagnosis::{Action, Deadline, Diagnosis, StageState, TimelineStage};
use crate::model::rules::{ActionKind, RuleSet};

/// Options of [`render_html`].
#[derive(Clone, Debug, Default)]
pub struct HtmlOptions<'a> {
    /// The `locale` attribute: the language the widget goes on in when it
    /// takes over (default: the diagnosis's). The labels rendered here are
    /// in the diagnosis's language, as its texts are.
    pub locale: Option<&'a str>,
    /// `light`, `dark` or `auto` (the `theme` attribute; default: the page's
    /// `color-scheme`).
    pub theme: Option<&'a str>,
    /// URL of the package's `widget.css`, linked inside the shadow root.
    pub stylesheet: Option<&'a str>,
    /// The IANA zone the diagnosis shows times in, when it was explained
    /// with one (default: the shop's, `settings.timezone`); it becomes the
    /// `time-zone` attribute (default `shop`), so that the widget shows the
    /// same times when it takes over.
    pub time_zone: Option<&'a str>,
}

const ICONS: [(&str, &str); 4] = [
    ("info", "i"),
    ("warning", "!"),
    ("action_required", "!"),
    ("success", "\u{2713}"),
];
const MARKS: [(&str, &str); 4] = [
    ("done", "\u{2713}"),
    ("current", "\u{2022}"),
    ("upcoming", ""),
    ("overdue", "!"),
];
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const URGENT: i64 = 5 * MINUTE;

fn lookup(table: &[(&str, &'static str)], key: &str) -> &'static str {
    table.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v)
}

/// Checks the stylesheet URL: http(s), or a URL relative to the page; no
/// other scheme (`javascript:`, `data:`).
fn stylesheet_url(url: &str) -> Result<&str, String> {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, path_start) {
        (Some(c), Some(p)) => c < p,
        (Some(_), None) => true,
        _ => false,
    };
    if url.is_empty() || url.len() > 2048 || (has_scheme && !is_http_url(url)) {
        return Err(format!(
            "stylesheet: '{}' is not an http(s) or relative URL",
            crate::time::truncate(url)
        ));
    }
    Ok(url)
}

/// `<order-lens>` with a declarative shadow root holding the widget's
/// markup for `d`. `rules` gives the widget's labels (`widget.*`) and the
/// shop's time zone. Fails only on bad options.
pub fn render_html(rules: &RuleSet, d: &Diagnosis, opts: &HtmlOptions) -> Result<String, String> {
    let theme = theme_option(opts.theme)?;
    let stylesheet = opts.stylesheet.map(stylesheet_url).transpose()?;
    let zone = zone_option(opts.time_zone)?;
    let shown_zone = super::times_zone(rules, d, zone)?;
    // The fixed texts are in the diagnosis's language: its texts cannot
    // change, and a page has one `lang`.
    let locale = d.locale.as_str();
    let sev = shown_severity(d);
    let page = Page {
        rules,
        d,
        lang: crate::messages::locale::negotiate(locale, &rules.catalog.tags()),
        t: Typist::new(&d.locale, &d.order_id),
        sev,
        emphasis: sev == "action_required" || sev == "warning",
    };

    let mut out = String::with_capacity(4096);
    host(
        &mut out,
        opts.locale.filter(|l| !l.is_empty()).unwrap_or(locale),
        zone,
        theme,
        stylesheet,
    );
    open(
        &mut out,
        "div",
        &[
            ("part", "container"),
            ("class", "c"),
            ("role", "region"),
            ("lang", &d.locale),
            ("aria-label", &page.m("widget.region", &[])),
            ("aria-busy", "false"),
        ],
    );
    page.headline(&mut out);
    page.other_reasons(&mut out);
    page.actions(&mut out);
    page.deadlines(&mut out);
    page.timeline(&mut out);
    page.time_zone(&mut out, shown_zone);
    page.support_code(&mut out);
    out.push_str("</div>");
    open(
        &mut out,
        "div",
        &[
            ("role", "status"),
            ("aria-live", "polite"),
            ("class", "sr"),
            ("lang", &d.locale),
        ],
    );
    out.push_str("</div></template></order-lens>");
    Ok(out)
}

/// Checks the `theme` option: `light`, `dark` or `auto`.
fn theme_option(theme: Option<&str>) -> Result<Option<&str>, String> {
    match theme {
        None => Ok(None),
        Some(t @ ("light" | "dark" | "auto")) => Ok(Some(t)),
        Some(t) => Err(format!(
            "theme: expected 'light', 'dark' or 'auto', not '{}'",
            crate::time::truncate(t)
        )),
    }
}

/// Opens `<order-lens>` with its attributes, its shadow root and the
/// stylesheet linked inside it.
fn host(
    out: &mut String,
    locale: &str,
    zone: Option<&str>,
    theme: Option<&str>,
    stylesheet: Option<&str>,
) {
    out.push_str("<order-lens");
    attr(out, "locale", Some(locale));
    // The times shown are the shop's (or the zone given): the widget keeps
    // to them when it takes over, so that no text changes.
    attr(out, "time-zone", Some(zone.unwrap_or("shop")));
    attr(out, "theme", theme);
    out.push_str("><template shadowrootmode=\"open\">");
    if let Some(href) = stylesheet {
        out.push_str("<link rel=\"stylesheet\"");
        attr(out, "href", Some(href));
        out.push('>');
    }
}

/// What every part of the widget's markup needs: the diagnosis, the rules
/// and locale its labels come from, how text is set, and the severity shown.
struct Page<'a> {
    rules: &'a RuleSet,
    d: &'a Diagnosis,
    lang: String,
    t: Typist<'a>,
    sev: &'static str,
    /// Whether the severity calls for attention (primary buttons stand out).
    emphasis: bool,
}

impl Page<'_> {
    /// The widget label `key` in the labels' locale.
    fn m(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.rules.message(key, values, &self.lang)
    }

    /// Whether the headline's body already gives the date or time `label` names.
    fn said(&self, label: &str) -> bool {
        said(label, &self.d.headline.body)
    }

    /// The headline: icon, severity, title and body.
    fn headline(&self, out: &mut String) {
        let (hd, sev, t) = (&self.d.headline, self.sev, &self.t);
        open(
            out,
            "div",
            &[
                ("part", "headline"),
                ("class", "hd"),
                ("data-severity", sev),
            ],
        );
        open(out, "span", &[("class", "ic"), ("aria-hidden", "true")]);
        out.push_str(lookup(&ICONS, sev));
        out.push_str("</span>");
        open(out, "div", &[("class", "hx")]);
        open(
            out,
            "p",
            &[("class", if self.emphasis { "sv" } else { "sr" })],
        );
        let sev_key = if sev == "success" { "info" } else { sev };
        text(out, &self.m(&["widget.severity.", sev_key].concat(), &[]));
        out.push_str("</p>");
        open(
            out,
            "h2",
            &[
                ("part", "title"),
                ("class", "t"),
                ("tabindex", "-1"),
                ("data-k", "title"),
            ],
        );
        t.write(out, &hd.title);
        out.push_str("</h2></div>");
        open(out, "p", &[("part", "body"), ("class", "b")]);
        t.write(out, &hd.body);
        out.push_str("</p></div>");
    }

    /// The reasons other than the headline's, if any.
    fn other_reasons(&self, out: &mut String) {
        let mut others = other_reasons(self.d).peekable();
        if others.peek().is_none() {
            return;
        }
        open(out, "ul", &[("part", "reasons"), ("class", "rs")]);
        for r in others {
            open(out, "li", &[("data-severity", r.severity.as_str())]);
            out.push_str("<strong>");
            self.t.write(out, &r.title);
            out.push_str("</strong> ");
            self.t.write(out, &r.body);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }

    /// Actions: links and buttons; `wait` becomes a note unless the body
    /// already says until when.
    fn actions(&self, out: &mut String) {
        let mut actions = String::new();
        let mut notes = String::new();
        let new_tab = self.m("widget.new_tab", &[]);
        for a in &self.d.actions {
            if a.kind == ActionKind::Wait {
                if !self.said(&a.label) {
                    open(&mut notes, "p", &[("part", "wait"), ("class", "nt")]);
                    self.t.write(&mut notes, &a.label);
                    notes.push_str("</p>");
                }
            } else if let Some(url) = &a.url {
                if is_http_url(url) {
                    self.link(&mut actions, a, url, &new_tab);
                }
            } else {
                self.button(&mut actions, a);
            }
        }
        if !actions.is_empty() {
            open(out, "div", &[("part", "actions"), ("class", "ac")]);
            out.push_str(&actions);
            out.push_str("</div>");
        }
        out.push_str(&notes);
    }

    /// Whether action `a` is shown as the primary one.
    fn primary(&self, a: &Action) -> bool {
        a.primary && self.emphasis
    }

    /// An action that opens `url` (in a new tab, except `reorder`).
    fn link(&self, out: &mut String, a: &Action, url: &str, new_tab: &str) {
        let primary = self.primary(a);
        let k = ["a:", a.kind.as_str()].concat();
        let same = a.kind == ActionKind::Reorder;
        let part = ["link", if primary { " button-primary" } else { "" }].concat();
        let mut at: Vec<(&str, &str)> = vec![
            ("part", &part),
            ("class", if primary { "btn p" } else { "btn" }),
            ("href", url),
            ("rel", "noopener noreferrer"),
        ];
        if !same {
            at.push(("target", "_blank"));
        }
        at.push(("data-k", &k));
        open(out, "a", &at);
        text(out, &a.label);
        if !same {
            new_tab_note(out, new_tab);
        }
        out.push_str("</a>");
    }

    /// An action the widget runs: a button.
    fn button(&self, out: &mut String, a: &Action) {
        let primary = self.primary(a);
        let k = ["a:", a.kind.as_str()].concat();
        let part = ["button", if primary { " button-primary" } else { "" }].concat();
        open(
            out,
            "button",
            &[
                ("type", "button"),
                ("part", &part),
                ("class", if primary { "btn p" } else { "btn" }),
                ("data-k", &k),
            ],
        );
        text(out, &a.label);
        out.push_str("</button>");
    }

    /// Deadlines, with a countdown in their last hour.
    fn deadlines(&self, out: &mut String) {
        let mut deadlines = String::new();
        let now = self.d.now.millis();
        for x in &self.d.deadlines {
            let left = x.at.millis().saturating_sub(now);
            let countdown = left <= HOUR;
            let dup = self.said(&x.label);
            if dup && !countdown {
                continue;
            }
            open(
                &mut deadlines,
                "li",
                &[("part", "deadline"), ("data-kind", &x.kind)],
            );
            if !dup {
                self.t.write(&mut deadlines, &x.label);
            }
            if countdown {
                self.countdown(&mut deadlines, x, left);
            }
            deadlines.push_str("</li>");
        }
        if !deadlines.is_empty() {
            open(out, "ul", &[("class", "dl")]);
            out.push_str(&deadlines);
            out.push_str("</ul>");
        }
    }

    /// The countdown to deadline `x`, `left` milliseconds away.
    fn countdown(&self, out: &mut String, x: &Deadline, left: i64) {
        let at = x.at.to_rfc3339();
        let urgent = left > 0 && left <= URGENT;
        open(
            out,
            "span",
            &[
                ("class", if urgent { "cd u" } else { "cd" }),
                ("data-at", &at),
            ],
        );
        if left > 0 {
            let minutes = (left / MINUTE).to_string();
            text(out, &self.m("widget.countdown", &[("minutes", &minutes)]));
        }
        out.push_str("</span>");
    }

    /// The refund timeline, if any.
    fn timeline(&self, out: &mut String) {
        if self.d.timeline.is_empty() {
            return;
        }
        open(
            out,
            "section",
            &[("class", "tl"), ("aria-labelledby", "oltl")],
        );
        open(out, "h3", &[("class", "th"), ("id", "oltl")]);
        text(out, &self.m("widget.refund_progress", &[]));
        out.push_str("</h3>");
        open(out, "ol", &[("part", "timeline")]);
        for s in &self.d.timeline {
            self.stage(out, s);
        }
        out.push_str("</ol></section>");
    }

    /// One stage of the refund timeline: its mark, label, state and detail.
    fn stage(&self, out: &mut String, s: &TimelineStage) {
        let cls = ["st ", s.state.as_str()].concat();
        let mut at: Vec<(&str, &str)> = vec![
            ("part", "stage"),
            ("class", &cls),
            ("data-state", s.state.as_str()),
        ];
        if s.state == StageState::Current {
            at.push(("aria-current", "step"));
        }
        open(out, "li", &at);
        open(out, "span", &[("class", "dot"), ("aria-hidden", "true")]);
        out.push_str(lookup(&MARKS, s.state.as_str()));
        out.push_str("</span>");
        open(out, "span", &[("class", "sl")]);
        self.t.write(out, &s.label);
        out.push_str("</span>");
        let shown = s.state == StageState::Current || s.state == StageState::Overdue;
        open(out, "span", &[("class", if shown { "ss" } else { "sr" })]);
        out.push_str("<span class=\"sr\">, </span>");
        text(
            out,
            &self.m(&["widget.stage.", s.state.as_str()].concat(), &[]),
        );
        out.push_str("</span>");
        if !s.detail.is_empty() {
            open(out, "span", &[("class", "sa")]);
            out.push_str("<span class=\"sr\">, </span>");
            self.t.write(out, &s.detail);
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }

    /// Whose clock the times are on, when a text shows one: `zone`, else
    /// the shop's.
    fn time_zone(&self, out: &mut String, zone: Option<&str>) {
        if times_shown(self.d) {
            let zone = zone.unwrap_or_else(|| self.rules.calendar.timezone());
            open(out, "p", &[("part", "time-zone"), ("class", "tz")]);
            self.t
                .write(out, &self.m("widget.time_zone", &[("zone", zone)]));
            out.push_str("</p>");
        }
    }

    /// The support code, if any.
    fn support_code(&self, out: &mut String) {
        if !self.d.support_code.is_empty() {
            open(out, "p", &[("part", "support-code"), ("class", "sc")]);
            text(out, &self.m("widget.support_code", &[]));
            out.push_str(" <span class=\"code\">");
            text(out, &self.d.support_code);
            out.push_str("</span></p>");
        }
    }
}

/// Whether any text of the diagnosis shows a date or a time.
pub(crate) fn times_shown(d: &Diagnosis) -> bool {
    shows_time(&d.headline.body)
        || d.reasons.iter().any(|r| shows_time(&r.body))
        || d.actions.iter().any(|a| shows_time(&a.label))
        || d.deadlines.iter().any(|x| shows_time(&x.label))
        || d.timeline.iter().any(|s| shows_time(&s.detail))
}

/// Checks the `timeZone` option: an IANA zone this build knows.
pub(crate) fn zone_option(zone: Option<&str>) -> Result<Option<&str>, String> {
    match zone {
        Some(z) if crate::calendar::Calendar::zone(z).is_none() => Err(format!(
            "timeZone: unknown time zone '{}'",
            crate::time::truncate(z)
        )),
        _ => Ok(zone),
    }
}

fn new_tab_note(out: &mut String, label: &str) {
    out.push_str("<span class=\"sr\"> ");
    text(out, label);
    out.push_str("</span>");
}

fn attr(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape(v, out);
        out.push('"');
    }
}

fn open(out: &mut String, tag: &str, attrs: &[(&str, &str)]) {
    out.push('<');
    out.push_str(tag);
    for (k, v) in attrs {
        attr(out, k, Some(v));
    }
    out.push('>');
}

fn text(out: &mut String, s: &str) {
    escape(s, out);
}

/// Whether the headline's body already gives the date or time `label`
/// names (the widget's `said`): the label's first `h:mm` or `N月N日`, else its
/// first word with a digit, without a final `.,;:。`.
pub(crate) fn said(label: &str, body: &str) -> bool {
    let found = time_in(label).or_else(|| {
        label
            .split(' ')
            .find(|w| w.chars().any(|c| c.is_ascii_digit()))
    });
    match found {
        Some(at) => {
            let at = at.strip_suffix(['.', ',', ';', ':', '。']).unwrap_or(at);
            !at.is_empty() && body.contains(at)
        }
        None => false,
    }
}

/// The leftmost match of `/\d{1,2}:\d\d|\d+月\d+日/` in `s`.
fn time_in(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let digits_from = |i: usize| (i..).take_while(|&j| digit(j)).count();
    for i in 0..b.len() {
        if !s.is_char_boundary(i) || !digit(i) {
            continue;
        }
        // \d{1,2}:\d\d (two digits first, then one).
        for n in [2usize, 1] {
            if (0..n).all(|k| digit(i + k))
                && b.get(i + n) == Some(&b':')
                && digit(i + n + 1)
                && digit(i + n + 2)
            {
                return s.get(i..i + n + 3);
            }
        }
        // \d+月\d+日
        let n = digits_from(i);
        let rest = s.get(i + n..).unwrap_or("");
        if let Some(after) = rest.strip_prefix('月') {
            let m = after.bytes().take_while(u8::is_ascii_digit).count();
            if m > 0 && after.get(m..).is_some_and(|r| r.starts_with('日')) {
                let end = i + n + '月'.len_utf8() + m + '日'.len_utf8();
                return s.get(i..end);
            }
        }
    }
    None
}

/// How text is set for a locale, as the widget's `typist`: the order id
/// never breaks at its hyphens; Russian binds one-letter words to the next
/// word and a dash to the word before it. (Chinese break points come from
/// the browser's word segmenter: the widget adds them when it takes over.)
pub(crate) struct Typist<'a> {
    id: &'a str,
    ru: bool,
}

impl<'a> Typist<'a> {
    pub(crate) fn new(locale: &str, id: &'a str) -> Typist<'a> {
        Typist {
            id,
            ru: locale.starts_with("ru"),
        }
    }

    pub(crate) fn write(&self, out: &mut String, s: &str) {
        let set = |part: &str, out: &mut String| {
            if self.ru {
                escape(&ru(part), out);
            } else {
                escape(part, out);
            }
        };
        if self.id.is_empty() {
            return set(s, out);
        }
        for (i, part) in s.split(self.id).enumerate() {
            if i > 0 {
                out.push_str("<span class=\"nw\">");
                escape(self.id, out);
                out.push_str("</span>");
            }
            set(part, out);
        }
    }
}

/// JavaScript's `\s`.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// The widget's Russian setting: `/(?<=^|[\s(«„])([а-яё])\s/giu` → the
/// space after a one-letter word becomes a no-break space, and so does the
/// space before a dash (`/\s—/g`).
pub(crate) fn ru(s: &str) -> String {
    let letter = |x: char| matches!(x, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё');
    let mut out = String::with_capacity(s.len());
    // The two characters before `c`, and the one after it.
    let (mut before2, mut before) = (None::<char>, None::<char>);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let short_word = before.is_some_and(letter)
            && before2.is_none_or(|b| js_space(b) || matches!(b, '(' | '«' | '„'));
        let dash = chars.peek() == Some(&'—');
        out.push(if js_space(c) && (short_word || dash) {
            '\u{a0}'
        } else {
            c
        });
        before2 = before;
        before = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_finds_the_time_the_body_gives() {
        assert!(said(
            "Cancelled automatically if not paid by 10:28",
            "Pay before 10:28, or else."
        ));
        assert!(!said(
            "Cancelled automatically if not paid by 10:29",
            "Pay before 10:28, or else."
        ));
        assert!(said("在 12月8日 前", "请在12月8日前付款"));
        assert!(said("by 8 Dec.", "arrives by 8 Dec"));
        assert_eq!(time_in("at 123:45"), Some("23:45"));
        assert!(!said("no digits", "no digits"));
    }

    #[test]
    fn russian_binds_short_words() {
        assert_eq!(
            ru("Оплатите в течение дня — или"),
            "Оплатите в\u{a0}течение дня\u{a0}— или"
        );
        assert_eq!(ru("и с тем"), "и\u{a0}с\u{a0}тем");
    }
}
