//! The lockout as an attacker meets it: through every door that checks a password
//! (sign-in, unlock, change password), with unknown emails, and with attempts fired at
//! the same time.

use crate::helpers::{
    assert_err, field_error, password_change, pw, TestApp, OWNER_EMAIL, OWNER_PASSWORD,
};
use chrono::Duration;
use keydesk_core::auth::{count_verifications, Actor, Verifications, LOCKOUT_THRESHOLD};
use keydesk_core::services::{PasswordChange, ServiceError, SignInError};
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

const WRONG: &str = "not the right password";
const NEW_PASSWORD: &str = "a completely different passphrase 77";

fn change(current: &str) -> PasswordChange {
    password_change(current, NEW_PASSWORD, NEW_PASSWORD)
}

/// Polls all `futures` at once on this task until each has finished, as a window firing
/// several commands without waiting would.
async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

/// The error the current-password field shows, or a panic naming what came instead.
fn current_password_error(result: Result<Actor, ServiceError>) -> String {
    field_error(result, "current_password")
}

#[tokio::test]
async fn wrong_current_passwords_count_towards_the_same_lockout_as_sign_in() {
    let (app, owner) = TestApp::with_owner().await;

    for attempt in 1..LOCKOUT_THRESHOLD {
        let message =
            current_password_error(app.keydesk.change_own_password(&owner, change(WRONG)).await);
        assert_eq!(
            message, "This is not your current password.",
            "attempt {attempt}"
        );
    }
    let message =
        current_password_error(app.keydesk.change_own_password(&owner, change(WRONG)).await);
    assert_eq!(
        message,
        "Too many wrong passwords for this account. Try again in 30 seconds."
    );

    // The account is locked for every door: sign-in, and the right current password.
    assert!(
        matches!(
            app.sign_in(OWNER_PASSWORD).await,
            Err(SignInError::LockedOut { .. })
        ),
        "sign-in is locked too"
    );
    app.clock.advance(Duration::seconds(10));
    let message = current_password_error(
        app.keydesk
            .change_own_password(&owner, change(OWNER_PASSWORD))
            .await,
    );
    assert_eq!(
        message,
        "Too many wrong passwords for this account. Try again in 20 seconds."
    );

    // After the wait the right current password works and resets the count: four wrong
    // sign-ins in a row do not lock again.
    app.clock.advance(Duration::seconds(21));
    let owner = app
        .keydesk
        .change_own_password(&owner, change(OWNER_PASSWORD))
        .await
        .expect("the right current password after the wait");
    for attempt in 1..LOCKOUT_THRESHOLD {
        let err = app.sign_in(WRONG).await.unwrap_err();
        assert!(
            matches!(err, SignInError::InvalidCredentials),
            "attempt {attempt} after the reset: {err:?}"
        );
    }
    app.sign_in(NEW_PASSWORD).await.expect("the new password");

    let failed = app
        .audit_count(&owner, "account.password_change_failed")
        .await;
    assert_eq!(failed, 6);
    assert_eq!(app.audit_count(&owner, "account.locked").await, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn sign_in_failures_and_a_wrong_current_password_add_up() {
    let (app, owner) = TestApp::with_owner().await;
    for _ in 1..LOCKOUT_THRESHOLD {
        assert_err!(app.sign_in(WRONG).await, SignInError::InvalidCredentials);
    }
    let message =
        current_password_error(app.keydesk.change_own_password(&owner, change(WRONG)).await);
    assert!(message.starts_with("Too many wrong passwords"), "{message}");
    app.cleanup().await;
}

/// One attempt's answer, in the terms the window sees: which error and its words.
fn answer(result: &Result<Actor, SignInError>) -> (&'static str, String) {
    match result {
        Ok(_) => ("signed in", String::new()),
        Err(e @ SignInError::InvalidCredentials) => ("invalid", e.to_string()),
        Err(e @ SignInError::LockedOut { .. }) => ("locked", e.to_string()),
        Err(e) => ("other", e.to_string()),
    }
}

#[tokio::test]
async fn a_locked_account_and_an_unknown_email_answer_alike() {
    let (app, _owner) = TestApp::with_owner().await;
    let unknown = "nobody@agency.test";

    // The same attempts, interleaved so both see the same clock.
    let mut steps: Vec<(&str, i64)> = vec![(WRONG, 0); LOCKOUT_THRESHOLD as usize];
    steps.push((OWNER_PASSWORD, 0));
    steps.push((WRONG, 31));
    steps.push((OWNER_PASSWORD, 30));
    for (step, (password, wait)) in steps.into_iter().enumerate() {
        app.clock.advance(Duration::seconds(wait));
        let (real, real_work) =
            count_verifications(app.keydesk.sign_in(OWNER_EMAIL, pw(password))).await;
        let (fake, fake_work) =
            count_verifications(app.keydesk.sign_in(unknown, pw(password))).await;
        assert_eq!(answer(&real), answer(&fake), "step {step}");
        assert_eq!(
            real_work.real + real_work.dummy,
            1,
            "step {step}: exactly one argon2 verification for the account"
        );
        assert_eq!(
            fake_work,
            Verifications { real: 0, dummy: 1 },
            "step {step}: one dummy verification for the unknown email"
        );
    }

    // Refused while locked: the account's hash is not consulted, the dummy is.
    let (locked, work) =
        count_verifications(app.keydesk.sign_in(OWNER_EMAIL, pw(OWNER_PASSWORD))).await;
    assert_eq!(answer(&locked).0, "locked");
    assert_eq!(work, Verifications { real: 0, dummy: 1 });
    let (locked, work) = count_verifications(app.keydesk.sign_in(unknown, pw(WRONG))).await;
    assert_eq!(answer(&locked).0, "locked");
    assert_eq!(work, Verifications { real: 0, dummy: 1 });
    app.cleanup().await;
}

#[tokio::test]
async fn unknown_emails_lock_one_by_one_and_case_does_not_escape_the_count() {
    let (app, _owner) = TestApp::with_owner().await;
    for _ in 0..LOCKOUT_THRESHOLD {
        let _ = app.keydesk.sign_in("nobody@agency.test", pw(WRONG)).await;
    }
    let again = app.keydesk.sign_in(" Nobody@Agency.TEST ", pw(WRONG)).await;
    assert_eq!(answer(&again).0, "locked", "the same email in other case");
    let other = app.keydesk.sign_in("somebody@agency.test", pw(WRONG)).await;
    assert_eq!(
        answer(&other).0,
        "invalid",
        "another unknown email has its own count"
    );
    // The real account was never involved.
    app.sign_in(OWNER_PASSWORD).await.expect("owner unaffected");
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_sign_ins_are_checked_no_more_than_the_threshold() {
    let (app, _owner) = TestApp::with_owner().await;
    let attempts: Vec<_> = (0..20)
        .map(|_| app.keydesk.sign_in(OWNER_EMAIL, pw(WRONG)))
        .collect();
    let (results, work) = count_verifications(join_all(attempts)).await;

    assert_eq!(
        work.real, LOCKOUT_THRESHOLD,
        "only the attempts before the lock are checked against the hash"
    );
    assert_eq!(work.dummy, 20 - LOCKOUT_THRESHOLD);
    let invalid = results
        .iter()
        .filter(|r| matches!(r, Err(SignInError::InvalidCredentials)))
        .count();
    let locked = results
        .iter()
        .filter(|r| matches!(r, Err(SignInError::LockedOut { .. })))
        .count();
    assert_eq!((invalid, locked), (4, 16), "{results:?}");

    // Recorded as such: five failures, the lock, the rest refused.
    app.clock.advance(Duration::seconds(31));
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let actions = app.audit_actions(&owner).await;
    let count = |name: &str| actions.iter().filter(|a| *a == name).count();
    assert_eq!(count("sign_in.failed"), 5, "{actions:?}");
    assert_eq!(count("account.locked"), 1, "{actions:?}");
    assert_eq!(count("sign_in.refused_locked"), 15, "{actions:?}");
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_unlocks_are_checked_no_more_than_the_threshold() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.lock_session(&owner).await.unwrap();
    let attempts: Vec<_> = (0..20)
        .map(|_| app.keydesk.unlock_session(&owner, pw(WRONG)))
        .collect();
    let (results, work) = count_verifications(join_all(attempts)).await;
    assert_eq!(work.real, LOCKOUT_THRESHOLD, "{results:?}");
    assert!(
        results.iter().all(Result::is_err),
        "no wrong password unlocks"
    );
    // Locked out: the right password is refused until the wait is over.
    assert_err!(
        app.keydesk.unlock_session(&owner, pw(OWNER_PASSWORD)).await,
        SignInError::LockedOut { .. }
    );
    app.clock.advance(Duration::seconds(31));
    app.keydesk
        .unlock_session(&owner, pw(OWNER_PASSWORD))
        .await
        .expect("unlocks after the wait");
    app.cleanup().await;
}
