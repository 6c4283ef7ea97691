//! A throwaway PostgreSQL cluster for one test run: the agency-server tests connect to it
//! as its superuser over TLS on 127.0.0.1, and each makes databases of its own in it.
//!
//! `initdb` refuses to run as root, so as root the cluster belongs to the `postgres` user
//! (Debian's package creates it) and its programs run through `runuser`. Durability is off
//! (`fsync`, `full_page_writes`, `synchronous_commit`): the cluster lives as long as the run.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use rand::distr::Alphanumeric;
use rand::Rng;

use crate::cmd;

/// Where the tests find the cluster: a connection URL for its superuser, TLS checked
/// against the cluster's own certificate authority.
pub const URL_ENV: &str = "KEYDESK_TEST_POSTGRES";

/// The superuser the tests act as (an agency's administrator, in the app's words).
const SUPERUSER: &str = "keydesk_admin";

/// The oldest PostgreSQL the agency server supports.
const OLDEST_MAJOR: u32 = 15;

/// A running cluster; stopped and removed when dropped.
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    url: String,
    as_postgres: bool,
}

impl Cluster {
    /// The superuser's connection URL (see [`URL_ENV`]).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Starts a new cluster in a fresh folder of the system's temporary folder (which the
    /// `postgres` user can reach, where a checkout under a private home may not be).
    pub fn start() -> Result<Cluster> {
        let bin = server_bin_dir()?;
        let as_postgres = cfg!(unix) && crate::system::is_root()?;
        sweep_abandoned(&bin, as_postgres);
        let dir = tempfile::Builder::new()
            .prefix(PREFIX)
            .tempdir()
            .context("Failed to create the cluster's folder")?
            .keep();
        fs::write(dir.join(OWNER_FILE), std::process::id().to_string())
            .context("Failed to write the cluster's owner")?;
        let cluster = Cluster {
            dir,
            bin,
            url: String::new(),
            as_postgres,
        };
        cluster.init_and_start()
    }

    fn init_and_start(mut self) -> Result<Cluster> {
        let data = self.dir.join("data");
        let password: String = rand::rng()
            .sample_iter(Alphanumeric)
            .take(24)
            .map(char::from)
            .collect();
        let password_file = self.dir.join("superuser-password");
        fs::write(&password_file, &password).context("Failed to write the password file")?;
        let ca = self.make_certificates()?;
        if self.as_postgres {
            cmd::run(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&self.dir),
            )?;
        }
        self.run_as_owner(
            "initdb",
            &[
                "--pgdata".as_ref(),
                data.as_os_str(),
                "--username".as_ref(),
                SUPERUSER.as_ref(),
                "--pwfile".as_ref(),
                password_file.as_os_str(),
                "--auth".as_ref(),
                "scram-sha-256".as_ref(),
                "--encoding".as_ref(),
                "UTF8".as_ref(),
                "--locale".as_ref(),
                "C".as_ref(),
                "--no-instructions".as_ref(),
            ],
        )?;
        fs::remove_file(&password_file).context("Failed to remove the password file")?;
        // TLS only, and only from this machine.
        fs::write(
            data.join("pg_hba.conf"),
            "hostssl all all 127.0.0.1/32 scram-sha-256\n",
        )
        .context("Failed to write pg_hba.conf")?;
        if self.as_postgres {
            cmd::run(
                Command::new("chown")
                    .args(["postgres:postgres"])
                    .arg(data.join("pg_hba.conf")),
            )?;
        }

