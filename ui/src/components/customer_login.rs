use keydesk_api::{CredentialsState, CustomerAccount};

use crate::prelude::*;
use crate::state::customers::{credentials_badge, verified_badge};

#[derive(Properties, PartialEq)]
pub struct CustomerLoginProps {
    /// The customer's portal login, once one was generated.
    pub account: Option<CustomerAccount>,
}

/// The customer's portal login at a glance: `#customer-login-state` (none / must change
/// password / in use, with the last login and how many), `#customer-verified` and
/// `#customer-credentials` (to hand over, or sent when and by whom).
#[component]
pub fn CustomerLogin(props: &CustomerLoginProps) -> Html {
    let rows = match &props.account {
        None => html! {
            <>
                { row("Login", "customer-login-state", Tone::Neutral, "No login",
                    html! { <span class="muted">{ "No portal login has been generated yet." }</span> }) }
                { row("Email", "customer-verified", Tone::Neutral, "Not verified", Html::default()) }
                { row("Credentials", "customer-credentials", Tone::Neutral, "None", Html::default()) }
            </>
        },
        Some(account) => {
            let (login_tone, login_text) = if account.must_change_password {
                (Tone::Warning, "Must change password")
            } else {
                (Tone::Success, "In use")
            };
            let logins = match account.login_count {
                0 => "never signed in".to_owned(),
                1 => "1 login".to_owned(),
                n => format!("{n} logins"),
            };
            let login_meta = html! {
                <>
                    <span class="login-username" title="Username">{ account.username.clone() }</span>
                    if let Some(at) = &account.last_login_at {
                        <span>
                            { "Last login " }
                            <time datetime={at.clone()} title={local_time(at)}>{ local_time_short(at) }</time>
                            <span class="muted">{ format!(" · {logins}") }</span>
                        </span>
                    } else {
                        <span class="muted">{ "Never signed in" }</span>
                    }
                </>
            };

            let (verified_tone, verified_text) =
                if !account.verified() && !account.requires_verification {
                    (Tone::Neutral, "Not required")
                } else {
                    verified_badge(account.verified())
                };
            let verified_meta = html! {
                if let Some(at) = &account.verified_at {
                    <span class="muted">{ format!("on {}", local_time_short(at)) }</span>
                }
            };

            let state = if account.credentials_sent() {
                CredentialsState::Sent
            } else {
                CredentialsState::Pending
            };
            let (credentials_tone, credentials_text) = credentials_badge(state);
            let credentials_meta = match &account.credentials_sent_at {
                Some(at) => {
                    let by = account
                        .credentials_sent_by
                        .as_deref()
                        .map(|by| format!(" by {by}"))
                        .unwrap_or_default();
                    html! { <span class="muted">{ format!("{}{by}", local_time_short(at)) }</span> }
                }
                None => html! { <span class="muted">{ "Not handed over yet" }</span> },
            };
            html! {
                <>
                    { row("Login", "customer-login-state", login_tone, login_text, login_meta) }
                    { row("Email", "customer-verified", verified_tone, verified_text, verified_meta) }
                    { row("Credentials", "customer-credentials", credentials_tone, credentials_text, credentials_meta) }
                </>
            }
        }
    };
    html! {
        <section class="card detail-card" aria-labelledby="customer-login-title">
            <h3 class="card-title" id="customer-login-title">{ "Portal login" }</h3>
            <dl class="login-facts">{ rows }</dl>
        </section>
    }
}

fn row(label: &'static str, id: &'static str, tone: Tone, text: &'static str, meta: Html) -> Html {
    html! {
        <div class="login-fact">
            <dt>{ label }</dt>
            <dd>
                <Badge id={id} tone={tone} text={text} />
                <span class="login-meta small">{ meta }</span>
            </dd>
        </div>
    }
}
