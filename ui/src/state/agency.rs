//! Several desks in the window: the forms that publish this desk, invite a desk and join
//! an agency, and the words of the sync indicator and the Sync inbox.
//!
//! The checks here only spare the person a round trip; the shell checks everything again
//! and its field errors win.

use std::fmt;

use keydesk_api::{
    InviteDeskRequest, JoinAgencyRequest, KeptField, NoticeField, NoticeOutcome,
    PublishAgencyRequest, RotateDeskKeysRequest, SyncNotice, SyncState, SyncStatus,
};

use super::owner_form::{confirm_diverges, new_password_error};
use super::tone::Tone;
use crate::form::{self, FormMeta, FormState};
use crate::words::{Said, Words};

form::fields! {
    pub enum JoinField {
        Code = "code" => "join-code",
        Password = "password" => "join-password",
        PasswordConfirm = "password_confirm" => "join-password-confirm",
    }
}

/// The first-run screen's "Join an agency": the invitation's code and the member's new
/// password on this desk.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct JoinForm {
    pub code: String,
    pub password: String,
    pub password_confirm: String,
    pub meta: FormMeta<JoinField>,
}

impl fmt::Debug for JoinForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinForm")
            .field("code", &"<redacted>")
            .field("password", &"<redacted>")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl JoinForm {
    pub fn request(&self) -> JoinAgencyRequest {
        JoinAgencyRequest {
            code: self.code.trim().to_owned(),
            password: self.password.clone(),
            password_confirm: self.password_confirm.clone(),
        }
    }
}

/// The prefix every invitation code starts with.
const CODE_PREFIX: &str = "KD1.";

impl FormState for JoinForm {
    type Field = JoinField;
    type Own = ();

    form::meta_in_field!();

    form::text_values!(
        JoinField::Code => code,
        JoinField::Password => password,
        JoinField::PasswordConfirm => password_confirm,
    );

    fn edited(&mut self, field: JoinField) {
        if field == JoinField::Password {
            self.meta.clear_server_error(JoinField::PasswordConfirm);
        }
    }

    fn check(&self, field: JoinField) -> Option<Said> {
        let id = match field {
            JoinField::Code if self.code.trim().is_empty() => "check-join-code-missing",
            JoinField::Code if !self.code.trim().starts_with(CODE_PREFIX) => "check-join-code-odd",
            JoinField::Password if self.password.is_empty() => "check-join-password-missing",
            JoinField::Password => return new_password_error(&self.password),
            JoinField::PasswordConfirm if self.password_confirm.is_empty() => {
                "check-password-again"
            }
            JoinField::PasswordConfirm if self.password_confirm != self.password => {
                "check-passwords-differ"
            }
            _ => return None,
        };
        Some(Said::id(id))
    }

    fn shows_early(&self, field: JoinField) -> bool {
        field == JoinField::PasswordConfirm
            && confirm_diverges(&self.password, &self.password_confirm)
    }
}

form::reducible!(JoinForm);

form::fields! {
    pub enum PublishField {
        AdminUrl = "admin_url" => "agency-admin-url",
        Label = "label" => "agency-desk-label",
    }
}

/// Settings → Agency server on a desk of its own: the administrator's URL of an empty
/// server, and what this desk is called there.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PublishForm {
    pub admin_url: String,
    pub label: String,
    pub meta: FormMeta<PublishField>,
}

impl fmt::Debug for PublishForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublishForm")
            .field("admin_url", &"<redacted>")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl PublishForm {
    pub fn request(&self) -> PublishAgencyRequest {
        PublishAgencyRequest {
            admin_url: self.admin_url.trim().to_owned(),
            label: self.label.trim().to_owned(),
        }
    }
}

impl FormState for PublishForm {
    type Field = PublishField;
    type Own = ();

    form::meta_in_field!();

    form::text_values!(
        PublishField::AdminUrl => admin_url,
        PublishField::Label => label,
    );

