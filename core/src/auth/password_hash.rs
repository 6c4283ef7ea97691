use crate::domain::{PasswordHash, PlainPassword};
use anyhow::Context;
use argon2::{
    password_hash::{phc::PasswordHash as PhcHash, PasswordHasher, PasswordVerifier},
    Algorithm, Argon2, Params, Version,
};
use std::cell::Cell;
use std::future::Future;
use std::sync::OnceLock;

/// OWASP's recommended argon2id parameters: 19 MiB, 2 passes, 1 lane.
fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19_456, 2, 1, None)
        .map_err(|e| anyhow::anyhow!("Invalid argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes on the calling thread, for work that already runs on the blocking pool (logins
/// for many customers are hashed in parallel there). Same parameters as [`hash_password`].
pub(crate) fn hash_password_blocking(password: &PlainPassword) -> anyhow::Result<PasswordHash> {
    let phc = hasher()?
        .hash_password(password.expose().as_bytes())
        .map_err(|e| anyhow::anyhow!("Failed to hash a password: {e}"))?
        .to_string();
    Ok(PasswordHash::from_phc(phc))
}

fn verify_blocking(password: &PlainPassword, hash: &PasswordHash) -> anyhow::Result<bool> {
    let parsed =
        PhcHash::new(hash.as_phc()).map_err(|e| anyhow::anyhow!("Stored hash is not PHC: {e}"))?;
    // The parameters come from the stored hash, so older hashes keep verifying.
    Ok(hasher()?
        .verify_password(password.expose().as_bytes(), &parsed)
        .is_ok())
}

/// Hashes on the blocking pool: argon2 takes tens of milliseconds by design and must
/// not stall the async workers.
pub async fn hash_password(password: PlainPassword) -> anyhow::Result<PasswordHash> {
    tokio::task::spawn_blocking(move || hash_password_blocking(&password))
        .await
        .context("Password hashing task failed")?
}

pub async fn verify_password(password: PlainPassword, hash: PasswordHash) -> anyhow::Result<bool> {
    tally(|count| count.real += 1);
    verify_on_pool(password, hash).await
}

async fn verify_on_pool(password: PlainPassword, hash: PasswordHash) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || verify_blocking(&password, &hash))
        .await
        .context("Password verification task failed")?
}

/// Spends the same time as a real verification, for sign-ins with an unknown email,
/// so response time does not reveal which emails have accounts.
pub async fn verify_against_dummy(password: PlainPassword) -> anyhow::Result<()> {
    static DUMMY: OnceLock<PasswordHash> = OnceLock::new();
    let dummy = match DUMMY.get() {
        Some(hash) => hash.clone(),
        None => {
            let made =
                hash_password(PlainPassword::new("keydesk-dummy-password".to_owned())).await?;
            DUMMY.get_or_init(|| made).clone()
        }
    };
    tally(|count| count.dummy += 1);
    verify_on_pool(password, dummy).await.map(|_| ())
}

/// The argon2 verifications a piece of work performed: against a member's stored hash
/// (`real`) and against the dummy hash that stands in for one (`dummy`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Verifications {
    pub real: u32,
    pub dummy: u32,
}

tokio::task_local! {
    static TALLY: Cell<Verifications>;
}

/// Runs `work` and counts the password verifications it started on this task. It only
/// observes: this is how tests show that a refusal cost the same argon2 work as a check
/// and that racing attempts were not all checked.
pub async fn count_verifications<F: Future>(work: F) -> (F::Output, Verifications) {
    TALLY
        .scope(Cell::new(Verifications::default()), async move {
            let output = work.await;
            (output, TALLY.with(Cell::get))
        })
        .await
}

/// Notes one verification when running inside [`count_verifications`]; a no-op otherwise.
fn tally(note: impl FnOnce(&mut Verifications)) {
    let _ = TALLY.try_with(|cell| {
        let mut count = cell.get();
        note(&mut count);
        cell.set(count);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_owasp_argon2id_parameters_and_verifies() {
        let pw = PlainPassword::new("correct horse battery staple".to_owned());
        let hash = hash_password(pw.clone()).await.unwrap();
        assert!(
            hash.as_phc().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{}",
            hash.as_phc()
        );
        assert!(!hash.as_phc().contains("horse"));
        assert!(verify_password(pw, hash.clone()).await.unwrap());
        let wrong = PlainPassword::new("correct horse battery stapler".to_owned());
        assert!(!verify_password(wrong, hash).await.unwrap());
    }

    #[tokio::test]
    async fn same_password_gets_a_fresh_salt_each_time() {
        let pw = PlainPassword::new("correct horse battery staple".to_owned());
        let a = hash_password(pw.clone()).await.unwrap();
        let b = hash_password(pw).await.unwrap();
        assert_ne!(a, b);
    }
}
