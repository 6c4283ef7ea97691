//! The one way Keydesk hands a file to the user (the audit and customer exports).
//!
//! An export holds personal data or the log itself, so it must never exist without its
//! audit row: the file is written under a hidden partial name (owner-only), the export
//! is audited, and only then is the file renamed into place. If the audit fails, the
//! partial file is removed and the error returned; a crash before the rename leaves
//! only the hidden partial file, never an export that looks whole, and a crash after
//! the audit commit but before the rename leaves an audited export that was never
//! handed over, which errs on the side of the log.

use crate::paths;
use anyhow::Context;
use std::fs::File;
use std::future::Future;
use std::path::{Path, PathBuf};

/// A file being written for export.
pub(super) struct ExportFile {
    /// Where it ends up.
    path: PathBuf,
    /// Where it is written until it is audited.
    partial: PathBuf,
    file: Option<File>,
}

impl ExportFile {
    /// Starts `file_name` in `dir` (created if missing; an existing folder, chosen by
    /// the user, keeps its permissions).
    pub fn create(dir: &Path, file_name: &str) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("Failed to create {}", dir.display()))?;
        let path = dir.join(file_name);
        let partial = dir.join(format!(".{file_name}.partial"));
        let file = paths::open_private_file(&partial, false)?;
        Ok(Self {
            path,
            partial,
            file: Some(file),
        })
    }

    /// Where the file will be once published (for the audit row's detail).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The partial file, to write the content to.
    pub fn writer(&mut self) -> anyhow::Result<&mut File> {
        self.file
            .as_mut()
            .context("The export file is already closed")
    }

    /// Syncs the written content, runs `audit` (the export's audit row, committed),
    /// then moves the file into place and returns its path. When `audit` fails the
    /// partial file is removed and its error returned.
    pub async fn publish(
        self,
        audit: impl Future<Output = anyhow::Result<()>>,
    ) -> anyhow::Result<PathBuf> {
        let mut paths = Self::publish_all(vec![self], audit).await?;
        paths.pop().context("The export file is already closed")
    }

    /// [`publish`](Self::publish) for an export written as several files under one
    /// audit row: none is in place before the audit, all are after it.
    pub async fn publish_all(
        mut files: Vec<Self>,
        audit: impl Future<Output = anyhow::Result<()>>,
    ) -> anyhow::Result<Vec<PathBuf>> {
        for export in &mut files {
            let file = export
                .file
                .take()
                .context("The export file is already closed")?;
            file.sync_all()
                .with_context(|| format!("Failed to write {}", export.partial.display()))?;
        }
        audit.await?;
        let mut paths = Vec::with_capacity(files.len());
        for export in &mut files {
            std::fs::rename(&export.partial, &export.path)
                .with_context(|| format!("Failed to write {}", export.path.display()))?;
            paths.push(std::mem::take(&mut export.path));
        }
        Ok(paths)
    }
}

impl Drop for ExportFile {
    /// An export that was not published (failed while writing, or its audit failed)
    /// leaves nothing behind.
    fn drop(&mut self) {
        drop(self.file.take());
        if self.partial.exists() {
            if let Err(error) = std::fs::remove_file(&self.partial) {
                tracing::warn!(%error, "an unfinished export file could not be removed");
            }
        }
    }
}
