//! The staff page: the list, the changes that need a confirmation, and the temporary
//! password shown once after adding a member or resetting a password.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{Role, StaffMember, StaffStatus, StaffWithTemporaryPassword};
use yew::prelude::*;

use super::remote::Request;
use super::tone::Tone;
use super::update::{apply, ensure};
use crate::words::Words;

/// A change to a member, asked for in the table and confirmed in the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffChange {
    Role {
        member: StaffMember,
        role: Role,
    },
    Status {
        member: StaffMember,
        status: StaffStatus,
    },
    ResetPassword {
        member: StaffMember,
    },
}

impl StaffChange {
    pub fn member(&self) -> &StaffMember {
        match self {
            StaffChange::Role { member, .. }
            | StaffChange::Status { member, .. }
            | StaffChange::ResetPassword { member } => member,
        }
    }

    /// What the confirmation dialog says about the change.
    pub fn confirmation(&self, words: &Words) -> Confirmation {
        let name = self.member().display_name.as_str();
        let said = |id: &str| words.t_with(id, &[("name", name)]);
        let (title, message, confirm_label, destructive) = match self {
            StaffChange::Role { member, role } => (
                words.t_with(
                    "staff-confirm-role-title",
                    &[("name", name), ("role", &words.role(*role))],
                ),
                words.t_with(
                    "staff-confirm-role-text",
                    &[
                        ("name", name),
                        ("current", &words.role(member.role)),
                        ("summary", &words.t(role_summary(*role))),
                    ],
                ),
                words.t("staff-confirm-role"),
                false,
            ),
            StaffChange::Status {
                status: StaffStatus::Disabled,
                ..
            } => (
                said("staff-confirm-disable-title"),
                said("staff-confirm-disable-text"),
                words.t("staff-disable"),
                true,
            ),
            StaffChange::Status {
                status: StaffStatus::Active,
                ..
            } => (
                said("staff-confirm-enable-title"),
                said("staff-confirm-enable-text"),
                words.t("staff-enable"),
                false,
            ),
            StaffChange::ResetPassword { .. } => (
                said("staff-confirm-reset-title"),
                said("staff-confirm-reset-text"),
                words.t("staff-reset-password"),
                true,
            ),
        };
        Confirmation {
            title,
            message,
            confirm_label,
            destructive,
        }
    }
}

/// What the confirmation dialog of a change says.
pub struct Confirmation {
    /// The dialog's heading.
    pub title: String,
    /// What happens, in a sentence or two.
    pub message: String,
    /// The confirm button.
    pub confirm_label: String,
    /// Whether the confirm button is drawn as a destructive action.
    pub destructive: bool,
}

/// What a role may do, as the confirmation and the new member's role field explain it
/// (a message id).
pub fn role_summary(role: Role) -> &'static str {
    match role {
        Role::Owner => "staff-role-owner-summary",
        Role::Admin => "staff-role-admin-summary",
        Role::Agent => "staff-role-agent-summary",
    }
}

/// Why a temporary password is on show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemporaryReason {
    Added,
    Reset,
}

/// A temporary password on show. It exists only in this state, only until "Done".
#[derive(Clone, PartialEq, Eq)]
pub struct TemporaryPassword {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub reason: TemporaryReason,
    /// The copy to the clipboard asked for last.
    pub copy: Request<()>,
}

impl fmt::Debug for TemporaryPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TemporaryPassword")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("reason", &self.reason)
            .field("copy", &self.copy)
            .finish_non_exhaustive()
    }
}