    fn check(&self, field: PublishField) -> Option<Said> {
        let url = self.admin_url.trim();
        let id = match field {
            PublishField::AdminUrl if url.is_empty() => "check-publish-url-missing",
            PublishField::AdminUrl
                if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) =>
            {
                "check-publish-url-odd"
            }
            PublishField::Label if self.label.trim().is_empty() => "check-publish-label-missing",
            _ => return None,
        };
        Some(Said::id(id))
    }
}

form::reducible!(PublishForm);

form::fields! {
    pub enum RotateKeysField {
        Password = "password" => "rotate-keys-password",
    }
}

/// Settings → Agency server on one of the agency's desks: the owner's password, to seal
/// the desk's new keys.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RotateKeysForm {
    pub password: String,
    pub meta: FormMeta<RotateKeysField>,
}

impl fmt::Debug for RotateKeysForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RotateKeysForm")
            .field("password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl RotateKeysForm {
    pub fn request(&self) -> RotateDeskKeysRequest {
        RotateDeskKeysRequest {
            password: self.password.clone(),
        }
    }
}

/// The keys were rotated: the password goes, and its field starts over untouched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeysRotated;

impl FormState for RotateKeysForm {
    type Field = RotateKeysField;
    type Own = KeysRotated;

    form::meta_in_field!();

    fn own(&mut self, _: KeysRotated) -> bool {
        self.password.clear();
        // Not busy any more, and the emptied field is not an error yet.
        self.meta.reset();
        true
    }

    form::text_values!(
        RotateKeysField::Password => password,
    );

    fn check(&self, field: RotateKeysField) -> Option<Said> {
        match field {
            RotateKeysField::Password if self.password.is_empty() => {
                Some(Said::id("check-rotate-keys-password-missing"))
            }
            _ => None,
        }
    }
}

form::reducible!(RotateKeysForm);

form::fields! {
    pub enum InviteField {
        Member = "staff_id" => "invite-desk-member",
        Label = "label" => "invite-desk-label",
    }
}

/// Staff → "Invite a desk": whose desk it is, and what the new desk is called in the list
/// of desks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InviteForm {
    /// The member's id, as the select holds it; empty until one is chosen.
    pub member: String,
    pub label: String,
    pub meta: FormMeta<InviteField>,
}

impl InviteForm {
    pub fn request(&self) -> InviteDeskRequest {
        InviteDeskRequest {
            staff_id: self.member.parse().unwrap_or_default(),
            label: self.label.trim().to_owned(),
        }
    }
}

impl FormState for InviteForm {
    type Field = InviteField;
    type Own = ();

    form::meta_in_field!();

    form::text_values!(
        InviteField::Member => member,
        InviteField::Label => label,
    );

    fn check(&self, field: InviteField) -> Option<Said> {
        let id = match field {
            InviteField::Member if self.member.parse::<i64>().is_err() => {
                "check-invite-member-missing"
            }
            InviteField::Label if self.label.trim().is_empty() => "check-invite-label-missing",
            _ => return None,
        };
        Some(Said::id(id))
    }
}

form::reducible!(InviteForm);

/// The sync indicator's tone and words: `None` on a desk of its own (nothing shows).
/// `clock` turns an RFC 3339 time into the person's "10:42".
pub fn sync_summary(
    status: &SyncStatus,
    clock: impl Fn(&str) -> String,
    words: &Words,
) -> Option<(Tone, String)> {
    let waiting = status.changes_waiting;
    // The changes waiting follow what the desk is doing, when there are any.
    let with_waiting = |alone: &str, waiting_id: &str, values: &[(&str, &str)]| {
        if waiting == 0 {
            return words.t_with(alone, values);
        }
        let count = words.count(
            "sync-changes-waiting",
            i64::try_from(waiting).unwrap_or(i64::MAX),
        );
        let mut values = values.to_vec();
        values.push(("waiting", &count));
        words.t_with(waiting_id, &values)
    };
    let summary = match &status.state {
        SyncState::Off => return None,
        SyncState::Refused { .. } => (
            Tone::Danger,
            with_waiting("sync-refused", "sync-refused-waiting", &[]),
        ),
        SyncState::Offline { since, .. } => (
            Tone::Warning,
            with_waiting(
                "sync-offline",
                "sync-offline-waiting",
                &[("time", &clock(since))],
            ),
        ),
        _ if status.notices > 0 => (
            Tone::Warning,
            words.count(
                "sync-notices",
                i64::try_from(status.notices).unwrap_or(i64::MAX),
            ),
        ),
        SyncState::Syncing => (
            Tone::Neutral,
            with_waiting("sync-syncing", "sync-syncing-waiting", &[]),
        ),
        SyncState::Synced { .. } if waiting > 0 => (
            Tone::Neutral,
            with_waiting("sync-synced", "sync-sending-waiting", &[]),
        ),
        SyncState::Synced { .. } if status.update_advised.is_some() => {
            (Tone::Warning, words.t("sync-synced-update"))
        }
        SyncState::Synced { .. } => (Tone::Success, words.t("sync-synced")),
    };
    Some(summary)
}