        let port = free_port()?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{dir}' \
             -c ssl=on -c ssl_cert_file='{dir}/server.crt' -c ssl_key_file='{dir}/server.key' \
             -c fsync=off -c full_page_writes=off -c synchronous_commit=off \
             -c max_connections=200",
            dir = self.dir.display()
        );
        let log = self.dir.join("postgres.log");
        self.run_as_owner(
            "pg_ctl",
            &[
                "start".as_ref(),
                "--wait".as_ref(),
                "--pgdata".as_ref(),
                data.as_os_str(),
                "--log".as_ref(),
                log.as_os_str(),
                "-o".as_ref(),
                options.as_ref(),
            ],
        )
        .with_context(|| format!("PostgreSQL did not start; its log is {}", log.display()))?;
        self.url = format!(
            "postgres://{SUPERUSER}:{password}@127.0.0.1:{port}/postgres?sslmode=verify-full&sslrootcert={}",
            ca.display()
        );
        println!(
            "    PostgreSQL on 127.0.0.1:{port}, cluster in {}",
            self.dir.display()
        );
        Ok(self)
    }

    /// A certificate authority and a server certificate for 127.0.0.1 signed by it; returns
    /// the authority's certificate, which clients pin.
    fn make_certificates(&self) -> Result<PathBuf> {
        let ca_key = self.dir.join("ca.key");
        let ca = self.dir.join("ca.crt");
        let key = self.dir.join("server.key");
        let request = self.dir.join("server.csr");
        let cert = self.dir.join("server.crt");
        let names = self.dir.join("server.ext");
        cmd::run(
            Command::new("openssl")
                .args([
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=Keydesk test CA",
                    "-keyout",
                ])
                .arg(&ca_key)
                .arg("-out")
                .arg(&ca)
                .args([
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign",
                ]),
        )?;
        cmd::run(
            Command::new("openssl")
                .args([
                    "req",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-subj",
                    "/CN=127.0.0.1",
                    "-keyout",
                ])
                .arg(&key)
                .arg("-out")
                .arg(&request),
        )?;
        fs::write(&names, "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
            .context("Failed to write the certificate's names")?;
        cmd::run(
            Command::new("openssl")
                .args(["x509", "-req", "-days", "2", "-in"])
                .arg(&request)
                .arg("-CA")
                .arg(&ca)
                .arg("-CAkey")
                .arg(&ca_key)
                .args(["-CAcreateserial", "-extfile"])
                .arg(&names)
                .arg("-out")
                .arg(&cert),
        )?;
        set_owner_only(&key)?;
        Ok(ca)
    }

    /// Runs one of the server's programs as the cluster's owner.
    fn run_as_owner(&self, program: &str, args: &[&std::ffi::OsStr]) -> Result<()> {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(&program);
            command
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir(&self.dir);
        cmd::run(&mut command)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        // Not running (never started, or stopped already): there is only a folder to remove.
        if !data.join("postmaster.pid").exists() {
            if let Err(error) = fs::remove_dir_all(&self.dir) {
                eprintln!("    could not remove {}: {error}", self.dir.display());
            }
            return;
        }
        let stopped = self.run_as_owner(
            "pg_ctl",
            &[
                "stop".as_ref(),
                "--wait".as_ref(),
                "--mode".as_ref(),
                "immediate".as_ref(),
                "--pgdata".as_ref(),
                data.as_os_str(),
            ],
        );
        if let Err(error) = stopped {
            eprintln!("    PostgreSQL test cluster did not stop: {error:#}");
            return;
        }
        if let Err(error) = fs::remove_dir_all(&self.dir) {
            eprintln!("    could not remove {}: {error}", self.dir.display());
        }
    }
}

/// The name every cluster folder starts with, in the system's temporary folder.
const PREFIX: &str = "keydesk-postgres-";

/// The file in a cluster's folder naming the process that started it.
const OWNER_FILE: &str = "started-by";

/// Stops and removes the clusters of earlier runs whose process is gone without stopping
/// them (killed, or interrupted with Ctrl+C), so they do not pile up.
fn sweep_abandoned(bin: &Path, as_postgres: bool) {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let dir = entry.path();
        let is_cluster = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(PREFIX));
        let owner = fs::read_to_string(dir.join(OWNER_FILE)).ok();
        let alive = owner
            .and_then(|pid| pid.trim().parse::<u32>().ok())
            .is_none_or(process_alive);
        if !is_cluster || alive {
            continue;
        }
        let abandoned = Cluster {
            dir: dir.clone(),
            bin: bin.to_path_buf(),
            url: String::new(),
            as_postgres,
        };
        println!(
            "    removing a cluster an earlier run left behind: {}",
            dir.display()
        );
        drop(abandoned);
    }
}

/// Whether process `pid` still runs (Linux: it has a folder in /proc; elsewhere assumed).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// The folder of the newest installed PostgreSQL server (Debian keeps each major version's
/// programs in `/usr/lib/postgresql/<major>/bin`), or the one `pg_config` names.
fn server_bin_dir() -> Result<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .collect();
    if found.is_empty() {
        if let Some(bin) = cmd::probe(Command::new("pg_config").arg("--bindir")) {
            let bin = PathBuf::from(bin.trim());
            if bin.join("initdb").is_file() {
                return Ok(bin);
            }
        }
        bail!(
            "PostgreSQL {OLDEST_MAJOR} or newer is not installed (its `initdb` was not found): run `cargo xtask setup`"
        );
    }
    found.sort();
    let (major, bin) = found.pop().expect("not empty");
    if major < OLDEST_MAJOR {
        bail!("PostgreSQL {major} is installed; the agency server needs {OLDEST_MAJOR} or newer");
    }
    Ok(bin)
}

fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").context("Failed to find a free port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

#[cfg(unix)]
fn set_owner_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
        .with_context(|| format!("Failed to restrict {}", path.display()))
}

#[cfg(not(unix))]
fn set_owner_only(_: &Path) -> Result<()> {
    Ok(())
}

/// Tells the tests `command` runs where the cluster is, when it started.
pub fn pass_to(command: &mut Command, cluster: Option<&Cluster>) {
    if let Some(cluster) = cluster {
        command.env(URL_ENV, cluster.url());
    }
}

/// `cargo xtask with-postgres -- CMD…`: runs `command` with [`URL_ENV`] set to a cluster
/// started for it, and removes the cluster afterwards; the exit code is the command's.
pub fn run_beside(command: &[std::ffi::OsString]) -> Result<std::process::ExitCode> {
    let (program, args) = command.split_first().context("no command given")?;
    let cluster = Cluster::start()?;
    let status = Command::new(program)
        .args(args)
        .env(URL_ENV, cluster.url())
        .status()
        .with_context(|| format!("Failed to start {}", program.to_string_lossy()))?;
    drop(cluster);
    Ok(if status.success() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}
