//! `renderEmail`: a diagnosis as a transactional e-mail (SPEC §4.4):
//! `{ subject, html, text }`. The HTML is a table layout with inline styles
//! only (no `<script>`, no `<style>`, no external CSS), explicit background
//! and text colours everywhere (clients that force a dark mode recolour a
//! page that states both, instead of leaving dark text on a dark
//! background); links only for the actions that are links
//! (`contact_support`, `track_shipment`, `reorder`) and the support URL.
//! Actions an e-mail cannot run (pay, cancel, confirm) are left out: the
//! texts say what to do, and the shop's page does it.

use super::html::{said, times_shown, Typist};
use super::{escape, http_option, is_http_url, other_reasons, shown_severity};
use crate::diagnosis::{Diagnosis, Reason};
use crate::model::rules::{ActionKind, RuleSet};

/// Options of [`render_email`].
#[derive(Clone, Debug, Default)]
pub struct EmailOptions<'a> {
    /// The shop's name, shown at the top.
    pub brand: Option<&'a str>,
    /// Where to get help (default: the diagnosis's `contact_support` link,
    /// else `settings.support_url`).
    pub support_url: Option<&'a str>,
    /// Accepted for symmetry with [`HtmlOptions`] and ignored: an e-mail's
    /// fixed texts are in the diagnosis's language, as its texts are.
    pub locale: Option<&'a str>,
    /// The IANA zone the diagnosis shows times in, when it was explained
    /// with one (default: the shop's).
    pub time_zone: Option<&'a str>,
}

/// A rendered e-mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// The subject line: the headline's title and the order id.
    pub subject: String,
    /// The HTML part.
    pub html: String,
    /// The plain-text part.
    pub text: String,
}

// Colours: the widget's light palette, each text on an explicit background.
macro_rules! page {
    () => {
        "#eef1f4"
    };
}
macro_rules! card {
    () => {
        "#ffffff"
    };
}
macro_rules! text {
    () => {
        "#1d232a"
    };
}
macro_rules! muted {
    () => {
        "#56606b"
    };
}
macro_rules! line {
    () => {
        "#d6dbe1"
    };
}
macro_rules! accent {
    () => {
        "#1d6b57"
    };
}
macro_rules! font { () => {
    "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,'PingFang SC','Microsoft YaHei',sans-serif"
} }

const HEAD: &str = "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light\">\n<meta name=\"supported-color-schemes\" content=\"light\">\n<title>";
const BODY: &str = concat!(
    "</title>\n</head>\n<body style=\"margin:0;padding:0;background-color:", page!(), ";color:", text!(), "\">\n",
    "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;background-color:", page!(), ";color:", text!(),
    "\"><tbody><tr><td style=\"padding:24px 12px;background-color:", page!(), ";color:", text!(), "\">\n",
    "<table role=\"presentation\" style=\"width:100%;max-width:600px;margin:0 auto;border-collapse:separate;background-color:",
    card!(), ";color:", text!(), ";border:1px solid ", line!(), ";border-radius:12px\"><tbody>\n",
    "<tr><td style=\"padding:20px 24px 8px;background-color:", card!(), ";color:", muted!(), ";", font!(), ";font-size:13px\">"
);
const ROW: &str = concat!(
    "<tr><td style=\"padding:0 24px 16px;background-color:",
    card!(),
    ";color:",
    text!(),
    ";",
    font!(),
    ";font-size:15px;line-height:1.5\">"
);
const END_ROW: &str = "</td></tr>\n";
const BRAND: &str = concat!("<strong style=\"color:", text!(), "\">");
const SEVERITY: &str = "<p style=\"margin:0 0 4px;font-size:12px;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:";
const TITLE: &str = concat!(
    "<h1 style=\"margin:0 0 8px;font-size:22px;line-height:1.3;color:",
    text!(),
    "\">"
);
const BODY_P: &str = concat!("<p style=\"margin:0;color:", text!(), "\">");
const REASON: &str = concat!(
    "<p style=\"margin:0;padding-left:12px;border-left:3px solid ",
    line!(),
    ";color:",
    text!(),
    "\"><strong>"
);
const NOTE: &str = concat!(
    "<p style=\"margin:0 0 4px;padding-left:12px;border-left:3px solid ",
    line!(),
    ";color:",
    muted!(),
    ";font-size:14px\">"
);
const LINK: &str = concat!(
    "\" style=\"display:inline-block;margin:0 8px 8px 0;padding:11px 18px;border:1px solid ",
    accent!(),
    ";border-radius:8px;font-weight:600;text-decoration:none;"
);
const PRIMARY: &str = concat!("background-color:", accent!(), ";color:#ffffff\">");
const SECONDARY: &str = concat!("background-color:", card!(), ";color:", accent!(), "\">");
const STAGES: &str = concat!(
    "<h2 style=\"margin:8px 0;font-size:16px;color:",
    text!(),
    "\">"
);
const STAGE_TABLE: &str =
    "</h2><table role=\"presentation\" style=\"border-collapse:collapse\"><tbody>";
