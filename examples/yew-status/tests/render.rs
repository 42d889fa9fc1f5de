//! Mounts the components in a headless browser and reads what they render:
//!
//!     wasm-pack test --headless --chrome --mode no-install
//!
//! The expected texts come from the orderlens API itself (the same rules,
//! order and time), so the test checks the rendering, not the wording.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use orderlens::api::{Action, ActionKind, Diagnosis, ExplainOptions, Rules};
use orderlens_yew_status::{DiagnosisView, DiagnosisViewProps, OrderStatus, OrderStatusProps};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const ORDER: &str = include_str!("../../order.json");
const RULES: &str = include_str!("../../rules.json");
const NOW: &str = "2026-11-21T02:05:00Z";

/// A fresh element in the page to mount into.
fn root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// Lets Yew's scheduler render.
async fn rendered() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

fn attrs(root: &Element, selector: &str, name: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok()?.get_attribute(name))
        .collect()
}

fn explained(rules: &Rules, locale: &str) -> Diagnosis {
    let options = ExplainOptions::at(NOW).unwrap().locale(locale);
    rules.explain(ORDER, &options).unwrap()
}

/// The headline, body, every action and every deadline, in each locale;
/// pressing a button hands its action to the host.
#[wasm_bindgen_test]
async fn order_status_renders_the_diagnosis() {
    let rules = Rules::from_json(RULES).unwrap();
    for locale in ["en", "zh-CN", "ru"] {
        let want = explained(&rules, locale);
        let pressed: Rc<RefCell<Vec<ActionKind>>> = Rc::default();
        let on_action = {
            let pressed = pressed.clone();
            Callback::from(move |a: Action| pressed.borrow_mut().push(a.kind))
        };
        let el = root();
        let props = OrderStatusProps {
            rules: rules.clone(),
            order: ORDER.into(),
            locale: AttrValue::from(locale.to_string()),
            time_zone: None,
            now: Some(want.now),
            on_action,
        };
        let app = yew::Renderer::<OrderStatus>::with_root_and_props(el.clone(), props).render();
        rendered().await;

        assert_eq!(texts(&el, "h2"), [want.headline.title.as_str()], "{locale}");
        assert_eq!(texts(&el, ".orderlens-body"), [want.headline.body.as_str()]);
        assert_eq!(attrs(&el, "section", "lang"), [want.locale.as_str()]);
        let labels: Vec<String> = want.actions.iter().map(|a| a.label.clone()).collect();
        assert_eq!(texts(&el, ".orderlens-action"), labels, "{locale}: actions");
        let kinds: Vec<String> = want.actions.iter().map(|a| a.kind.to_string()).collect();
        assert_eq!(attrs(&el, ".orderlens-action", "data-kind"), kinds);
        let primary = want.actions.iter().find(|a| a.primary).unwrap();
        assert_eq!(
            texts(&el, ".orderlens-action.primary"),
            [primary.label.as_str()]
        );
        let deadlines: Vec<String> = want.deadlines.iter().map(|x| x.label.clone()).collect();
        assert!(!deadlines.is_empty());
        assert_eq!(texts(&el, ".orderlens-deadlines li"), deadlines);
        let at: Vec<String> = want.deadlines.iter().map(|x| x.at.to_rfc3339()).collect();
        assert_eq!(attrs(&el, ".orderlens-deadlines time", "datetime"), at);
        assert_eq!(
            texts(&el, ".orderlens-support"),
            [want.support_code.as_str()]
        );

        // Press every button: the host gets each action, in order.
        let buttons = el.query_selector_all("button").unwrap();
        for i in 0..buttons.length() {
            let b: HtmlElement = buttons.item(i).unwrap().dyn_into().unwrap();
            b.click();
        }
        let buttons: Vec<ActionKind> = want
            .actions
            .iter()
            .filter(|a| a.url.is_none() && a.kind != ActionKind::Wait)
            .map(|a| a.kind)
            .collect();
        assert!(!buttons.is_empty());
        assert_eq!(*pressed.borrow(), buttons, "{locale}: pressed");
        app.destroy();
        el.remove();
    }
}

/// Links for link actions, the refund timeline, and a diagnosis received as
/// JSON (a server's) rendered as it is.
#[wasm_bindgen_test]
async fn diagnosis_view_renders_links_and_the_refund_timeline() {
    let rules =
        Rules::from_json(r#"{"settings": {"support_url": "https://shop.example/help"}}"#).unwrap();
    let order = r#"{"id": "R-1", "status": "cancelled", "created_at": "2026-11-02T08:00:00Z",
      "currency": "USD", "total": 5000,
      "payment": {"method": "card", "state": "succeeded", "updated_at": "2026-11-02T08:01:00Z"},
      "cancellation": {"requested_at": "2026-11-03T08:00:00Z", "by": "buyer", "state": "approved"},
      "refund": {"requested_at": "2026-11-03T08:00:00Z"}}"#;
    // Late: the shop has not sent the refund for weeks.
    let json = rules
        .explain_json(order, &ExplainOptions::at("2026-12-20T08:00:00Z").unwrap())
        .unwrap();
    let d: Diagnosis = serde_json::from_str(&json).unwrap();
    let support = d
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::ContactSupport)
        .expect("contact_support for an overdue refund");

    let el = root();
    let props = DiagnosisViewProps {
        diagnosis: d.clone(),
        on_action: Callback::noop(),
    };
    let app = yew::Renderer::<DiagnosisView>::with_root_and_props(el.clone(), props).render();
    rendered().await;

    assert_eq!(
        attrs(&el, "a[data-kind=contact_support]", "href"),
        [support.url.as_deref().unwrap()]
    );
    assert_eq!(
        texts(&el, "a[data-kind=contact_support]"),
        [support.label.as_str()]
    );
    assert!(el
        .query_selector("button[data-kind=contact_support]")
        .unwrap()
        .is_none());
    let stages: Vec<String> = d
        .timeline
        .iter()
        .map(|s| s.stage.as_str().to_string())
        .collect();
    assert_eq!(stages.len(), 4);
    assert_eq!(attrs(&el, ".orderlens-timeline li", "data-stage"), stages);
    let states: Vec<String> = d
        .timeline
        .iter()
        .map(|s| s.state.as_str().to_string())
        .collect();
    assert!(states.iter().any(|s| s == "overdue"), "{states:?}");
    assert_eq!(attrs(&el, ".orderlens-timeline li", "data-state"), states);
    let labels: Vec<String> = d.timeline.iter().map(|s| s.label.clone()).collect();
    assert_eq!(texts(&el, ".orderlens-timeline .label"), labels);
    app.destroy();
    el.remove();
}

/// A bad order shows the fallback message, not a blank box.
#[wasm_bindgen_test]
async fn a_bad_order_shows_the_fallback() {
    let rules = Rules::builtin().unwrap();
    let el = root();
    let props = OrderStatusProps {
        rules: rules.clone(),
        order: r#"{"id": 7}"#.into(),
        locale: "ru".into(),
        time_zone: None,
        now: None,
        on_action: Callback::noop(),
    };
    let app = yew::Renderer::<OrderStatus>::with_root_and_props(el.clone(), props).render();
    rendered().await;
    let want = rules.message("widget.fallback", &[], "ru");
    assert!(!want.is_empty());
    assert_eq!(texts(&el, ".fallback"), [want]);
    app.destroy();
    el.remove();
}
