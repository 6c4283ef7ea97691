use keydesk_api::{OutboxIdRequest, OutboxMail, OutboxState, OutboxStatus, RetryMailRequest};

use crate::components::table_note::{table_loading, table_note};
use crate::hooks::outbox_status::use_outbox_changed;
use crate::hooks::paging::use_paging;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::outbox::{can_act_on, state_tone, OutboxAction, OutboxList, OutboxNote};
use crate::state::paging::Paging;
use crate::words::Words;

/// Every mail Keydesk sent or will send, newest first, with the state filter, paging,
/// and retry / cancel; follows the worker through `outbox-changed`.
#[component]
pub fn OutboxPage() -> Html {
    let words = use_words();
    let command = use_command();
    let state = use_reducer(OutboxList::default);

    use_paging(&state, commands::LIST_OUTBOX);
    let actions = state.dispatcher().to_callback();
    use_outbox_changed(true, actions.reform(|_| OutboxAction::Refresh));

    let retry = {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        Callback::from(move |id: i64| {
            dispatcher.dispatch(OutboxAction::RowBusy(id));
            command.load(
                commands::RETRY_MAIL,
                RetryMailRequest { id: Some(id) },
                dispatcher.clone(),
                move |result: Result<OutboxStatus, String>| OutboxAction::RowDone {
                    id,
                    result: result
                        .map(|_| OutboxNote::Retrying)
                        .map_err(OutboxNote::RetryFailed),
                },
            );
        })
    };
    let cancel = {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        Callback::from(move |id: i64| {
            dispatcher.dispatch(OutboxAction::RowBusy(id));
            command.load(
                commands::CANCEL_MAIL,
                OutboxIdRequest { id },
                dispatcher.clone(),
                move |result: Result<OutboxMail, String>| OutboxAction::RowDone {
                    id,
                    result: result
                        .map(|mail| OutboxNote::Cancelled {
                            recipient: mail.recipient,
                        })
                        .map_err(OutboxNote::CancelFailed),
                },
            );
        })
    };
    {
        let dispatcher = state.dispatcher();
        use_request(&state.retry_all, move |seq| {
            command.load(
                commands::RETRY_MAIL,
                RetryMailRequest { id: None },
                dispatcher,
                move |result| OutboxAction::RetryAllDone { seq, result },
            );
        });
    }
    let retry_all = actions.reform(|_: MouseEvent| OutboxAction::RetryAll);
    let on_filter = actions.reform(|v: String| OutboxAction::SetFilter(v.parse().ok()));
    let on_refresh = actions.reform(|_: MouseEvent| OutboxAction::Refresh);
    let on_more = actions.reform(|_: MouseEvent| OutboxAction::Page(Paging::More));
    let dismiss = actions.reform(|()| OutboxAction::Dismiss);

    let mut filter_options = vec![("".into(), words.t("outbox-all-mails").into())];
    filter_options.extend(words.choices(&OutboxState::ALL));

    let list = &state.list;
    let body = match &list.load.remote {
        Remote::Loading if list.rows.is_empty() => table_loading(6, words.t("outbox-loading")),
        Remote::Failed(message) if list.rows.is_empty() => table_note(
            6,
            words.t_with("outbox-load-failed", &[("reason", message)]),
        ),
        _ if list.rows.is_empty() && state.filter.is_some() => {
            table_note(6, words.t("outbox-none-in-state"))
        }
        _ if list.rows.is_empty() => table_note(6, words.t("outbox-none-yet")),
        _ => html! {
            for mail in list.rows.iter() { { row(mail, state.is_busy(mail.id), &retry, &cancel, &words) } }
        },
    };
    let shown = list.rows.len();
    let total_text = if list.load.remote.loaded().is_some() || shown > 0 {
        if (shown as i64) < list.total {
            words.t_with(
                "outbox-shown-of",
                &[
                    ("shown", &words.number(shown)),
                    ("total", &words.number(list.total)),
                ],
            )
        } else {
            words.count("outbox-total", list.total)
        }
    } else {
        String::new()
    };

    html! {
        <section id={Page::Outbox.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="page-head">
                <div>
                    <p class="muted">{ words.t("outbox-lead") }</p>
                </div>
                <div class="page-actions">
                    <div class="filter-inline">
                        <label class="field-label" for="outbox-filter">{ words.t("outbox-show") }</label>
                        <Select id="outbox-filter" value={state.filter.map(OutboxState::as_str).unwrap_or_default()}
                            options={filter_options} onchange={on_filter} />
                    </div>
                    <button type="button" id="outbox-refresh" class="btn btn-secondary" onclick={on_refresh}>
                        <Icon name={IconName::Refresh} size={16} />{ words.t("outbox-refresh") }
                    </button>
                    <BusyButton id="outbox-retry-all" class="btn btn-primary"
                        busy={state.retry_all.is_loading()} busy_label={words.t("outbox-retry-all-busy")} onclick={retry_all}>
                        <Icon name={IconName::Outbox} size={16} />{ words.t("outbox-retry-all") }
                    </BusyButton>
                </div>
            </div>
            if let Some(message) = &state.error {
                <Banner id="outbox-error" message={message.text(&words)} ondismiss={dismiss.clone()} />
            } else if let Some(message) = &state.notice {
                <Banner id="outbox-notice" tone={Tone::Success} message={message.text(&words)} ondismiss={dismiss} />
            }
            <div class="card table-card">
                <div class="table-wrap" tabindex="0" aria-label={words.t("outbox-table")}>
                    <table id="outbox-table" class="table">
                        <thead>
                            <tr>
                                <th scope="col" class="col-time">{ words.t("outbox-col-queued") }</th>
                                <th scope="col">{ words.t("outbox-col-mail") }</th>
                                <th scope="col">{ words.t("outbox-col-to") }</th>
                                <th scope="col" class="col-state">{ words.t("outbox-col-state") }</th>
                                <th scope="col" class="col-num">{ words.t("outbox-col-tries") }</th>
                                <th scope="col" class="col-actions"><span class="visually-hidden">{ words.t("outbox-col-actions") }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ body }</tbody>
                    </table>
                </div>
                <footer class="table-foot">
                    <span id="outbox-total" class="muted" aria-live="polite">{ total_text }</span>
                    if list.next_before_id.is_some() {
                        <BusyButton id="outbox-more" busy={list.is_loading_more()}
                            busy_label={words.t("outbox-loading-more")} onclick={on_more}>
                            { words.t("outbox-load-more") }
                        </BusyButton>
                    }
                </footer>
            </div>
        </section>
    }
}

