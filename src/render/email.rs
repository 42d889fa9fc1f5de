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
use super::{escape, http_option, is_http_url, label_locale, other_reasons, shown_severity};
use crate::diagnosis::Diagnosis;
use crate::rules::RuleSet;

/// Options of [`render_email`].
#[derive(Clone, Debug, Default)]
pub struct EmailOptions<'a> {
    /// The shop's name, shown at the top.
    pub brand: Option<&'a str>,
    /// Where to get help (default: the diagnosis's `contact_support` link,
    /// else `settings.support_url`).
    pub support_url: Option<&'a str>,
    /// The locale of the fixed texts (default: the diagnosis's).
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
const PAGE: &str = "#eef1f4";
const CARD: &str = "#ffffff";
const TEXT: &str = "#1d232a";
const MUTED: &str = "#56606b";
const LINE: &str = "#d6dbe1";
const ACCENT: &str = "#1d6b57";
const ON_ACCENT: &str = "#ffffff";
const WARNING: &str = "#8f5400";
const DANGER: &str = "#b3261e";
const SUCCESS: &str = "#1b6e36";
const FONT: &str = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,'PingFang SC','Microsoft YaHei',sans-serif";

/// The e-mail for `d`; `rules` gives the fixed texts (`email.*`,
/// `widget.*`) and the support URL. Fails only on bad options.
pub fn render_email(rules: &RuleSet, d: &Diagnosis, opts: &EmailOptions) -> Result<Email, String> {
    let support_opt = http_option("supportUrl", opts.support_url)?;
    if let Some(z) = opts.time_zone {
        if crate::calendar::Calendar::zone(z).is_none() {
            return Err(format!(
                "timeZone: unknown time zone '{}'",
                crate::time::truncate(z)
            ));
        }
    }
    let locale = label_locale(opts.locale, d);
    let lang = crate::messages::locale::negotiate(locale, &rules.catalog.tags());
    let m = |key: &str, values: &[(&str, &str)]| rules.message(key, values, &lang);
    let brand = opts.brand.map(str::trim).filter(|b| !b.is_empty());
    let hd = &d.headline;
    let sev = shown_severity(d);

    // Links: the link actions, then the support URL unless one of them is it.
    let mut links: Vec<(String, String)> = d
        .actions
        .iter()
        .filter_map(|a| match &a.url {
            Some(u) if is_http_url(u) => Some((a.label.clone(), u.clone())),
            _ => None,
        })
        .collect();
    let support = support_opt
        .or_else(|| {
            d.actions
                .iter()
                .find(|a| a.kind == "contact_support")
                .and_then(|a| a.url.clone())
        })
        .or_else(|| rules.settings.support_url.clone())
        .filter(|u| is_http_url(u));
    if let Some(u) = &support {
        if !links.iter().any(|(_, l)| l == u) {
            links.push((m("action.contact_support.label", &[]), u.clone()));
        }
    }
    // `wait` says until when; the other actions need the shop's page.
    let notes: Vec<&str> = d
        .actions
        .iter()
        .filter(|a| a.kind == "wait" && !said(&a.label, &hd.body))
        .map(|a| a.label.as_str())
        .collect();
    let zone_line = times_shown(d).then(|| {
        let zone = opts.time_zone.unwrap_or_else(|| rules.calendar.timezone());
        m("widget.time_zone", &[("zone", zone)])
    });
    let subject = one_line(&m(
        "email.subject",
        &[("title", &hd.title), ("order_id", &d.order_id)],
    ));
    let order_line = m("email.order", &[("order_id", &d.order_id)]);
    let code_label = m("widget.support_code", &[]);
    let stage_state = |s: &str| m(&format!("widget.stage.{s}"), &[]);

    // --- text -------------------------------------------------------------
    let mut text = String::new();
    if let Some(b) = brand {
        text.push_str(b);
        text.push('\n');
    }
    text.push_str(&order_line);
    text.push_str("\n\n");
    text.push_str(&hd.title);
    text.push('\n');
    text.push_str(&hd.body);
    text.push('\n');
    for r in other_reasons(d) {
        text.push('\n');
        text.push_str(&r.title);
        text.push('\n');
        text.push_str(&r.body);
        text.push('\n');
    }
    if !d.deadlines.is_empty() || !notes.is_empty() {
        text.push('\n');
        for x in &d.deadlines {
            text.push_str(&format!("- {}\n", x.label));
        }
        for n in &notes {
            text.push_str(&format!("- {n}\n"));
        }
    }
    if !d.timeline.is_empty() {
        text.push_str(&format!("\n{}\n", m("widget.refund_progress", &[])));
        for s in &d.timeline {
            text.push_str(&format!("- {} ({})\n", s.label, stage_state(s.state)));
            if !s.detail.is_empty() {
                text.push_str(&format!("  {}\n", s.detail));
            }
        }
    }
    if !links.is_empty() {
        text.push('\n');
        for (label, url) in &links {
            text.push_str(&format!("{label}: {url}\n"));
        }
    }
    text.push('\n');
    if let Some(z) = &zone_line {
        text.push_str(z);
        text.push('\n');
    }
    if !d.support_code.is_empty() {
        text.push_str(&format!("{code_label} {}\n", d.support_code));
    }

    // --- HTML -------------------------------------------------------------
    let t = Typist::new(&d.locale, &d.order_id);
    let esc = |s: &str| {
        let mut o = String::new();
        escape(s, &mut o);
        o
    };
    let typed = |s: &str| {
        let mut o = String::new();
        t.write(&mut o, s);
        o
    };
    let colour = match sev {
        "action_required" => ACCENT,
        "warning" => WARNING,
        "success" => SUCCESS,
        _ => MUTED,
    };
    let cell = format!("padding:0 24px 16px;background-color:{CARD};color:{TEXT};{FONT};font-size:15px;line-height:1.5");
    let mut h = String::with_capacity(8192);
    h.push_str("<!DOCTYPE html>\n<html lang=\"");
    h.push_str(&esc(&d.locale));
    h.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"color-scheme\" content=\"light\">\n<meta name=\"supported-color-schemes\" content=\"light\">\n");
    h.push_str(&format!("<title>{}</title>\n</head>\n", esc(&subject)));
    h.push_str(&format!(
        "<body style=\"margin:0;padding:0;background-color:{PAGE};color:{TEXT}\">\n"
    ));
    h.push_str(&format!(
        "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;background-color:{PAGE};color:{TEXT}\"><tr><td style=\"padding:24px 12px;background-color:{PAGE};color:{TEXT}\">\n"
    ));
    h.push_str(&format!(
        "<table role=\"presentation\" style=\"width:100%;max-width:600px;margin:0 auto;border-collapse:separate;background-color:{CARD};color:{TEXT};border:1px solid {LINE};border-radius:12px\">\n"
    ));
    // Brand and order.
    let top = match brand {
        Some(b) => format!(
            "<strong style=\"color:{TEXT}\">{}</strong> · {}",
            esc(b),
            typed(&order_line)
        ),
        None => typed(&order_line),
    };
    h.push_str(&format!(
        "<tr><td style=\"padding:20px 24px 8px;background-color:{CARD};color:{MUTED};{FONT};font-size:13px\">{top}</td></tr>\n"
    ));
    // Headline.
    let sev_key = if sev == "success" { "info" } else { sev };
    h.push_str(&format!("<tr><td style=\"{cell}\">"));
    h.push_str(&format!(
        "<p style=\"margin:0 0 4px;font-size:12px;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:{colour}\">{}</p>",
        esc(&m(&format!("widget.severity.{sev_key}"), &[]))
    ));
    h.push_str(&format!(
        "<h1 style=\"margin:0 0 8px;font-size:22px;line-height:1.3;color:{TEXT}\">{}</h1>",
        typed(&hd.title)
    ));
    h.push_str(&format!(
        "<p style=\"margin:0;color:{TEXT}\">{}</p></td></tr>\n",
        typed(&hd.body)
    ));
    // Other reasons.
    for r in other_reasons(d) {
        h.push_str(&format!(
            "<tr><td style=\"{cell}\"><p style=\"margin:0;padding-left:12px;border-left:3px solid {LINE};color:{TEXT}\"><strong>{}</strong><br>{}</p></td></tr>\n",
            typed(&r.title),
            typed(&r.body)
        ));
    }
    // Links as buttons.
    if !links.is_empty() {
        h.push_str(&format!("<tr><td style=\"{cell}\">"));
        for (i, (label, url)) in links.iter().enumerate() {
            let (bg, fg) = if i == 0 {
                (ACCENT, ON_ACCENT)
            } else {
                (CARD, ACCENT)
            };
            h.push_str(&format!(
                "<a href=\"{}\" style=\"display:inline-block;margin:0 8px 8px 0;padding:11px 18px;border:1px solid {ACCENT};border-radius:8px;background-color:{bg};color:{fg};font-weight:600;text-decoration:none\">{}</a>",
                esc(url),
                esc(label)
            ));
        }
        h.push_str("</td></tr>\n");
    }
    // Deadlines and what to wait for.
    if !d.deadlines.is_empty() || !notes.is_empty() {
        h.push_str(&format!("<tr><td style=\"{cell}\">"));
        for x in d
            .deadlines
            .iter()
            .map(|x| x.label.as_str())
            .chain(notes.iter().copied())
        {
            h.push_str(&format!(
                "<p style=\"margin:0 0 4px;padding-left:12px;border-left:3px solid {LINE};color:{MUTED};font-size:14px\">{}</p>",
                typed(x)
            ));
        }
        h.push_str("</td></tr>\n");
    }
    // The refund timeline.
    if !d.timeline.is_empty() {
        h.push_str(&format!(
            "<tr><td style=\"{cell}\"><h2 style=\"margin:8px 0 8px;font-size:16px;color:{TEXT}\">{}</h2>",
            esc(&m("widget.refund_progress", &[]))
        ));
        h.push_str("<table role=\"presentation\" style=\"border-collapse:collapse\">");
        for s in &d.timeline {
            let (mark, fg, bg) = match s.state {
                "done" => ("\u{2713}", ON_ACCENT, ACCENT),
                "current" => ("\u{2022}", ACCENT, CARD),
                "overdue" => ("!", DANGER, CARD),
                _ => ("\u{25cb}", MUTED, CARD),
            };
            let state_colour = match s.state {
                "overdue" => DANGER,
                "current" => ACCENT,
                _ => MUTED,
            };
            h.push_str(&format!(
                "<tr><td style=\"width:28px;padding:0 8px 10px 0;vertical-align:top;background-color:{CARD}\"><span style=\"display:inline-block;width:22px;height:22px;line-height:22px;text-align:center;border-radius:11px;border:1px solid {bg};background-color:{bg};color:{fg};font-size:13px;font-weight:700\">{mark}</span></td>"
            ));
            h.push_str(&format!(
                "<td style=\"padding:0 0 10px;vertical-align:top;background-color:{CARD};color:{TEXT};{FONT};font-size:14px\"><strong>{}</strong> <span style=\"color:{state_colour}\">({})</span>",
                typed(&s.label),
                esc(&stage_state(s.state))
            ));
            if !s.detail.is_empty() {
                h.push_str(&format!(
                    "<br><span style=\"color:{MUTED}\">{}</span>",
                    typed(&s.detail)
                ));
            }
            h.push_str("</td></tr>");
        }
        h.push_str("</table></td></tr>\n");
    }
    // Time zone and support code.
    h.push_str(&format!(
        "<tr><td style=\"padding:8px 24px 20px;border-top:1px solid {LINE};background-color:{CARD};color:{MUTED};{FONT};font-size:13px\">"
    ));
    if let Some(z) = &zone_line {
        h.push_str(&format!("<p style=\"margin:0 0 4px\">{}</p>", typed(z)));
    }
    if !d.support_code.is_empty() {
        h.push_str(&format!(
            "<p style=\"margin:0\">{} <span style=\"font-family:Menlo,Consolas,monospace;white-space:nowrap;color:{TEXT}\">{}</span></p>",
            esc(&code_label),
            esc(&d.support_code)
        ));
    }
    h.push_str("</td></tr>\n</table>\n</td></tr></table>\n</body>\n</html>\n");
    Ok(Email {
        subject,
        html: h,
        text,
    })
}

/// A subject is one line.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