const MARK: &str = concat!(
    "<tr><td style=\"width:28px;padding:0 8px 10px 0;vertical-align:top;background-color:", card!(),
    "\"><span style=\"display:inline-block;width:22px;height:22px;line-height:22px;text-align:center;border-radius:11px;font-size:13px;font-weight:700;"
);
const STAGE: &str = concat!(
    "</span></td><td style=\"padding:0 0 10px;vertical-align:top;background-color:",
    card!(),
    ";color:",
    text!(),
    ";",
    font!(),
    ";font-size:14px\"><strong>"
);
const DETAIL: &str = concat!("<br><span style=\"color:", muted!(), "\">");
const FOOT: &str = concat!(
    "<tr><td style=\"padding:8px 24px 20px;border-top:1px solid ",
    line!(),
    ";background-color:",
    card!(),
    ";color:",
    muted!(),
    ";",
    font!(),
    ";font-size:13px\">"
);
const CODE: &str = concat!(
    " <span style=\"font-family:Menlo,Consolas,monospace;white-space:nowrap;color:",
    text!(),
    "\">"
);
const END: &str = "</td></tr>\n</tbody></table>\n</td></tr></tbody></table>\n</body>\n</html>\n";

/// An HTML string being written: raw markup, escaped text, and text set
/// for the locale.
struct W<'a> {
    out: String,
    t: Typist<'a>,
}

impl W<'_> {
    fn s(&mut self, raw: &str) -> &mut Self {
        self.out.push_str(raw);
        self
    }
    fn e(&mut self, text: &str) -> &mut Self {
        escape(text, &mut self.out);
        self
    }
    fn t(&mut self, text: &str) -> &mut Self {
        self.t.write(&mut self.out, text);
        self
    }
}

/// Lines of the plain-text part.
fn line(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
    out.push('\n');
}

/// The e-mail for `d`; `rules` gives the fixed texts (`email.*`,
/// `widget.*`) and the support URL. Fails only on bad options.
pub fn render_email(rules: &RuleSet, d: &Diagnosis, opts: &EmailOptions) -> Result<Email, String> {
    let support_opt = http_option("supportUrl", opts.support_url)?;
    let zone = super::html::zone_option(opts.time_zone)?;
    let zone = super::times_zone(rules, d, zone)?;
    // The fixed texts are in the diagnosis's language: its texts cannot
    // change, and a page has one `lang`.
    let locale = d.locale.as_str();
    let lang = crate::messages::locale::negotiate(locale, &rules.catalog.tags());
    let m = |key: &str, values: &[(&str, &str)]| rules.message(key, values, &lang);
    let hd = &d.headline;
    let zone_line = times_shown(d).then(|| {
        m(
            "widget.time_zone",
            &[("zone", zone.unwrap_or_else(|| rules.calendar.timezone()))],
        )
    });
    let mail = Mail {
        d,
        brand: opts.brand.map(str::trim).filter(|b| !b.is_empty()),
        links: links(rules, d, support_opt, &lang),
        notes: notes(d),
        zone_line,
        subject: m(
            "email.subject",
            &[("title", &hd.title), ("order_id", &d.order_id)],
        )
        .replace(['\r', '\n'], " "),
        order_line: m("email.order", &[("order_id", &d.order_id)]),
        code_label: m("widget.support_code", &[]),
        progress: m("widget.refund_progress", &[]),
        states: d
            .timeline
            .iter()
            .map(|s| m(&["widget.stage.", s.state.as_str()].concat(), &[]))
            .collect(),
        others: other_reasons(d).collect(),
    };
    let sev = shown_severity(d);
    let sev_key = if sev == "success" { "info" } else { sev };
    let severity = m(&["widget.severity.", sev_key].concat(), &[]);
    // Chinese punctuation is full width, with no space after it.
    let colon = if lang.starts_with("zh") { "：" } else { ": " };
    let text = mail.text(colon);
    let html = mail.html(sev, &severity);
    Ok(Email {
        subject: mail.subject,
        html,
        text,
    })
}

