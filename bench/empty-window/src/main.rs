//! An empty window: Tauri v2 with a Yew page that shows one heading. `cargo xtask bench`
//! measures Keydesk's start, memory and sizes against it, built the same way in the same
//! run, so the figures say what Keydesk adds to what any such window costs on the machine.

// No console window next to the app on Windows release builds, as for Keydesk.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty window runs");
}
