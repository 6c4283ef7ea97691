//! Credentials on the system clipboard: marked as concealed, and cleared after a while
//! (or when the window locks, signs out or quits) if the clipboard still holds them.

use crate::shell::lock;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use zeroize::Zeroizing;

/// The system clipboard handle and what we last put there.
#[derive(Default)]
struct ClipboardSlot {
    clipboard: Option<arboard::Clipboard>,
    /// Counts copies, so a clearing timer only acts for the copy that started it.
    copies: u64,
    /// SHA-256 of the text we last put there, to clear it only while it is still ours
    /// (without keeping the secret itself in memory).
    ours: Option<[u8; 32]>,
}

impl ClipboardSlot {
    fn clipboard(&mut self) -> anyhow::Result<&mut arboard::Clipboard> {
        if self.clipboard.is_none() {
            self.clipboard = Some(arboard::Clipboard::new()?);
        }
        self.clipboard
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("The clipboard is not available"))
    }

    /// Empties the clipboard if it still holds what we put there. True if it did.
    fn clear_if_ours(&mut self) -> anyhow::Result<bool> {
        let Some(ours) = self.ours.take() else {
            return Ok(false);
        };
        let clipboard = self.clipboard()?;
        let now = Zeroizing::new(clipboard.get_text().unwrap_or_default());
        if <[u8; 32]>::from(Sha256::digest(now.as_bytes())) != ours {
            return Ok(false);
        }
        clipboard.clear()?;
        Ok(true)
    }
}

/// Puts `text` on the clipboard marked as concealed, so clipboard history managers and
/// cloud clipboards leave it out.
fn set_concealed(clipboard: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    let set = clipboard.set();
    // `x-kde-passwordManagerHint`: honoured by KDE Klipper, GNOME clipboard extensions
    // and most Linux clipboard managers.
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    let set = {
        use arboard::SetExtLinux;
        set.exclude_from_history()
    };
    // `ExcludeClipboardContentFromMonitorProcessing` keeps it from every clipboard
    // monitor; `CanIncludeInClipboardHistory` and `CanUploadToCloudClipboard` (both 0) are
    // the flags Windows' own history and cloud sync read, set too as password managers do.
    #[cfg(windows)]
    let set = {
        use arboard::SetExtWindows;
        set.exclude_from_monitoring()
            .exclude_from_history()
            .exclude_from_cloud()
    };
    // `org.nspasteboard.ConcealedType`, the convention macOS clipboard managers follow.
    #[cfg(target_os = "macos")]
    let set = {
        use arboard::SetExtApple;
        set.exclude_from_history()
    };
    set.text(text)
}

/// The window's clipboard for secrets, kept for the life of the window: on Linux the
/// copied text is served by its owner, and would vanish if the handle were dropped.
#[derive(Default)]
pub struct SecretClipboard {
    slot: Arc<Mutex<ClipboardSlot>>,
}

impl SecretClipboard {
    /// Puts a secret on the system clipboard, marked as concealed, and clears it after
    /// `clear_after_seconds` (0 = never) if the clipboard still holds it then;
    /// `on_cleared` hears when that happened. Returns the seconds, for the window's
    /// countdown.
    pub fn copy_secret(
        &self,
        text: &str,
        clear_after_seconds: u32,
        on_cleared: impl FnOnce() + Send + 'static,
    ) -> anyhow::Result<u32> {
        let copy = {
            let mut slot = lock(&self.slot);
            set_concealed(slot.clipboard()?, text)?;
            slot.copies += 1;
            slot.ours = Some(Sha256::digest(text.as_bytes()).into());
            slot.copies
        };
        if clear_after_seconds > 0 {
            let clipboard = Arc::clone(&self.slot);
            let wait = Duration::from_secs(u64::from(clear_after_seconds));
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(wait).await;
                let cleared = {
                    let mut slot = lock(&clipboard);
                    if slot.copies != copy {
                        return;
                    }
                    slot.clear_if_ours()
                };
                match cleared {
                    Ok(true) => on_cleared(),
                    Ok(false) => {}
                    Err(error) => tracing::warn!(%error, "the clipboard could not be cleared"),
                }
            });
        }
        Ok(clear_after_seconds)
    }

    /// Clears the clipboard now if it still holds a secret we put there.
    pub fn clear_if_ours(&self) {
        if let Err(error) = lock(&self.slot).clear_if_ours() {
            tracing::warn!(%error, "the clipboard could not be cleared");
        }
    }
}
