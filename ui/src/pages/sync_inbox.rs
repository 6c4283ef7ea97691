//! The Sync inbox: what the agency server merged, kept in part or refused of the changes
//! made on this desk, with who and when, "Apply mine" where it makes sense, and "Sync now".

use keydesk_api::{NoticeOutcome, SyncNotice, SyncNoticeRequest, SyncState, SyncStatus};

use crate::dom::{local_clock, local_time_short};
use crate::hooks::sync_status::use_sync_changed;
use crate::hooks::use_answer::use_answer;
use crate::prelude::*;
use crate::state::agency::{notice_text, sync_summary};

#[derive(Properties, PartialEq)]
pub struct SyncInboxProps {
    pub status: Option<SyncStatus>,
    /// Asks the top bar's status again (after an action here).
    pub onchanged: Callback<()>,
}

#[component]
pub fn SyncInboxPage(props: &SyncInboxProps) -> Html {
    let command = use_command();
    let words = use_words();
    let (notices, reload) = use_answer::<Vec<SyncNotice>>(commands::SYNC_NOTICES, true);
    use_sync_changed(true, reload.reform(|_| ()));
    let error = use_state(|| None::<String>);
    let busy = use_state(|| None::<i64>);

    let act = |name: &'static str, id: i64| {
        let (command, error, busy) = (command.clone(), error.clone(), busy.clone());
        let (reload, onchanged) = (reload.clone(), props.onchanged.clone());
        Callback::from(move |_: MouseEvent| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(id));
            let (error, busy, reload, onchanged) = (
                error.clone(),
                busy.clone(),
                reload.clone(),
                onchanged.clone(),
            );
            command.call(
                name,
                SyncNoticeRequest { notice_id: id },
                move |answer: Result<(), _>| {
                    busy.set(None);
                    match answer {
                        Ok(()) => error.set(None),
                        Err(e) => error.set(Some(e.message)),
                    }
                    reload.emit(());
                    onchanged.emit(());
                },
            );
        })
    };
    let sync_now = {
        let (command, error) = (command.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            let error = error.clone();
            command.call(commands::SYNC_NOW, (), move |answer: Result<(), _>| {
                if let Err(e) = answer {
                    error.set(Some(e.message));
                }
            });
        })
    };

    let status_line = match props.status.as_ref() {
        Some(status) => match sync_summary(status, local_clock, &words) {
            Some((tone, text)) => {
                let reason = match &status.state {
                    SyncState::Offline { reason, .. } | SyncState::Refused { reason, .. } => {
                        Some(reason.clone())
                    }
                    _ => None,
                };
                html! {
                    <div class="sync-status-line">
                        <Badge id="sync-state" {tone} text={text} />
                        if let Some(reason) = reason {
                            <span class="muted small" id="sync-offline-reason">{ words.say(&reason) }</span>
                        }
                    </div>
                }
            }
            None => html! {
                <p class="muted" id="sync-state">{ words.t("sync-no-server") }</p>
            },
        },
        None => html! { <p class="muted small">{ words.t("sync-loading") }</p> },
    };
    let syncing = matches!(
        props.status.as_ref().map(|s| &s.state),
        Some(SyncState::Syncing)
    );
    let joined = !matches!(
        props.status.as_ref().map(|s| &s.state),
        None | Some(SyncState::Off)
    );

    let list = match &notices {
        None => html! { <p class="muted small">{ words.t("sync-loading") }</p> },
        Some(notices) if notices.is_empty() => html! {
            <p class="muted" id="sync-inbox-empty">
                { words.t("sync-inbox-empty") }
            </p>
        },
        Some(notices) => notices
            .iter()
            .map(|notice| {
                let (title, lines) = notice_text(notice, local_time_short, &words);
                let can_apply = matches!(
                    notice.outcome,
                    NoticeOutcome::Kept { can_apply_mine: true, .. }
                );
                let working = *busy == Some(notice.id);
                let about = notice
                    .customer
                    .as_ref()
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| words.t("sync-customer-gone"));
                let made = match &notice.made_by {
                    Some(who) => words.t_with(
                        "sync-made-by",
                        &[("who", who), ("time", &local_time_short(&notice.at))],
                    ),
                    None => words.t_with("sync-answered", &[("time", &local_time_short(&notice.at))]),
                };
                html! {
                    <li key={notice.id} class="card sync-notice" id={format!("sync-notice-{}", notice.id)}>
                        <div class="sync-notice-head">
                            <Icon name={IconName::Alert} size={18} />
                            <div>
                                <h3 class="sync-notice-title">{ title }</h3>
                                <p class="sync-notice-customer">{ about }</p>
                            </div>
                        </div>
                        <ul class="sync-notice-lines">
                            { for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }
                        </ul>
                        <div class="sync-notice-foot">
                            <span class="muted small">{ made }</span>
                            <div class="sync-notice-actions">
                                if can_apply {
                                    <button type="button" class="btn btn-secondary sync-apply-mine"
                                        disabled={working} onclick={act(commands::APPLY_MINE, notice.id)}>
                                        { words.t("sync-apply-mine") }
                                    </button>
                                }
                                <button type="button" class="btn btn-ghost sync-dismiss"
                                    disabled={working} onclick={act(commands::DISMISS_SYNC_NOTICE, notice.id)}>
                                    { words.t("dismiss") }
                                </button>
                            </div>
                        </div>
                    </li>
                }
            })
            .collect::<Html>(),
    };

    html! {
        <section id={Page::Sync.page_id()} class="page" aria-labelledby="page-title">
            <div class="page-head">
                <div>
                    <p class="muted">
                        { words.t("sync-inbox-lead") }
                    </p>
                    { status_line }
                </div>
                <div class="page-actions">
                    if joined {
                        <button type="button" id="sync-now" class="btn btn-secondary"
                            disabled={syncing} onclick={sync_now}>
                            <Icon name={IconName::Refresh} size={16} />
                            { if syncing { words.t("sync-syncing") } else { words.t("sync-now") } }
                        </button>
                    }
                </div>
            </div>
            if let Some(message) = &*error {
                <Banner id="sync-inbox-error" message={message.clone()} />
            }
            <ul class="sync-notices" id="sync-inbox" aria-label={words.t("sync-inbox-label")}>{ list }</ul>
        </section>
    }
}
