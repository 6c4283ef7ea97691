//! How the window paints on Linux.
//!
//! WebKitGTK paints pages with Skia on the GPU. On a machine without one (a virtual
//! machine, a remote desktop, a thin client) that GPU is Mesa's software rasteriser,
//! which paints each change of the customer table several times slower than Skia's own
//! CPU painter does. So when no GPU render node is present, Keydesk asks WebKit to paint
//! on the CPU, unless the person already chose with WebKit's own variable.

use std::path::Path;

/// WebKitGTK's switch between CPU and GPU painting (read by its web process).
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Where the kernel lists GPU render nodes (`renderD128`, …).
const RENDER_NODES: &str = "/dev/dri";

/// Chooses CPU painting when the machine has no GPU render node. Runs first in `main`,
/// before any thread exists, because it sets a variable of the process environment the
/// web process inherits. Says whether it did, for the log.
pub fn prefer_cpu_painting_without_gpu() -> bool {
    if !cfg!(target_os = "linux")
        || std::env::var_os(CPU_PAINTING).is_some()
        || has_render_node(Path::new(RENDER_NODES))
    {
        return false;
    }
    std::env::set_var(CPU_PAINTING, "1");
    true
}

fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_counts_as_a_gpu_and_a_missing_folder_does_not() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("dri")));
        std::fs::create_dir(dir.path().join("dri")).unwrap();
        std::fs::write(dir.path().join("dri").join("card0"), "").unwrap();
        assert!(
            !has_render_node(&dir.path().join("dri")),
            "a display card alone"
        );
        std::fs::write(dir.path().join("dri").join("renderD128"), "").unwrap();
        assert!(has_render_node(&dir.path().join("dri")));
    }
}
