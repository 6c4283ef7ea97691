use std::rc::Rc;

use keydesk_api::{CredentialsState, CustomerSummary};

use crate::components::dash::dash;
use crate::dom::now_ms;
use crate::prelude::*;
use crate::state::customers::{credentials_tone, status_tone, tier_tone, verified_badge};
use crate::state::durations::ago;
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct CustomerRowsProps {
    /// Shared with the list's state: a keystroke that leaves the rows as they are hands
    /// over the same rows, so they are not drawn again while the next answer is on its way.
    pub rows: Rc<[CustomerSummary]>,
    pub open: Callback<i64>,
}

/// The rows of the customer table, one per customer; Enter, Space or a click opens one.
///
/// The rows are not keyed: a keystroke's answer is usually other customers, and keyed rows
/// would be taken out of the page and new ones built (about 1,000 elements for 50 rows),
/// where unkeyed rows keep their elements and change only their texts.
#[component]
pub fn CustomerRows(props: &CustomerRowsProps) -> Html {
    let words = use_words();
    let now = now_ms();
    html! {
        for row in props.rows.iter() { { customer_row(&words, row, &props.open, now) } }
    }
}

fn customer_row(words: &Words, row: &CustomerSummary, open: &Callback<i64>, now: f64) -> Html {
    let id = row.id;
    let onclick = open.reform(move |_: MouseEvent| id);
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                open.emit(id);
            }
        })
    };
    let name = format!("{} {}", row.first_name, row.last_name);
    html! {
        <tr class="customer-row" data-id={id.to_string()} tabindex="0"
            aria-label={words.t_with("customer-rows-open", &[("name", &name)])} {onclick} {onkeydown}>
            <td class="col-person">
                <div class="person-name"><span class="cell-strong">{ name.clone() }</span></div>
                <div class="person-email" title={row.email.clone()}>{ row.email.clone() }</div>
            </td>
            <td class="col-phone">{ dash(row.phone.as_deref()) }</td>
            <td class="col-company">{ dash(row.company.as_deref()) }</td>
            <td class="col-badge col-status">
                <span class="badges">
                    <Badge tone={status_tone(row.status)} text={words.name(row.status)} />
                    <Badge tone={tier_tone(row.tier)} text={words.name(row.tier)} />
                </span>
            </td>
            <td class="col-login">{ login_cell(words, row) }</td>
            <td class="col-last-login">{ last_login_cell(words, row.last_login_at.as_deref(), now) }</td>
        </tr>
    }
}

/// Where the customer's login stands, in two short lines: the credentials, then whether
/// the email is verified.
fn login_cell(words: &Words, row: &CustomerSummary) -> Html {
    let (tone, text) = (
        credentials_tone(row.credentials),
        words.name(row.credentials),
    );
    let icon = match row.credentials {
        CredentialsState::NoLogin => None,
        CredentialsState::Pending => Some(IconName::Key),
        CredentialsState::Sent => Some(IconName::CheckCircle),
    };
    let (verified_tone, verified_text) = verified_badge(row.verified);
    html! {
        <div class="login-cell">
            <span class={classes!("login-state", format!("text-{}", tone.class()))}>
                if let Some(icon) = icon { <Icon name={icon} size={14} /> }
                { text }
            </span>
            if row.credentials != CredentialsState::NoLogin {
                <span class={classes!("login-verified", "small", format!("text-{}", verified_tone.class()))}>
                    { words.t(verified_text) }
                </span>
            }
        </div>
    }
}

fn last_login_cell(words: &Words, at: Option<&str>, now: f64) -> Html {
    let Some(at) = at else {
        return html! { <span class="muted">{ words.t("customer-rows-never") }</span> };
    };
    let then = js_sys::Date::parse(at);
    if then.is_nan() {
        return html! { { at.to_owned() } };
    }
    html! {
        <time datetime={at.to_owned()} title={local_time(at)}>{ ago(now - then) }</time>
    }
}