/// Links: the link actions, then the support URL (`support`, else the
/// `contact_support` action's, else the shop's) unless one of them is it.
fn links(
    rules: &RuleSet,
    d: &Diagnosis,
    support: Option<String>,
    lang: &str,
) -> Vec<(String, String)> {
    let mut links: Vec<(String, String)> = Vec::new();
    for a in &d.actions {
        if let Some(u) = a.url.as_ref().filter(|u| is_http_url(u)) {
            links.push((a.label.clone(), u.clone()));
        }
    }
    let support = support
        .or_else(|| {
            let a = d
                .actions
                .iter()
                .find(|a| a.kind == ActionKind::ContactSupport);
            a.and_then(|a| a.url.clone())
        })
        .or_else(|| rules.settings.support_url.clone())
        .filter(|u| is_http_url(u));
    if let Some(u) = support {
        if !links.iter().any(|(_, l)| *l == u) {
            links.push((rules.message("action.contact_support.label", &[], lang), u));
        }
    }
    links
}

/// Deadlines, and until when to wait (`wait`) unless the headline says it;
/// the other actions need the shop's page.
fn notes(d: &Diagnosis) -> Vec<&str> {
    let mut notes: Vec<&str> = d.deadlines.iter().map(|x| x.label.as_str()).collect();
    for a in &d.actions {
        if a.kind == ActionKind::Wait && !said(&a.label, &d.headline.body) {
            notes.push(&a.label);
        }
    }
    notes
}

/// What both parts of the e-mail show, texts already in the locale.
struct Mail<'a> {
    d: &'a Diagnosis,
    brand: Option<&'a str>,
    /// Labels and URLs of the links.
    links: Vec<(String, String)>,
    notes: Vec<&'a str>,
    /// Whose clock the times are on, when a text shows one.
    zone_line: Option<String>,
    subject: String,
    order_line: String,
    code_label: String,
    progress: String,
    /// The label of each timeline stage's state.
    states: Vec<String>,
    others: Vec<&'a Reason>,
}

