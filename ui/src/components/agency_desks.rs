//! The agency's desks, each with *Revoke* after a confirmation: in Settings → Agency server
//! and in Staff → Desks. A revoked desk's unsent mail can be sent from this owner's desk.

use keydesk_api::{
    AgencyDesk, AgencyServerView, DeskRevoked, ExposedLoginsReset, MailTakenOver,
    ResetExposedLoginsRequest, RevokeDeskRequest, TakeOverMailRequest,
};

use super::confirm_dialog::ConfirmDialog;
use crate::prelude::*;
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct AgencyDesksProps {
    pub view: AgencyServerView,
    /// A desk was revoked: the view is to be read again.
    pub onchanged: Callback<()>,
}

#[component]
pub fn AgencyDesks(props: &AgencyDesksProps) -> Html {
    let command = use_command();
    let words = use_words();
    let revoking = use_state(|| None::<AgencyDesk>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    // A revoked owner's desk whose keys could open pending logins: offer to reset them.
    let exposed = use_state(|| None::<(AgencyDesk, u32)>);
    let reset_done = use_state(|| None::<u32>);
    let took = use_state(|| None::<MailTakenOver>);
    let Some(server) = &props.view.server else {
        return Html::default();
    };
    let reset_exposed = {
        let (exposed, busy, error, reset_done) = (
            exposed.clone(),
            busy.clone(),
            error.clone(),
            reset_done.clone(),
        );
        let command = command.clone();
        Callback::from(move |_: MouseEvent| {
            let Some((desk, _)) = (*exposed).clone() else {
                return;
            };
            busy.set(true);
            let (exposed, busy, error, reset_done) = (
                exposed.clone(),
                busy.clone(),
                error.clone(),
                reset_done.clone(),
            );
            command.call(
                commands::RESET_EXPOSED_LOGINS,
                ResetExposedLoginsRequest { desk: desk.desk },
                move |answer: Result<ExposedLoginsReset, _>| {
                    busy.set(false);
                    match answer {
                        Ok(done) => {
                            exposed.set(None);
                            error.set(None);
                            reset_done.set(Some(done.reset));
                        }
                        Err(e) => error.set(Some(e.message)),
                    }
                },
            );
        })
    };
    let confirm = {
        let (revoking, busy, error, onchanged) = (
            revoking.clone(),
            busy.clone(),
            error.clone(),
            props.onchanged.clone(),
        );
        let (exposed, reset_done) = (exposed.clone(), reset_done.clone());
        let command = command.clone();
        Callback::from(move |()| {
            let Some(desk) = (*revoking).clone() else {
                return;
            };
            busy.set(true);
            let (revoking, busy, error, onchanged, exposed, reset_done) = (
                revoking.clone(),
                busy.clone(),
                error.clone(),
                onchanged.clone(),
                exposed.clone(),
                reset_done.clone(),
            );
            command.call(
                commands::REVOKE_DESK,
                RevokeDeskRequest {
                    desk: desk.desk.clone(),
                },
                move |answer: Result<DeskRevoked, _>| {
                    busy.set(false);
                    revoking.set(None);
                    reset_done.set(None);
                    match answer {
                        Ok(revoked) => {
                            error.set(None);
                            exposed.set(
                                (revoked.exposed_logins > 0)
                                    .then_some((desk, revoked.exposed_logins)),
                            );
                        }
                        Err(e) => error.set(Some(e.message)),
                    }
                    onchanged.emit(());
                },
            );
        })
    };
    let take_over = {
        let (busy, error, took, onchanged) = (
            busy.clone(),
            error.clone(),
            took.clone(),
            props.onchanged.clone(),
        );
        let command = command.clone();
        Callback::from(move |desk: String| {
            busy.set(true);
            let (busy, error, took, onchanged) =
                (busy.clone(), error.clone(), took.clone(), onchanged.clone());
            command.call(
                commands::TAKE_OVER_MAIL,
                TakeOverMailRequest { desk },
                move |answer: Result<MailTakenOver, _>| {
                    busy.set(false);
                    match answer {
                        Ok(done) => {
                            error.set(None);
                            took.set(Some(done));
                        }
                        Err(e) => error.set(Some(e.message)),
                    }
                    onchanged.emit(());
                },
            );
        })
    };
    let rows = props.view.desks.iter().map(|desk| {
        let state = match (&desk.revoked_at, &desk.enrolled_at) {
            (Some(at), _) => (
                Tone::Danger,
                words.t_with("desks-revoked-at", &[("time", &local_time_short(at))]),
            ),
            (None, Some(_)) if desk.this_desk => (Tone::Accent, words.t("desks-this-desk")),
            (None, Some(at)) => (
                Tone::Success,
                words.t_with("desks-joined-at", &[("time", &local_time_short(at))]),
            ),
            (None, None) => (Tone::Warning, words.t("desks-invited")),
        };
        let onrevoke = {
            let (revoking, desk) = (revoking.clone(), desk.clone());
            Callback::from(move |_: MouseEvent| revoking.set(Some(desk.clone())))
        };
        let ontakeover = {
            let (take_over, desk) = (take_over.clone(), desk.desk.clone());
            Callback::from(move |_: MouseEvent| take_over.emit(desk.clone()))
        };
        let waiting = desk.waiting_mail;
        html! {
            <li key={desk.desk.clone()} class={classes!("desk-row", desk.revoked_at.is_some().then_some("revoked"))}
                data-desk={desk.desk.clone()}>
                <div>
                    <div class="desk-name">{ desk.label.clone() }</div>
                    <div class="muted small">{ words.t_with("desks-whose", &[("member", &words.say(&desk.member)), ("role", &words.role(desk.role))]) }</div>
                </div>
                <div class="row-actions">
                    if desk.revoked_at.is_some() && waiting > 0 {
                        <button type="button" class="btn btn-secondary btn-sm desk-take-over"
                            disabled={*busy} onclick={ontakeover}
                            title={words.t("desks-take-over-title")}>
                            { words.count("desks-take-over", waiting.into()) }
                        </button>
                    }
                    <Badge tone={state.0} text={state.1} />
                    if desk.revoked_at.is_none() && !desk.this_desk {
                        <button type="button" class="btn btn-ghost btn-sm btn-danger-text desk-revoke"
                            onclick={onrevoke} aria-label={words.t_with("desks-revoke-named", &[("desk", &desk.label)])}>
                            { words.t("desks-revoke") }
                        </button>
                    }
                </div>
            </li>
        }
    });
    html! {
        <>
            <dl class="agency-facts" id="agency-facts">
                <dt>{ words.t("desks-server") }</dt><dd id="agency-address">{ server.address.clone() }</dd>
                <dt>{ words.t("desks-this-desk-joined") }</dt><dd>{ local_time_short(&server.joined_at) }</dd>
            </dl>
            if let Some(message) = &*error {
                <Banner id="agency-desks-error" message={message.clone()} />
            }
            if let Some((desk, count)) = &*exposed {
                <div class="exposed-logins" id="exposed-logins" role="status">
                    <p>{ words.t_with("desks-exposed", &[
                        ("desk", &desk.label),
                        ("logins", &words.count("desks-exposed-logins", (*count).into())),
                        ("reset", &words.count("desks-exposed-reset", (*count).into())),
                    ]) }</p>
                    <button type="button" class="btn btn-primary btn-sm" id="reset-exposed"
                        disabled={*busy} onclick={reset_exposed}>
                        { words.count("desks-exposed-submit", (*count).into()) }
                    </button>
                </div>
            }
            if let Some(count) = *reset_done {
                <Banner id="exposed-reset" tone={Tone::Success}
                    message={words.count("desks-exposed-done", count.into())} />
            }
            if let Some(done) = *took {
                <Banner id="mail-taken-over" tone={Tone::Success} message={taken_over_text(done, &words)} />
            }
            if let Some(message) = &props.view.update_advised {
                <Banner id="agency-update-advised" tone={Tone::Warning} message={words.say(message)} />
            }
            if let Some(message) = &props.view.desks_error {
                <Banner id="agency-offline" tone={Tone::Warning}
                    message={words.t_with("desks-offline", &[("reason", &words.say(message))])} />
            }
            <h3 class="section-title">{ words.t("desks-title") }</h3>
            <ul class="desk-list" id="agency-desks">{ for rows }</ul>
            if let Some(desk) = &*revoking {
                <ConfirmDialog id="revoke-desk" confirm_id="revoke-desk-confirm" title={words.t("desks-revoke-title")}
                    message={words.t_with("desks-revoke-message", &[("desk", &desk.label), ("member", &words.say(&desk.member))])}
                    confirm_label={words.t("desks-revoke-confirm")} busy_label={words.t("desks-revoking")} destructive=true busy={*busy}
                    onconfirm={confirm} oncancel={{
                        let revoking = revoking.clone();
                        move |()| revoking.set(None)
                    }} />
            }
        </>
    }
}

/// What taking over a revoked desk's mail did: a sentence for each kind of mail there
/// was, the queued first.
fn taken_over_text(done: MailTakenOver, words: &Words) -> String {
    let mut sentences = vec![words.count("desks-taken-queued", done.queued.into())];
    if done.dropped > 0 {
        sentences.push(words.count("desks-taken-dropped", done.dropped.into()));
    }
    if done.waiting > 0 {
        sentences.push(words.count("desks-taken-waiting", done.waiting.into()));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_take_over_summary_counts_what_went_where() {
        let done = MailTakenOver {
            queued: 1,
            dropped: 2,
            waiting: 0,
        };
        let words = Words::new(crate::words::speaking(keydesk_api::Language::En));
        assert_eq!(
            taken_over_text(done, &words),
            "1 mail queued on this desk, under the Message-IDs they had. 2 mails no longer \
             went: the login ended meanwhile."
        );
    }
}
