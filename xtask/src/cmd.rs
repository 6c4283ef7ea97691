//! Starting other programs: echo what runs, fail with the command line when it fails.

use std::env;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// Runs `command` with inherited output, after printing it; an error unless it succeeds.
pub fn run(command: &mut Command) -> Result<()> {
    let line = display(command);
    run_shown_as(command, &line)
}

/// Like [`run`], showing `line` (e.g. a shorter form) instead of the full command line.
pub fn run_shown_as(command: &mut Command, line: &str) -> Result<()> {
    println!("    $ {line}");
    let status = command
        .status()
        .with_context(|| format!("Failed to start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `command` and returns its standard output; an error unless it succeeds.
pub fn read(command: &mut Command) -> Result<String> {
    let line = display(command);
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("Failed to start `{line}`"))?;
    if !output.status.success() {
        bail!("`{line}` failed ({})", output.status);
    }
    String::from_utf8(output.stdout).with_context(|| format!("`{line}` printed non-UTF-8"))
}

/// A cheap check such as `tool --version`: its standard output, or `None` when the program
/// is missing or fails.
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

/// Whether `program` is found in the directories of `path` (a PATH-style list).
pub fn find_in_path(program: &str, path: &OsStr) -> Option<PathBuf> {
    env::split_paths(path).find_map(|dir| find_in_dir(program, &dir))
}

/// `dir/program`, also with the usual Windows executable suffixes, if it exists.
pub fn find_in_dir(program: &str, dir: &Path) -> Option<PathBuf> {
    let suffixes: &[&str] = if cfg!(windows) {
        &[".exe", ".cmd", ".bat", ""]
    } else {
        &[""]
    };
    suffixes
        .iter()
        .map(|suffix| dir.join(format!("{program}{suffix}")))
        .find(|candidate| candidate.is_file())
}

/// The command line as a person would type it (for logs, not for a shell).
pub fn display(command: &Command) -> String {
    let mut parts = vec![quote(command.get_program())];
    parts.extend(command.get_args().map(quote));
    parts.join(" ")
}

fn quote(arg: &OsStr) -> String {
    let text = arg.to_string_lossy();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=./:@,+%".contains(c));
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// A PATH value with `dirs` in front of the current PATH (skipping ones already first).
pub fn prepend_to_path(dirs: &[PathBuf]) -> Result<OsString> {
    let current = env::var_os("PATH").unwrap_or_default();
    let mut all: Vec<PathBuf> = dirs.to_vec();
    all.extend(env::split_paths(&current).filter(|dir| !dirs.contains(dir)));
    env::join_paths(all).context("Failed to build PATH (a directory contains the separator)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_only_what_needs_it() {
        let mut command = Command::new("xvfb-run");
        command.args(["-a", "-s", "-screen 0 1280x900x24", "it's"]);
        assert_eq!(
            display(&command),
            r"xvfb-run -a -s '-screen 0 1280x900x24' 'it'\''s'"
        );
    }

    #[test]
    fn prepended_dirs_come_first_once() {
        let first = PathBuf::from("/opt/keydesk-test/bin");
        let path = prepend_to_path(std::slice::from_ref(&first)).unwrap();
        let dirs: Vec<PathBuf> = env::split_paths(&path).collect();
        assert_eq!(dirs[0], first);
        assert_eq!(dirs.iter().filter(|dir| **dir == first).count(), 1);
    }
}