impl Mail<'_> {
    /// The plain-text part; `colon` separates a link's label from its URL.
    fn text(&self, colon: &str) -> String {
        let (d, hd) = (self.d, &self.d.headline);
        let mut text = String::new();
        if let Some(b) = self.brand {
            line(&mut text, &[b]);
        }
        line(&mut text, &[&self.order_line, "\n"]);
        line(&mut text, &[&hd.title, "\n", &hd.body]);
        for r in &self.others {
            line(&mut text, &["\n", &r.title, "\n", &r.body]);
        }
        if !self.notes.is_empty() {
            text.push('\n');
            for n in &self.notes {
                line(&mut text, &["- ", n]);
            }
        }
        if !d.timeline.is_empty() {
            line(&mut text, &["\n", &self.progress]);
            for (s, state) in d.timeline.iter().zip(&self.states) {
                line(&mut text, &["- ", &s.label, " (", state, ")"]);
                if !s.detail.is_empty() {
                    line(&mut text, &["  ", &s.detail]);
                }
            }
        }
        if !self.links.is_empty() {
            text.push('\n');
            for (label, url) in &self.links {
                line(&mut text, &[label, colon, url]);
            }
        }
        text.push('\n');
        if let Some(z) = &self.zone_line {
            line(&mut text, &[z]);
        }
        if !d.support_code.is_empty() {
            let gap = if self.code_label.ends_with('：') {
                ""
            } else {
                " "
            };
            line(&mut text, &[&self.code_label, gap, &d.support_code]);
        }
        text
    }

    /// The HTML part; `sev` is the severity shown, `severity` its label.
    fn html(&self, sev: &str, severity: &str) -> String {
        let d = self.d;
        let mut h = W {
            out: String::with_capacity(8192),
            t: Typist::new(&d.locale, &d.order_id),
        };
        h.s("<!DOCTYPE html>\n<html lang=\"")
            .e(&d.locale)
            .s(HEAD)
            .e(&self.subject)
            .s(BODY);
        if let Some(b) = self.brand {
            h.s(BRAND).e(b).s("</strong> · ");
        }
        h.t(&self.order_line).s(END_ROW);
        self.html_headline(&mut h, sev, severity);
        self.html_links_and_notes(&mut h);
        self.html_timeline(&mut h);
        // Time zone and support code.
        h.s(FOOT);
        if let Some(z) = &self.zone_line {
            h.s("<p style=\"margin:0 0 4px\">").t(z).s("</p>");
        }
        if !d.support_code.is_empty() {
            h.s("<p style=\"margin:0\">")
                .e(&self.code_label)
                .s(CODE)
                .e(&d.support_code)
                .s("</span></p>");
        }
        h.s(END);
        h.out
    }

    /// The headline's rows (severity, title, body), then the other reasons'.
    fn html_headline(&self, h: &mut W, sev: &str, severity: &str) {
        let hd = &self.d.headline;
        let colour = match sev {
            "action_required" => accent!(),
            "warning" => "#8f5400",
            "success" => "#1b6e36",
            _ => muted!(),
        };
        h.s(ROW).s(SEVERITY).s(colour).s("\">");
        h.e(severity).s("</p>");
        h.s(TITLE)
            .t(&hd.title)
            .s("</h1>")
            .s(BODY_P)
            .t(&hd.body)
            .s("</p>")
            .s(END_ROW);
        for r in &self.others {
            h.s(ROW)
                .s(REASON)
                .t(&r.title)
                .s("</strong><br>")
                .t(&r.body)
                .s("</p>")
                .s(END_ROW);
        }
    }

    /// Links as buttons, the first one filled; then the notes.
    fn html_links_and_notes(&self, h: &mut W) {
        if !self.links.is_empty() {
            h.s(ROW);
            for (i, (label, url)) in self.links.iter().enumerate() {
                h.s("<a href=\"")
                    .e(url)
                    .s(LINK)
                    .s(if i == 0 { PRIMARY } else { SECONDARY });
                h.e(label).s("</a>");
            }
            h.s(END_ROW);
        }
        if !self.notes.is_empty() {
            h.s(ROW);
            for n in &self.notes {
                h.s(NOTE).t(n).s("</p>");
            }
            h.s(END_ROW);
        }
    }

    /// The refund timeline, if any.
    fn html_timeline(&self, h: &mut W) {
        let d = self.d;
        if d.timeline.is_empty() {
            return;
        }
        h.s(ROW).s(STAGES).e(&self.progress).s(STAGE_TABLE);
        for (s, state) in d.timeline.iter().zip(&self.states) {
            let (mark, look, colour) = stage_look(s.state.as_str());
            h.s(MARK)
                .s(look)
                .s("\">")
                .s(mark)
                .s(STAGE)
                .t(&s.label)
                .s("</strong> <span style=\"color:");
            h.s(colour).s("\">(").e(state).s(")</span>");
            if !s.detail.is_empty() {
                h.s(DETAIL).t(&s.detail).s("</span>");
            }
            h.s("</td></tr>");
        }
        h.s("</tbody></table>").s(END_ROW);
    }
}

/// A timeline stage's mark, the mark's style, and the colour of its state.
fn stage_look(state: &str) -> (&'static str, &'static str, &'static str) {
    match state {
        "done" => (
            "\u{2713}",
            concat!("background-color:", accent!(), ";color:#ffffff"),
            muted!(),
        ),
        "current" => (
            "\u{2022}",
            concat!("background-color:", card!(), ";color:", accent!()),
            accent!(),
        ),
        "overdue" => ("!", "background-color:#ffffff;color:#b3261e", "#b3261e"),
        _ => (
            "\u{25cb}",
            concat!("background-color:", card!(), ";color:", muted!()),
            muted!(),
        ),
    }
}
