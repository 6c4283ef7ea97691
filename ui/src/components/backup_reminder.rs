//! `#dashboard-backups`: the owner's reminder of the last backup on the dashboard, in
//! amber when it is overdue, with the way to Settings → Backups.

use keydesk_api::BackupStatus;

use crate::pages::settings::open_settings_at;
use crate::prelude::*;
use crate::state::settings::SettingsSection;

#[derive(Properties, PartialEq)]
pub struct BackupReminderProps {
    pub onnavigate: Callback<Page>,
}

#[component]
pub fn BackupReminder(props: &BackupReminderProps) -> Html {
    let words = use_words();
    let command = use_command();
    let status = use_state(|| Remote::<BackupStatus>::Loading);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            command.call(
                commands::BACKUP_STATUS,
                (),
                move |answer: Result<BackupStatus, keydesk_api::Error>| {
                    status.set(Remote::from_result(answer.map_err(|e| e.message)));
                },
            );
        });
    }
    let open = props.onnavigate.reform(|_: MouseEvent| {
        open_settings_at(SettingsSection::Backups);
        Page::Settings
    });
    let (overdue, badge, text) = match &*status {
        Remote::Loaded(status) => {
            let last = match &status.last_backup_at {
                Some(at) => words.t_with("backups-reminder-last", &[("at", &local_time(at))]),
                None => words.t("backups-reminder-none"),
            };
            let advice = if !status.passphrase_set {
                words.t("backups-reminder-set-passphrase")
            } else if status.overdue {
                words.t("backups-reminder-overdue")
            } else {
                words.t("backups-reminder-daily")
            };
            let badge = if status.overdue {
                html! { <Badge tone={Tone::Warning} text={words.t("backups-overdue")} /> }
            } else {
                html! { <Badge tone={Tone::Success} text={words.t("backups-up-to-date")} /> }
            };
            // Joined as text, not as the values of one message: isolated values would leave
            // a right-to-left paragraph no letter to take its direction from.
            (status.overdue, badge, [last, advice].join(" "))
        }
        Remote::Failed(message) => (false, Html::default(), message.clone()),
        Remote::Idle | Remote::Loading => (false, Html::default(), words.t("backups-loading")),
    };
    html! {
        <article id="dashboard-backups" data-overdue={overdue.to_string()}
            class={classes!("card", "dash-card", overdue.then_some("dash-card-warn"))}>
            <header class="dash-card-head">
                <span class={classes!("card-icon", if overdue { "tone-warn" } else { "tone-accent" })}>
                    <Icon name={IconName::Download} size={20} />
                </span>
                <h3>{ words.t("settings-backups") }</h3>
                { badge }
            </header>
            <p id="dashboard-backups-text" class="muted">{ text }</p>
            <div class="card-actions">
                <button type="button" id="dashboard-open-backups" class="btn btn-secondary" onclick={open}>
                    { words.t("backups-reminder-open") }
                </button>
            </div>
        </article>
    }
}
