//! Tauri's build step. The config is the root `tauri.conf.json` (the root manifest is
//! the app package); capabilities live beside the shell's sources.

fn main() {
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