impl TemporaryPassword {
    fn new(member: &StaffMember, password: String, reason: TemporaryReason) -> Self {
        Self {
            display_name: member.display_name.clone(),
            email: member.email.clone(),
            password,
            reason,
            copy: Request::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffState {
    pub members: Vec<StaffMember>,
    /// The list's request; the effect that loads it keys on its `seq`.
    pub list: Request<()>,
    /// The error banner above the table (a refused change, a failed load).
    pub error: Option<String>,
    /// The change on show in the confirmation dialog.
    pub confirm: Option<StaffChange>,
    /// The confirmed change on its way (the dialog shows busy).
    pub change: Request<()>,
    /// Bumped when a row's role drop-down must show the stored role again (the change
    /// was cancelled or refused).
    pub select_rev: u64,
    /// The "Add staff member" dialog is open.
    pub adding: bool,
    pub temporary: Option<TemporaryPassword>,
}

impl Default for StaffState {
    /// Starts by loading the list.
    fn default() -> Self {
        Self {
            members: Vec::new(),
            list: Request::started(),
            error: None,
            confirm: None,
            change: Request::default(),
            select_rev: 0,
            adding: false,
            temporary: None,
        }
    }
}

pub enum StaffAction {
    Reload,
    Loaded {
        seq: u64,
        result: Result<Vec<StaffMember>, String>,
    },
    /// A row asked for a change: show the confirmation.
    Ask(StaffChange),
    /// Esc or Cancel in the confirmation.
    Cancel,
    /// Enter or the confirm button.
    Confirm,
    /// The changed member (and a temporary password after a reset), or why not.
    ChangeDone {
        seq: u64,
        result: Result<(StaffMember, Option<String>), String>,
    },
    OpenAdd,
    CloseAdd,
    Added(StaffWithTemporaryPassword),
    CopyPassword,
    Copied {
        seq: u64,
        result: Result<(), String>,
    },
    /// "Done" on the temporary password: it is forgotten.
    DonePassword,
    DismissError,
}

impl StaffState {
    /// Whether a dialog is open (so the page does not react to keys meant for it).
    pub fn dialog_open(&self) -> bool {
        self.confirm.is_some() || self.adding || self.temporary.is_some()
    }

    fn put(&mut self, member: StaffMember) {
        match self.members.iter_mut().find(|m| m.id == member.id) {
            Some(slot) => *slot = member,
            None => self.members.push(member),
        }
    }
}

impl Reducible for StaffState {
    type Action = StaffAction;

    fn reduce(self: Rc<Self>, action: StaffAction) -> Rc<Self> {
        apply(self, |next| {
            match action {
                StaffAction::Reload => {
                    next.list.start();
                    next.error = None;
                }
                StaffAction::Loaded { seq, result } => {
                    // `next` is dropped when the answer is stale.
                    let result = result.map(|members| next.members = members);
                    ensure!(next.list.finish(seq, result));
                }
                StaffAction::Ask(_) | StaffAction::OpenAdd if next.dialog_open() => return None,
                StaffAction::Cancel | StaffAction::Confirm
                    if next.confirm.is_none() || next.change.is_loading() =>
                {
                    return None;
                }
                StaffAction::Ask(change) => {
                    ensure!(match &change {
                        StaffChange::Role { member, role } => member.role != *role,
                        StaffChange::Status { member, status } => member.status != *status,
                        StaffChange::ResetPassword { .. } => true,
                    });
                    next.error = None;
                    next.confirm = Some(change);
                }
                StaffAction::Cancel => {
                    next.confirm = None;
                    next.select_rev += 1;
                }
                StaffAction::Confirm => next.change.start(),
                StaffAction::ChangeDone { seq, result } => {
                    ensure!(next.change.is_loading() && next.change.answered(seq));
                    next.confirm = None;
                    match result {
                        Ok((member, temporary_password)) => {
                            if let Some(password) = temporary_password {
                                next.temporary = Some(TemporaryPassword::new(
                                    &member,
                                    password,
                                    TemporaryReason::Reset,
                                ));
                            }
                            next.put(member);
                        }
                        Err(message) => next.error = Some(message),
                    }
                    next.select_rev += 1;
                }
                StaffAction::OpenAdd => {
                    next.error = None;
                    next.adding = true;
                }
                StaffAction::CloseAdd if !next.adding => return None,
                StaffAction::CloseAdd => next.adding = false,
                StaffAction::Added(answer) => {
                    next.adding = false;
                    let password = answer.temporary_password;
                    let temporary =
                        TemporaryPassword::new(&answer.member, password, TemporaryReason::Added);
                    next.temporary = Some(temporary);
                    next.put(answer.member);
                }
                StaffAction::CopyPassword => {
                    let copy = &mut next.temporary.as_mut()?.copy;
                    ensure!(!copy.is_loading());
                    copy.start();
                }
                StaffAction::Copied { seq, result } => {
                    ensure!(next.temporary.as_mut()?.copy.finish(seq, result));
                }
                StaffAction::DonePassword if next.temporary.is_none() => return None,
                StaffAction::DonePassword => next.temporary = None,
                StaffAction::DismissError if next.error.is_none() => return None,
                StaffAction::DismissError => next.error = None,
            }
            Some(())
        })
    }
}

/// The status badge: always a word (a message id).
pub fn status_badge(status: StaffStatus) -> (Tone, &'static str) {
    match status {
        StaffStatus::Active => (Tone::Success, "staff-status-active"),
        StaffStatus::Disabled => (Tone::Neutral, "staff-status-disabled"),
    }
}

/// The role badge.
pub fn role_tone(role: Role) -> Tone {
    match role {
        Role::Owner => Tone::Accent,
        Role::Admin | Role::Agent => Tone::Neutral,
    }
}

/// What the status button does next.
pub fn toggled(status: StaffStatus) -> StaffStatus {
    match status {
        StaffStatus::Active => StaffStatus::Disabled,
        StaffStatus::Disabled => StaffStatus::Active,
    }
}

/// Whether someone with role `own` is offered changes to a member with role `theirs`: an
/// admin does not act on owners (the core refuses it; the table does not offer it).
pub fn may_act_on(own: Role, theirs: Role) -> bool {
    !(own == Role::Admin && theirs == Role::Owner)
}

/// The roles someone with role `own` can give: only an owner makes owners.
pub fn assignable_roles(own: Role) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|role| own == Role::Owner || *role != Role::Owner)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::remote::Remote;

    fn member(id: i64, name: &str, role: Role) -> StaffMember {
        StaffMember {
            id,
            email: format!("{}@agency.test", name.to_lowercase().replace(' ', ".")),
            display_name: name.into(),
            role,
            status: StaffStatus::Active,
            must_change_password: false,
            last_sign_in_at: None,
            created_at: "2025-01-02T03:04:05Z".into(),
        }
    }

    fn apply(state: StaffState, actions: impl IntoIterator<Item = StaffAction>) -> StaffState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn listed() -> StaffState {
        apply(
            StaffState::default(),
            [StaffAction::Loaded {
                seq: 1,
                result: Ok(vec![
                    member(1, "Olive Owner", Role::Owner),
                    member(2, "Alex Agent", Role::Agent),
                ]),
            }],
        )
    }

    fn with_password(m: StaffMember) -> StaffWithTemporaryPassword {
        StaffWithTemporaryPassword {
            member: m,
            temporary_password: "Xk7pQ2mN9vR4tW8z".into(),
        }
    }

    #[test]
    fn starts_loading_and_drops_stale_lists() {
        let state = StaffState::default();
        assert!(state.list.is_loading());
        let reloaded = apply(state, [StaffAction::Reload]);
        let stale = apply(
            reloaded.clone(),
            [StaffAction::Loaded {
                seq: 1,
                result: Ok(vec![member(9, "Old", Role::Agent)]),
            }],
        );
        assert_eq!(stale, reloaded);
    }

    #[test]
    fn a_role_change_is_confirmed_then_sent_once() {
        let alex = listed().members[1].clone();
        let change = StaffChange::Role {
            member: alex.clone(),
            role: Role::Admin,
        };
        let asked = apply(listed(), [StaffAction::Ask(change.clone())]);
        assert_eq!(asked.confirm, Some(change));
        assert_eq!(
            asked.change.seq, 0,
            "nothing is sent before the confirmation"
        );
        let sent = apply(asked, [StaffAction::Confirm, StaffAction::Confirm]);
        assert!(sent.change.is_loading());
        assert_eq!(sent.change.seq, 1);
        let done = apply(
            sent,
            [StaffAction::ChangeDone {
                seq: 1,
                result: Ok((
                    StaffMember {
                        role: Role::Admin,
                        ..alex
                    },
                    None,
                )),
            }],
        );
        assert_eq!(done.confirm, None);
        assert!(!done.change.is_loading());
        assert_eq!(done.members[1].role, Role::Admin);
        assert_eq!(done.temporary, None);
    }

    #[test]
    fn cancel_puts_the_drop_down_back() {
        let alex = listed().members[1].clone();
        let state = apply(
            listed(),
            [
                StaffAction::Ask(StaffChange::Role {
                    member: alex,
                    role: Role::Owner,
                }),
                StaffAction::Cancel,
            ],
        );
        assert_eq!(state.confirm, None);
        assert_eq!(state.select_rev, 1);
        assert_eq!(state.members[1].role, Role::Agent);
    }

    #[test]
    fn choosing_the_current_role_asks_nothing() {
        let alex = listed().members[1].clone();
        let state = apply(
            listed(),
            [StaffAction::Ask(StaffChange::Role {
                member: alex,
                role: Role::Agent,
            })],
        );
        assert_eq!(state.confirm, None);
    }

    #[test]
    fn a_refusal_is_shown_in_the_banner_and_changes_nothing() {
        let olive = listed().members[0].clone();
        let state = apply(
            listed(),
            [
                StaffAction::Ask(StaffChange::Status {
                    member: olive,
                    status: StaffStatus::Disabled,
                }),
                StaffAction::Confirm,
                StaffAction::ChangeDone {
                    seq: 1,
                    result: Err("The last active owner cannot be disabled.".into()),
                },
            ],
        );
        assert_eq!(
            state.error.as_deref(),
            Some("The last active owner cannot be disabled.")
        );
        assert_eq!(state.confirm, None);
        assert_eq!(state.members, listed().members);
        assert_eq!(state.select_rev, 1);
    }

    #[test]
    fn the_dialog_cannot_be_cancelled_while_the_change_runs() {
        let alex = listed().members[1].clone();
        let state = apply(
            listed(),
            [
                StaffAction::Ask(StaffChange::ResetPassword { member: alex }),
                StaffAction::Confirm,
                StaffAction::Cancel,
            ],
        );
        assert!(state.change.is_loading());
        assert!(state.confirm.is_some());
    }

    #[test]
    fn a_reset_shows_the_temporary_password_until_done() {
        let alex = listed().members[1].clone();
        let state = apply(
            listed(),
            [
                StaffAction::Ask(StaffChange::ResetPassword {
                    member: alex.clone(),
                }),
                StaffAction::Confirm,
                StaffAction::ChangeDone {
                    seq: 1,
                    result: Ok((
                        StaffMember {
                            must_change_password: true,
                            ..alex
                        },
                        Some("Xk7pQ2mN9vR4tW8z".into()),
                    )),
                },
            ],
        );
        let temporary = state.temporary.clone().unwrap();
        assert_eq!(temporary.reason, TemporaryReason::Reset);
        assert_eq!(temporary.password, "Xk7pQ2mN9vR4tW8z");
        assert!(state.members[1].must_change_password);
        let done = apply(state, [StaffAction::DonePassword]);
        assert_eq!(done.temporary, None);
    }

    #[test]
    fn adding_closes_the_dialog_lists_the_member_and_shows_the_password() {
        let state = apply(listed(), [StaffAction::OpenAdd]);
        assert!(state.adding);
        let sam = member(3, "Sam Sales", Role::Agent);
        let state = apply(state, [StaffAction::Added(with_password(sam.clone()))]);
        assert!(!state.adding);
        assert_eq!(state.members.last(), Some(&sam));
        assert_eq!(
            state.temporary.as_ref().map(|t| t.reason),
            Some(TemporaryReason::Added)
        );
        assert!(state.dialog_open());
        let refused = apply(state.clone(), [StaffAction::OpenAdd]);
        assert_eq!(refused, state, "one dialog at a time");
    }

    #[test]
    fn copying_says_copied_for_the_latest_copy_only() {
        let state = apply(
            listed(),
            [
                StaffAction::Added(with_password(member(3, "Sam Sales", Role::Agent))),
                StaffAction::CopyPassword,
            ],
        );
        let temporary = state.temporary.clone().unwrap();
        assert!(temporary.copy.is_loading());
        let stale = apply(
            state.clone(),
            [StaffAction::Copied {
                seq: 0,
                result: Ok(()),
            }],
        );
        assert_eq!(stale, state);
        let copied = apply(
            state,
            [StaffAction::Copied {
                seq: 1,
                result: Ok(()),
            }],
        );
        assert_eq!(copied.temporary.unwrap().copy.remote, Remote::Loaded(()));
    }

    #[test]
    fn confirmation_texts() {
        let words = Words::new(crate::words::speaking(keydesk_api::Language::En));
        let alex = member(2, "Alex Agent", Role::Agent);
        let role = StaffChange::Role {
            member: alex.clone(),
            role: Role::Admin,
        };
        assert_eq!(role.confirmation(&words).title, "Make Alex Agent an Admin?");
        assert_eq!(
            role.confirmation(&words).message,
            "Alex Agent is an Agent now. Admins manage staff, read the audit log and change \
             settings."
        );
        assert_eq!(role.confirmation(&words).confirm_label, "Change role");
        assert!(!role.confirmation(&words).destructive);
        let disable = StaffChange::Status {
            member: alex.clone(),
            status: StaffStatus::Disabled,
        };
        assert_eq!(disable.confirmation(&words).title, "Disable Alex Agent?");
        assert_eq!(disable.confirmation(&words).confirm_label, "Disable");
        assert!(disable.confirmation(&words).destructive);
        let enable = StaffChange::Status {
            member: alex.clone(),
            status: StaffStatus::Active,
        };
        assert_eq!(
            enable.confirmation(&words).message,
            "Alex Agent can sign in again with their current password."
        );
        let reset = StaffChange::ResetPassword { member: alex };
        assert_eq!(
            reset.confirmation(&words).title,
            "Reset Alex Agent's password?"
        );
    }

    #[test]
    fn badges_and_values() {
        let words = Words::new(crate::words::speaking(keydesk_api::Language::En));
        let badge = |status| {
            let (tone, id) = status_badge(status);
            (tone, words.t(id))
        };
        assert_eq!(
            badge(StaffStatus::Active),
            (Tone::Success, "Active".to_owned())
        );
        assert_eq!(
            badge(StaffStatus::Disabled),
            (Tone::Neutral, "Disabled".to_owned())
        );
        assert_eq!(toggled(StaffStatus::Active), StaffStatus::Disabled);
        assert_eq!(toggled(StaffStatus::Disabled), StaffStatus::Active);
        assert_eq!(
            words.t(role_summary(Role::Owner)),
            "Owners can do everything, including changing other owners and the agency's \
             settings."
        );
    }

    /// The ids this file hands to the screens are in every language's catalogue.
    #[test]
    fn every_word_is_in_the_catalogue() {
        for language in keydesk_api::Language::ALL {
            let words = Words::new(crate::words::speaking(language));
            let ids = Role::ALL
                .into_iter()
                .map(role_summary)
                .chain([StaffStatus::Active, StaffStatus::Disabled].map(|s| status_badge(s).1));
            for id in ids {
                assert!(!words.t(id).starts_with('['), "{id} in {language:?}");
            }
        }
    }

    #[test]
    fn admins_are_not_offered_changes_to_owners() {
        assert!(may_act_on(Role::Owner, Role::Owner));
        assert!(may_act_on(Role::Admin, Role::Agent));
        assert!(!may_act_on(Role::Admin, Role::Owner));
        assert_eq!(assignable_roles(Role::Owner), Role::ALL);
        assert_eq!(assignable_roles(Role::Admin), [Role::Admin, Role::Agent]);
    }

    #[test]
    fn debug_output_hides_the_temporary_password() {
        let state = apply(
            listed(),
            [StaffAction::Added(with_password(member(
                3,
                "Sam Sales",
                Role::Agent,
            )))],
        );
        assert!(!format!("{state:?}").contains("Xk7pQ2mN9vR4tW8z"));
    }
}
