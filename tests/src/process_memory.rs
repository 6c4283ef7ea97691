//! How much memory a running app really takes: the proportional set size (PSS) of its
//! process and of every process it started (WebKit's web and network processes). PSS
//! splits each shared page between the processes that map it, so the sum over the tree is
//! the tree's share of RAM; resident size (RSS) would count every shared library once per
//! process. Linux only (`/proc`).

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

/// The process running `program` among the descendants of `ancestor` (e.g. the app that
/// tauri-driver and WebKitWebDriver started for this test), if there is one.
pub fn find_descendant(ancestor: u32, program: &Path) -> io::Result<Option<u32>> {
    let children = children_by_parent()?;
    let program = program.canonicalize()?;
    Ok(tree(&children, ancestor).into_iter().find(|&pid| {
        pid != ancestor && fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == program)
    }))
}

/// The summed PSS, in bytes, of `root` and every process below it.
pub fn tree_pss_bytes(root: u32) -> io::Result<u64> {
    let children = children_by_parent()?;
    let mut total_kib = 0;
    for pid in tree(&children, root) {
        // A process may end between the listing and this read: it then takes no memory.
        let Ok(rollup) = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        total_kib += pss_kib(&rollup).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("/proc/{pid}/smaps_rollup has no Pss line"),
            )
        })?;
    }
    Ok(total_kib * 1024)
}

/// `root` and all its descendants, `root` first.
fn tree(children: &HashMap<u32, Vec<u32>>, root: u32) -> Vec<u32> {
    let mut found = vec![root];
    let mut next = 0;
    while let Some(&pid) = found.get(next) {
        found.extend(children.get(&pid).into_iter().flatten().copied());
        next += 1;
    }
    found
}

/// Every running process's children, from the parent ids in `/proc/<pid>/stat`.
fn children_by_parent() -> io::Result<HashMap<u32, Vec<u32>>> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in fs::read_dir("/proc")? {
        let Some(pid) = entry?
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        if let Some(parent) = parent_pid(&stat) {
            children.entry(parent).or_default().push(pid);
        }
    }
    Ok(children)
}

/// The parent id in a `/proc/<pid>/stat` line: the second field after the command name,
/// which is in parentheses and may itself hold spaces and parentheses.
fn parent_pid(stat: &str) -> Option<u32> {
    let (_, after_name) = stat.rsplit_once(')')?;
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// The `Pss:` figure (kB) of a `/proc/<pid>/smaps_rollup`.
fn pss_kib(rollup: &str) -> Option<u64> {
    rollup.lines().find_map(|line| {
        let rest = line.strip_prefix("Pss:")?;
        rest.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_parent_past_a_command_name_with_spaces_and_parentheses() {
        let stat = "4242 (WebKit (Web) Process) S 4200 4242 4200 0 -1 4194560 1 0 0 0";
        assert_eq!(parent_pid(stat), Some(4200));
        assert_eq!(parent_pid("garbage"), None);
    }

    #[test]
    fn reads_pss_not_the_lines_that_start_alike() {
        let rollup = "55d0c0a1e000-7ffd5b9f1000 ---p 00000000 00:00 0    [rollup]\n\
                      Rss:              266140 kB\n\
                      Pss:              101532 kB\n\
                      Pss_Dirty:         60000 kB\n\
                      Pss_Anon:          50000 kB\n";
        assert_eq!(pss_kib(rollup), Some(101_532));
        assert_eq!(pss_kib("Rss: 1 kB\n"), None);
    }

    #[test]
    fn a_tree_holds_every_descendant_and_nothing_else() {
        let children = HashMap::from([(1, vec![2, 3]), (2, vec![4]), (5, vec![6])]);
        let mut found = tree(&children, 1);
        found.sort_unstable();
        assert_eq!(found, vec![1, 2, 3, 4]);
        assert_eq!(tree(&children, 4), vec![4]);
    }

    #[test]
    fn this_test_process_takes_some_memory_and_is_found_running_its_program() {
        let me = std::process::id();
        assert!(tree_pss_bytes(me).unwrap() > 0);
        let parent = parent_pid(&fs::read_to_string(format!("/proc/{me}/stat")).unwrap());
        let exe = std::env::current_exe().unwrap();
        assert_eq!(find_descendant(parent.unwrap(), &exe).unwrap(), Some(me));
    }
}
