//! Tauri's build step, with `tauri.conf.json` beside this file.

fn main() {
    tauri_build::build();
}
