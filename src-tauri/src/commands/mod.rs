//! Thin commands: check the session, call one core service, map the error.

/// The shape of most commands: refuses first when nobody is signed in (or the window is
/// locked), opens the core, runs `call` with them, and turns the core's error into the
/// window's `{code, message}` through `CommandError`'s `From`, the one mapping there is.
/// `call` is written in place, not a closure: a `?` or `return` in it leaves the command.
macro_rules! with_actor {
    ($shell:expr, |$keydesk:ident, $actor:ident| $call:expr) => {{
        let $actor = $shell.actor()?;
        let $keydesk = $shell.keydesk().await?;
        Result::<_, $crate::command_error::CommandError>::Ok($call?)
    }};
}

pub mod account;
pub mod agency;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod credentials;
pub mod customer_import;
pub mod customers;
pub mod funnel;
pub mod mail;
pub mod portal;
pub mod recovery;
pub mod settings;
pub mod staff;
