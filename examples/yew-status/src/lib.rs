//! A Yew component that shows an orderlens diagnosis, the way the npm
//! package's `<order-lens>` widget does, in a Rust front-end: the headline
//! and its body, the actions as buttons (links for `contact_support`,
//! `track_shipment`, `reorder`), the deadlines, and the refund timeline.
//!
//! ```ignore
//! use orderlens::api::{ExplainOptions, Rules};
//! use orderlens_yew_status::{OrderStatus, OrderStatusProps};
//!
//! let rules = Rules::from_bytes(include_bytes!("../rules.olr"))?; // `orderlens compile`
//! html! {
//!     <OrderStatus rules={rules} order={order_json} locale="zh-CN"
//!                  on_action={Callback::from(|kind| /* POST /orders/…/kind */ ())} />
//! }
//! ```
//!
//! [`OrderStatus`] explains the order itself (at `now`, by default the
//! clock) and shows a readable message instead of a blank box when the
//! order cannot be read; [`DiagnosisView`] renders a diagnosis you already
//! have (e.g. one your server sent, deserialized with serde).

use orderlens::api::{Action, ActionKind, Diagnosis, ExplainOptions, Rules, Timestamp};
use yew::prelude::*;

/// Properties of [`DiagnosisView`].
#[derive(Properties, PartialEq)]
pub struct DiagnosisViewProps {
    /// What to show.
    pub diagnosis: Diagnosis,
    /// Called with the action when a button is pressed (links just open).
    #[prop_or_default]
    pub on_action: Callback<Action>,
}

/// One diagnosis: headline, body, actions, deadlines, refund timeline and
/// the support code. Text only (the texts are plain text, never HTML).
#[function_component]
pub fn DiagnosisView(props: &DiagnosisViewProps) -> Html {
    let d = &props.diagnosis;
    let severity = d.headline.severity.as_str();
    let actions = d.actions.iter().map(|a| {
        let class = classes!("orderlens-action", a.primary.then_some("primary"));
        match &a.url {
            Some(url) => html! {
                <a class={class} href={url.clone()} rel="noopener" target="_blank"
                   data-kind={a.kind.as_str()}>{ &a.label }</a>
            },
            None if a.kind == ActionKind::Wait => html! {
                <span class="orderlens-wait" data-kind="wait">{ &a.label }</span>
            },
            None => {
                let on_action = props.on_action.clone();
                let action = a.clone();
                let onclick = Callback::from(move |_| on_action.emit(action.clone()));
                html! {
                    <button type="button" class={class} data-kind={a.kind.as_str()} {onclick}>
                        { &a.label }
                    </button>
                }
            }
        }
    });
    let deadlines = d.deadlines.iter().map(|x| {
        html! {
            <li data-kind={x.kind.clone()}>
                <time datetime={x.at.to_rfc3339()}>{ &x.label }</time>
            </li>
        }
    });
    let stages = d.timeline.iter().map(|s| {
        html! {
            <li data-stage={s.stage.as_str()} data-state={s.state.as_str()}>
                <span class="label">{ &s.label }</span>
                if !s.detail.is_empty() { { " " }<span class="detail">{ &s.detail }</span> }
            </li>
        }
    });
    html! {
        <section class={classes!("orderlens", severity)} aria-live="polite" lang={d.locale.clone()}>
            <h2 class="orderlens-title">{ &d.headline.title }</h2>
            <p class="orderlens-body">{ &d.headline.body }</p>
            if !d.actions.is_empty() {
                <div class="orderlens-actions">{ for actions }</div>
            }
            if !d.deadlines.is_empty() {
                <ul class="orderlens-deadlines">{ for deadlines }</ul>
            }
            if !d.timeline.is_empty() {
                <ol class="orderlens-timeline">{ for stages }</ol>
            }
            <p class="orderlens-support">{ &d.support_code }</p>
        </section>
    }
}

/// Properties of [`OrderStatus`].
#[derive(Properties, PartialEq)]
pub struct OrderStatusProps {
    /// The merchant's rules (load once, share: cloning is cheap).
    pub rules: Rules,
    /// The order document (SPEC §1) as JSON text.
    pub order: AttrValue,
    /// A language tag or an Accept-Language list.
    #[prop_or(AttrValue::Static("en"))]
    pub locale: AttrValue,
    /// The viewer's IANA time zone for the times in texts (else the shop's).
    #[prop_or_default]
    pub time_zone: Option<AttrValue>,
    /// The evaluation time (else the clock, at each render).
    #[prop_or_default]
    pub now: Option<Timestamp>,
    /// Called with the action when a button is pressed.
    #[prop_or_default]
    pub on_action: Callback<Action>,
}

/// Explains `order` with `rules` and shows it; a bad order shows a short
/// message (and the problems in the console), never a blank box.
#[function_component]
pub fn OrderStatus(props: &OrderStatusProps) -> Html {
    let mut options =
        ExplainOptions::new(props.now.unwrap_or_else(orderlens::api::now)).locale(&*props.locale);
    if let Some(zone) = &props.time_zone {
        options = options.time_zone(&**zone);
    }
    match props.rules.explain(&props.order, &options) {
        Ok(d) => html! { <DiagnosisView diagnosis={d} on_action={props.on_action.clone()} /> },
        Err(e) => {
            for problem in e.diagnostics() {
                web_sys::console::warn_1(
                    &format!("orderlens: {}: {}", problem.path, problem.message).into(),
                );
            }
            let text = props.rules.message("widget.fallback", &[], &props.locale);
            html! { <section class="orderlens fallback" role="status"><p>{ text }</p></section> }
        }
    }
}