/// A customer field's name in a sync notice: its message id.
pub fn field_label(field: NoticeField) -> &'static str {
    use keydesk_api::CustomerField as F;
    match field {
        NoticeField::Status => "sync-field-status",
        NoticeField::Form(field) => match field {
            F::Email => "sync-field-email",
            F::FirstName => "sync-field-first-name",
            F::LastName => "sync-field-last-name",
            F::Phone => "sync-field-phone",
            F::Company => "sync-field-company",
            F::Address => "sync-field-address",
            F::City => "sync-field-city",
            F::Country => "sync-field-country",
            F::BirthDate => "sync-field-birth-date",
            F::PreferredLanguage => "sync-field-preferred-language",
            F::ContactMethod => "sync-field-contact-method",
            F::Tier => "sync-field-tier",
            F::Gender => "sync-field-gender",
            F::SpecialRequirements => "sync-field-special-requirements",
            F::Notes => "sync-field-notes",
            F::MarketingConsent => "sync-field-marketing-consent",
        },
    }
}

fn field_list(fields: &[NoticeField], words: &Words) -> String {
    fields
        .iter()
        .map(|f| words.t(field_label(*f)))
        .collect::<Vec<_>>()
        .join(&words.t("sync-field-separator"))
}

/// A notice's heading and its sentences, as the Sync inbox shows them.
pub fn notice_text(
    notice: &SyncNotice,
    clock: impl Fn(&str) -> String,
    words: &Words,
) -> (String, Vec<String>) {
    match &notice.outcome {
        NoticeOutcome::Merged {
            created_by,
            since,
            differs,
        } => {
            let mut lines = vec![words.t_with(
                "sync-merged",
                &[
                    ("who", &someone(created_by, words)),
                    ("time", &clock(since)),
                ],
            )];
            if !differs.is_empty() {
                lines.push(words.t_with(
                    "sync-merged-kept",
                    &[("fields", &field_list(differs, words))],
                ));
            }
            (words.t("sync-merged-title"), lines)
        }
        NoticeOutcome::Kept { applied, kept, .. } => {
            let mut lines: Vec<String> = kept.iter().map(|k| kept_line(k, &clock, words)).collect();
            if !applied.is_empty() {
                lines.push(words.t_with(
                    "sync-kept-applied",
                    &[("fields", &field_list(applied, words))],
                ));
            }
            (words.t("sync-kept-title"), lines)
        }
        NoticeOutcome::Refused { reason } => {
            (words.t("sync-refused-title"), vec![words.name(*reason)])
        }
    }
}

/// Who made a change, or "someone" when the server does not say.
fn someone(name: &Option<String>, words: &Words) -> String {
    name.clone().unwrap_or_else(|| words.t("sync-someone"))
}