fn row(
    mail: &OutboxMail,
    busy: bool,
    retry: &Callback<i64>,
    cancel: &Callback<i64>,
    words: &Words,
) -> Html {
    let id = mail.id;
    let on_retry = retry.reform(move |_: MouseEvent| id);
    let on_cancel = cancel.reform(move |_: MouseEvent| id);
    let when_detail = match (mail.sent_at.as_deref(), mail.next_attempt_at.as_deref()) {
        (Some(sent), _) => {
            Some(words.t_with("outbox-sent-at", &[("time", &local_time_short(sent))]))
        }
        (None, Some(next))
            if mail.state == keydesk_api::OutboxState::Queued && mail.attempts > 0 =>
        {
            Some(words.t_with("outbox-next-try", &[("time", &local_time_short(next))]))
        }
        _ => None,
    };
    html! {
        <tr class="outbox-row" key={mail.id} data-id={mail.id.to_string()}
            data-state={mail.state.as_str()} data-kind={mail.kind.as_str()}>
            <td class="col-time">
                <time datetime={mail.created_at.clone()} title={local_time(&mail.created_at)}>
                    { local_time_short(&mail.created_at) }
                </time>
                if let Some(by) = &mail.created_by {
                    <div class="muted small">{ words.t_with("outbox-by", &[("name", by)]) }</div>
                }
            </td>
            <td class="col-kind">
                <span class="outbox-kind">{ words.name(mail.kind) }</span>
                if let Some(name) = &mail.customer_name {
                    <div class="muted small">{ name.clone() }</div>
                }
            </td>
            <td class="col-recipient">{ mail.recipient.clone() }</td>
            <td class="col-state">
                <Badge tone={state_tone(mail.state)} text={words.name(mail.state)} />
                if let Some(detail) = when_detail {
                    <div class="muted small">{ detail }</div>
                }
                if let Some(error) = &mail.last_error {
                    <div class="outbox-error small" title={words.say(error)}>{ words.say(error) }</div>
                }
            </td>
            <td class="col-num">{ words.number(mail.attempts) }</td>
            <td class="col-actions">
                <div class="row-actions">
                    if can_act_on(mail) {
                        <button type="button" class="btn btn-secondary btn-sm outbox-retry"
                            disabled={busy} onclick={on_retry}
                            aria-label={words.t_with("outbox-retry-named", &[("recipient", &mail.recipient)])}>
                            { words.t("outbox-retry") }
                        </button>
                        <button type="button" class="btn btn-ghost btn-sm btn-danger-text outbox-cancel"
                            disabled={busy} onclick={on_cancel}
                            aria-label={words.t_with("outbox-cancel-named", &[("recipient", &mail.recipient)])}>
                            { words.t("outbox-cancel") }
                        </button>
                    }
                </div>
            </td>
        </tr>
    }
}
