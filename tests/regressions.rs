//! Every input the fuzz targets (`fuzz/`) ever crashed on, replayed on
//! stable through the same checks: `fuzz/checks.rs` has one function per
//! target, and `fuzz/regressions/<target>/` keeps the inputs.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

use std::path::Path;

#[path = "../fuzz/checks.rs"]
mod checks;

/// Runs `check` on every file of `fuzz/regressions/<target>/`; returns how
/// many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut n = 0;
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let data = std::fs::read(&p).unwrap();
        let name = p.display().to_string();
        if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{name}: {msg}");
        }
        n += 1;
    }
    n
}

/// A fuzz target's name and its check.
type Target = (&'static str, fn(&[u8]));

#[test]
fn every_kept_input_passes_its_target_check() {
    let targets: [Target; 6] = [
        ("rules_document", checks::rules_document),
        ("condition", checks::condition),
        ("order", checks::order),
        ("compiled_bytes", checks::compiled_bytes),
        ("support_code", checks::support_code),
        ("valid_until", checks::valid_until),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for e in std::fs::read_dir(&root).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            targets.iter().any(|(t, _)| *t == name),
            "fuzz/regressions/{name}: no such fuzz target"
        );
    }
    let replayed: usize = targets.iter().map(|(t, check)| replay(t, *check)).sum();
    assert!(replayed >= 2, "{replayed}");
}

/// Compiled rules whose catalogs lack a message a rule needs: bytes the
/// compiler never writes, which used to load and render a blank headline.
/// SPEC §3.2: "A message key that a rule needs and a shipped locale lacks is
/// an error at load time", for bytes as for documents.
fn without_message(rs: &orderlens::RuleSet, tag: &str, key: &str) -> Vec<u8> {
    use orderlens::messages::KeyMap;
    let mut rs = rs.clone();
    for lc in rs
        .catalog
        .locales
        .iter_mut()
        .filter(|l| l.locale.tag == tag)
    {
        let mut kept = KeyMap::default();
        for (k, m) in lc.messages.iter().filter(|(k, _)| *k != key) {
            kept.insert(k.clone(), m.clone());
        }
        lc.messages = kept;
    }
    rs.to_standalone_bytes()
}

#[test]
fn bytes_lacking_a_message_a_rule_needs_are_refused_at_load() {
    use orderlens::RuleSet;
    let rs = RuleSet::defaults().unwrap();
    // As the document loader says it, located at the locale and the rule.
    let e = RuleSet::from_bytes(&without_message(&rs, "zh-CN", "reason.out_of_stock.title"))
        .expect_err("a missing message must not load");
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    let d = &e.diagnostics[0];
    assert_eq!(d.path, "messages.zh-CN");
    assert_eq!(d.rule.as_deref(), Some("out-of-stock"));
    assert_eq!(
        d.message,
        "compiled rules are damaged: message 'reason.out_of_stock.title' is missing in locale 'zh-CN'"
    );
    // A key every rule set needs, in English.
    let e = RuleSet::from_bytes(&without_message(&rs, "en", "timeline.done")).unwrap_err();
    assert_eq!(e.diagnostics[0].path, "messages.en");
    assert!(e.diagnostics[0].message.contains("'timeline.done'"), "{e}");
    // No English at all.
    let mut no_en = rs.clone();
    no_en.catalog.locales.retain(|l| l.locale.tag != "en");
    let e = RuleSet::from_bytes(&no_en.to_standalone_bytes()).unwrap_err();
    assert!(
        e.to_string()
            .contains("message 'reason.order_status.title' is missing in locale 'en'"),
        "{e}"
    );
    // The same rules with every message load, and the document loader
    // refuses the same gap in a document.
    assert!(RuleSet::from_bytes(&rs.to_standalone_bytes()).is_ok());
    let doc = r#"{"messages": {"zh-CN": {"reason.new_reason.body": "x"}},
        "rules": [{"id": "n", "when": "status == 'unconfirmed'", "reason": "new_reason"}]}"#;
    let e = RuleSet::from_json(doc).unwrap_err().to_string();
    assert!(
        e.contains("message 'reason.new_reason.title' is missing in locale 'zh-CN'"),
        "{e}"
    );
    // The kept input of the compiled_bytes target is such bytes.
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/compiled_bytes");
        std::fs::create_dir_all(&dir).unwrap();
        let mut en = rs.clone();
        en.catalog
            .locales
            .retain(|l| l.locale.tag == "en" || l.locale.tag == "ru");
        std::fs::write(
            dir.join("ru-lacks-a-message-a-rule-needs"),
            without_message(&en, "ru", "reason.payment_declined.body"),
        )
        .unwrap();
    }
}
