//! What the window is allowed to do is set in two files the Tauri build of the shell reads
//! (the shell's capability and the root `tauri.conf.json`); these tests pin them, so
//! widening either is a deliberate change with a failing test to update. They live here
//! because the core's tests run everywhere the shell's may not (no window needed).

use serde_json::Value;

const CAPABILITY: &str = include_str!("../../../src-tauri/capabilities/default.json");
const CONFIG: &str = include_str!("../../../tauri.conf.json");

fn parse(text: &str, what: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what} is not JSON: {e}"))
}

/// The window uses `core.invoke` (Keydesk's own commands, allowed without a grant) and
/// `event.listen` with its unlisten (ui/src/ipc.rs); the file dialog is opened from Rust.
#[test]
fn the_window_may_only_listen_to_events_besides_keydesks_commands() {
    let capability = parse(CAPABILITY, "capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(
        capability["permissions"],
        serde_json::json!(["core:event:allow-listen", "core:event:allow-unlisten"])
    );
    assert!(capability.get("remote").is_none(), "no remote URL may call");
    assert!(capability.get("platforms").is_none());
}

#[test]
fn the_content_security_policy_allows_only_the_app_itself() {
    let config = parse(CONFIG, "tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string in app.security.csp");
    let mut directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    directives.sort_unstable();
    assert_eq!(
        directives,
        [
            "base-uri 'none'",
            "default-src 'self' ipc: http://ipc.localhost",
            "form-action 'none'",
            "img-src 'self' data:",
            "object-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
        ]
    );
    assert!(
        config["app"]["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri keeps adding its nonces and hashes"
    );
}
