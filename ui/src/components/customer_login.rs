use keydesk_api::{CredentialsState, CustomerAccount};

use crate::prelude::*;
use crate::state::customers::{credentials_tone, verified_badge};

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
    let words = use_words();
    let rows = match &props.account {
        None => html! {
            <>
                { row(words.t("customer-detail-login"), "customer-login-state", Tone::Neutral, words.t("customer-detail-no-login"),
                    html! { <span class="muted">{ words.t("customer-detail-no-login-text") }</span> }) }
                { row(words.t("customer-detail-email"), "customer-verified", Tone::Neutral, words.t("customer-detail-not-verified"), Html::default()) }
                { row(words.t("customer-detail-credentials"), "customer-credentials", Tone::Neutral, words.t("customer-detail-credentials-none"), Html::default()) }
            </>
        },
        Some(account) => {
            let (login_tone, login_text) = if account.must_change_password {
                (
                    Tone::Warning,
                    words.t("customer-detail-must-change-password"),
                )
            } else {
                (Tone::Success, words.t("customer-detail-in-use"))
            };
            let logins = words.count("customer-detail-login-count", account.login_count);
            let login_meta = html! {
                <>
                    <span class="login-username" title={words.t("customer-detail-username")}>{ account.username.clone() }</span>
                    if let Some(at) = &account.last_login_at {
                        <span>
                            { words.t("customer-detail-last-login") }{ " " }
                            <time datetime={at.clone()} title={local_time(at)}>{ local_time_short(at) }</time>
                            <span class="muted">{ " · " }{ logins }</span>
                        </span>
                    } else {
                        <span class="muted">{ words.t("customer-detail-never-signed-in") }</span>
                    }
                </>
            };

            let (verified_tone, verified_text) =
                if !account.verified() && !account.requires_verification {
                    (Tone::Neutral, words.t("customer-detail-not-required"))
                } else {
                    let verified = account.verified();
                    let text = if verified {
                        words.t("customer-detail-verified")
                    } else {
                        words.t("customer-detail-not-verified")
                    };
                    (verified_badge(verified).0, text)
                };
            let verified_meta = html! {
                if let Some(at) = &account.verified_at {
                    <span class="muted">{ words.t_with("customer-detail-verified-on", &[("date", &local_time_short(at))]) }</span>
                }
            };

            let state = if account.credentials_sent() {
                CredentialsState::Sent
            } else {
                CredentialsState::Pending
            };
            let credentials_tone = credentials_tone(state);
            let credentials_meta = match &account.credentials_sent_at {
                Some(at) => {
                    let date = local_time_short(at);
                    let text = match account.credentials_sent_by.as_deref() {
                        Some(by) => words
                            .t_with("customer-detail-sent-by", &[("date", &date), ("name", by)]),
                        None => date,
                    };
                    html! { <span class="muted">{ text }</span> }
                }
                None => {
                    html! { <span class="muted">{ words.t("customer-detail-not-handed-over") }</span> }
                }
            };
            html! {
                <>
                    { row(words.t("customer-detail-login"), "customer-login-state", login_tone, login_text, login_meta) }
                    { row(words.t("customer-detail-email"), "customer-verified", verified_tone, verified_text, verified_meta) }
                    { row(words.t("customer-detail-credentials"), "customer-credentials", credentials_tone, words.name(state), credentials_meta) }
                </>
            }
        }
    };
    html! {
        <section class="card detail-card" aria-labelledby="customer-login-title">
            <h3 class="card-title" id="customer-login-title">{ words.t("customer-detail-login-title") }</h3>
            <dl class="login-facts">{ rows }</dl>
        </section>
    }
}

fn row(label: String, id: &'static str, tone: Tone, text: String, meta: Html) -> Html {
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