fn kept_line(kept: &KeptField, clock: &impl Fn(&str) -> String, words: &Words) -> String {
    let field = words.t(field_label(kept.field));
    if kept.taken {
        return words.t_with("sync-kept-taken", &[("field", &field)]);
    }
    let who = someone(&kept.by, words);
    match &kept.at {
        Some(at) => words.t_with(
            "sync-kept-first-at",
            &[("field", &field), ("who", &who), ("time", &clock(at))],
        ),
        None => words.t_with("sync-kept-first", &[("field", &field), ("who", &who)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{Field, FormAction};
    use crate::words::{in_english, in_persian};
    use keydesk_api::{CustomerField, NoticeCustomer, RefusalReason};
    use std::rc::Rc;
    use yew::prelude::*;

    fn english() -> Words {
        Words::new(crate::words::speaking(keydesk_api::Language::En))
    }

    fn clock(at: &str) -> String {
        at.get(11..16).unwrap_or(at).to_owned()
    }

    fn status(state: SyncState, waiting: u64, notices: u64) -> SyncStatus {
        SyncStatus {
            state,
            changes_waiting: waiting,
            notices,
            update_advised: None,
        }
    }

    #[test]
    fn the_indicator_says_where_the_desk_stands() {
        let synced = SyncState::Synced {
            at: "2026-12-01T10:40:00Z".into(),
        };
        let offline = SyncState::Offline {
            since: "2026-12-01T10:42:00Z".into(),
            reason: "refused".into(),
        };
        let words = english();
        let text = |s: SyncStatus| sync_summary(&s, clock, &words);
        assert_eq!(text(status(SyncState::Off, 3, 0)), None);
        assert_eq!(
            text(status(synced.clone(), 0, 0)),
            Some((Tone::Success, "Synced".into()))
        );
        let behind = SyncStatus {
            update_advised: Some("The agency server speaks a newer protocol".into()),
            ..status(synced.clone(), 0, 0)
        };
        assert_eq!(
            text(behind),
            Some((Tone::Warning, "Synced · update Keydesk".into()))
        );
        assert_eq!(
            text(status(offline, 3, 0)),
            Some((
                Tone::Warning,
                "Offline since 10:42 · 3 changes waiting".into()
            ))
        );
        let refused = SyncState::Refused {
            since: "2026-12-01T10:42:00Z".into(),
            reason: "revoked".into(),
        };
        assert_eq!(
            text(status(refused, 0, 1)),
            Some((Tone::Danger, "Needs attention: desk refused".into()))
        );
        assert_eq!(
            text(status(synced.clone(), 1, 0)),
            Some((Tone::Neutral, "Syncing · 1 change waiting".into()))
        );
        assert_eq!(
            text(status(synced, 0, 2)),
            Some((Tone::Warning, "2 sync notices need attention".into()))
        );
    }

    #[test]
    fn a_kept_edit_names_who_changed_the_field_first_and_when() {
        let notice = SyncNotice {
            id: 1,
            at: "2026-12-01T10:45:00Z".into(),
            made_by: Some("Ana".into()),
            customer: Some(NoticeCustomer {
                id: 7,
                name: "Léa Moreau".into(),
            }),
            outcome: NoticeOutcome::Kept {
                applied: vec![NoticeField::Form(CustomerField::City)],
                kept: vec![KeptField {
                    field: NoticeField::Form(CustomerField::Phone),
                    taken: false,
                    by: Some("Olive".into()),
                    at: Some("2026-12-01T10:41:00Z".into()),
                }],
                can_apply_mine: true,
            },
        };
        let (title, lines) = notice_text(&notice, clock, &english());
        assert_eq!(title, "Part of an edit was not applied");
        assert_eq!(
            lines,
            [
                "Phone: Olive changed it first, on 10:41; their value was kept.",
                "Saved as you made them: City."
            ]
        );
    }

    #[test]
    fn the_indicator_speaks_persian_with_persian_digits() {
        let words = Words::new(crate::words::speaking(keydesk_api::Language::Fa));
        let offline = SyncState::Offline {
            since: "2026-12-01T10:42:00Z".into(),
            reason: "refused".into(),
        };
        let (_, text) = sync_summary(&status(offline, 3, 0), clock, &words).unwrap();
        // Without the marks that keep each value's direction apart.
        let text = text.replace(['\u{2068}', '\u{2069}'], "");
        assert!(text.contains("بدون اتصال"), "{text}");
        assert!(text.contains("۳ تغییر"), "{text}");
    }

    #[test]
    fn a_merge_lists_the_kept_fields_and_a_refusal_says_why() {
        let merged = SyncNotice {
            id: 2,
            at: "2026-12-01T10:45:00Z".into(),
            made_by: None,
            customer: None,
            outcome: NoticeOutcome::Merged {
                created_by: None,
                since: "2026-12-01T09:00:00Z".into(),
                differs: vec![
                    NoticeField::Form(CustomerField::FirstName),
                    NoticeField::Status,
                ],
            },
        };
        let (title, lines) = notice_text(&merged, clock, &english());
        assert_eq!(title, "Merged with an existing customer");
        assert!(
            lines[0].contains("created by someone on 09:00"),
            "{lines:?}"
        );
        assert_eq!(
            lines[1],
            "The agency's values were kept for: First name, Status."
        );
        let refused = SyncNotice {
            outcome: NoticeOutcome::Refused {
                reason: RefusalReason::Erased,
            },
            ..merged
        };
        let (title, lines) = notice_text(&refused, clock, &english());
        assert_eq!(title, "A change was refused");
        assert_eq!(
            lines,
            ["The customer was erased on another desk, so this change was not applied."]
        );
    }

    #[test]
    fn the_join_form_checks_the_code_and_the_passwords() {
        let mut state = Rc::new(JoinForm::default());
        for (field, value) in [
            (JoinField::Code, "  not a code "),
            (JoinField::Password, "a long enough password"),
            (JoinField::PasswordConfirm, "a long"),
        ] {
            state = state.reduce(FormAction::Edit(field, value.into()));
        }
        assert!(in_english(state.check(JoinField::Code))
            .unwrap()
            .contains("KD1."));
        assert!(in_persian(state.check(JoinField::Code))
            .unwrap()
            .starts_with("کد دعوت"));
        assert!(!state.shows_early(JoinField::PasswordConfirm));
        assert_eq!(
            crate::words::in_english(state.check(JoinField::PasswordConfirm)).as_deref(),
            Some("The passwords do not match.")
        );
        assert_eq!(JoinField::Code.input_id(), "join-code");
        assert!(!format!("{:?}", *state).contains("long enough"));
        let state = state.reduce(FormAction::Edit(JoinField::Code, " KD1.abc ".into()));
        assert_eq!(state.check(JoinField::Code), None);
        assert_eq!(state.request().code, "KD1.abc");
    }

    #[test]
    fn an_invitation_needs_a_member_and_a_name() {
        let mut form = InviteForm::default();
        assert!(form.check(InviteField::Member).is_some());
        assert!(form.check(InviteField::Label).is_some());
        form.member = "4".into();
        form.label = " Alex's laptop ".into();
        assert_eq!(form.check(InviteField::Member), None);
        assert_eq!(form.request().label, "Alex's laptop");
        assert_eq!(form.request().staff_id, 4);
    }

    #[test]
    fn publishing_needs_a_postgres_url_and_never_prints_it() {
        let mut form = PublishForm::default();
        assert!(form.check(PublishField::AdminUrl).is_some());
        form.admin_url = "https://db.example.com".into();
        assert!(in_english(form.check(PublishField::AdminUrl))
            .unwrap()
            .contains("postgres://"));
        form.admin_url = "postgres://admin:hunter2@db.example.com/keydesk".into();
        assert_eq!(form.check(PublishField::AdminUrl), None);
        assert!(!format!("{form:?}").contains("hunter2"));
    }

    #[test]
    fn rotating_keys_asks_for_the_password_and_never_shows_it() {
        let mut form = RotateKeysForm::default();
        assert!(in_english(form.check(RotateKeysField::Password))
            .unwrap()
            .contains("password"));
        form.password = "hunter2 hunter2".into();
        assert_eq!(form.check(RotateKeysField::Password), None);
        assert_eq!(form.request().password, "hunter2 hunter2");
        assert!(!format!("{form:?}").contains("hunter2"));
        assert!(!format!("{:?}", form.request()).contains("hunter2"));
        form.meta.busy = true;
        assert!(form.own(KeysRotated));
        assert!(form.password.is_empty());
        assert!(!form.meta.busy, "the form can rotate again");
        assert_eq!(
            form.field_error(RotateKeysField::Password),
            None,
            "no error shown once the keys are rotated"
        );
    }
}
