//! What the window shows of this desk as one of the agency's: the top bar's sync state,
//! the Sync inbox, Settings → Agency server, an invitation's code, and joining from the
//! first-run screen. The work itself is in `agency.rs`; this turns it into the window's
//! types, with names instead of uids.

use chrono::{DateTime, Utc};
use keydesk_api as api;
use uuid::Uuid;

use super::agency::{DeskInvitation, SyncProgress};
use super::sync_worker::SyncState;
use super::{Keydesk, ServiceError};
use crate::auth::{self, Actor, Permission};
use crate::domain::{FieldError, NewPassword, PlainPassword, StaffEmail, StaffId};
use crate::said::Explain;
use crate::said::Said;
use crate::server::sync::{ConflictReason, Outcome, Refusal, SyncedField};
use crate::store;
use crate::store::sync::Notice;

/// The first-run screen's "Join an agency" form.
pub struct JoinForm {
    pub code: String,
    pub password: PlainPassword,
    pub password_confirm: PlainPassword,
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

fn notice_field(field: SyncedField) -> api::NoticeField {
    match field {
        SyncedField::Form(field) => api::NoticeField::Form(field),
        SyncedField::Status => api::NoticeField::Status,
    }
}

fn refusal_reason(reason: Refusal) -> api::RefusalReason {
    match reason {
        Refusal::Erased => api::RefusalReason::Erased,
        Refusal::Exists => api::RefusalReason::Exists,
        Refusal::NotFound => api::RefusalReason::NotFound,
        Refusal::NotAllowed => api::RefusalReason::NotAllowed,
    }
}

impl Keydesk {
    /// The top bar's sync indicator for `actor`, the worker being at `state`.
    pub async fn sync_status(
        &self,
        actor: &Actor,
        state: &SyncState,
    ) -> Result<api::SyncStatus, ServiceError> {
        let actor = self.current_session(actor).await?;
        let state = match state {
            SyncState::Off => api::SyncState::Off,
            SyncState::Syncing => api::SyncState::Syncing,
            SyncState::Synced { at, .. } => api::SyncState::Synced { at: rfc3339(*at) },
            SyncState::Offline { since, reason } => api::SyncState::Offline {
                since: rfc3339(*since),
                reason: reason.clone(),
            },
            SyncState::Refused { since, reason } => api::SyncState::Refused {
                since: rfc3339(*since),
                reason: reason.clone(),
            },
        };
        let notices = if auth::allows(actor.role(), Permission::CreateCustomer)
            && !actor.must_change_password()
        {
            self.sync_notices(&actor).await?.len()
        } else {
            0
        };
        Ok(api::SyncStatus {
            state,
            changes_waiting: u64::try_from(self.changes_waiting().await?).unwrap_or(0),
            notices: notices as u64,
            update_advised: self.update_advised(),
        })
    }

    /// The Sync inbox `actor` may read, newest first.
    pub async fn sync_inbox(&self, actor: &Actor) -> Result<Vec<api::SyncNotice>, ServiceError> {
        let notices = self.sync_notices(actor).await?;
        let mut names = Names::default();
        let mut shown = Vec::with_capacity(notices.len());
        for notice in notices {
            shown.push(self.notice_view(&notice, &mut names).await?);
        }
        Ok(shown)
    }

    async fn notice_view(
        &self,
        notice: &Notice,
        names: &mut Names,
    ) -> Result<api::SyncNotice, ServiceError> {
        let customer = match notice.answer.customer {
            Some(uid) => self.notice_customer(uid).await?,
            None => None,
        };
        let outcome = match &notice.answer.outcome {
            Outcome::Merged {
                by, at, differs, ..
            } => api::NoticeOutcome::Merged {
                created_by: match by {
                    Some(uid) => names.member(self, *uid).await?,
                    None => None,
                },
                since: rfc3339(*at),
                differs: differs.iter().copied().map(notice_field).collect(),
            },
            Outcome::Partly { conflicts, .. } | Outcome::Conflict { conflicts } => {
                let mut kept = Vec::with_capacity(conflicts.len());
                for conflict in conflicts {
                    kept.push(api::KeptField {
                        field: notice_field(conflict.field),
                        taken: conflict.reason == ConflictReason::Taken,
                        by: match conflict.by {
                            Some(uid) => names.member(self, uid).await?,
                            None => None,
                        },
                        at: conflict.at.map(rfc3339),
                    });
                }
                api::NoticeOutcome::Kept {
                    applied: applied_fields(&notice.answer.outcome),
                    kept,
                    can_apply_mine: super::agency::mine_to_apply(notice).is_some(),
                }
            }
            Outcome::Refused { reason } => api::NoticeOutcome::Refused {
                reason: refusal_reason(*reason),
            },
            // Applied changes leave no notice; one kept anyway reads as nothing refused.
            _ => api::NoticeOutcome::Kept {
                applied: Vec::new(),
                kept: Vec::new(),
                can_apply_mine: false,
            },
        };
        let made_by = match notice.made_by {
            Some(id) => names.staff(self, id).await?,
            None => None,
        };
        Ok(api::SyncNotice {
            id: notice.id,
            at: rfc3339(notice.at),
            made_by,
            customer,
            outcome,
        })
    }

    /// The customer `uid` names on this desk (under any uid it had), with their name.
    async fn notice_customer(&self, uid: Uuid) -> anyhow::Result<Option<api::NoticeCustomer>> {
        let mut tx = self.begin_change().await?;
        let found = match store::sync::customer_by_uid(&mut tx, uid).await? {
            Some(id) => store::sync::customer_name(&mut tx, id)
                .await?
                .map(|name| api::NoticeCustomer { id: id.0, name }),
            None => None,
        };
        drop(tx);
        Ok(found)
    }

    /// Settings → Agency server: this desk's server and, when it answers, the desks.
    pub async fn agency_server_view(
        &self,
        actor: &Actor,
    ) -> Result<api::AgencyServerView, ServiceError> {
        self.authorize(actor, Permission::ManageAgencyServer)
            .await?;
        let Some(server) = self.agency_server().await? else {
            return Ok(api::AgencyServerView::default());
        };
        let (desks, desks_error) = match self.agency_desks(actor).await {
            Ok(desks) => (desks, None),
            Err(error) => (Vec::new(), Some(error.explain())),
        };
        // What revoked desks left unsent, for the owners who may take it over.
        let mut waiting: std::collections::HashMap<Uuid, u32> = Default::default();
        if desks.iter().any(|d| d.revoked_at.is_some()) {
            match self.mail_of_revoked_desks(actor).await {
                Ok(mails) => {
                    for mail in mails {
                        *waiting.entry(mail.desk).or_default() += 1;
                    }
                }
                Err(error) => tracing::info!(%error, "revoked desks' mail not read"),
            }
        }
        let mut names = Names::default();
        let mut shown = Vec::with_capacity(desks.len());
        for desk in desks {
            shown.push(api::AgencyDesk {
                desk: desk.uid.to_string(),
                label: desk.label,
                member: names
                    .member(self, desk.member)
                    .await?
                    .map_or_else(|| Said::id("agency-member-unknown"), Said::Text),
                role: desk.role,
                invited_at: rfc3339(desk.invited_at),
                enrolled_at: desk.enrolled_at.map(rfc3339),
                revoked_at: desk.revoked_at.map(rfc3339),
                this_desk: desk.uid == server.desk,
                waiting_mail: waiting.get(&desk.uid).copied().unwrap_or(0),
            });
        }
        Ok(api::AgencyServerView {
            server: Some(api::AgencyServerInfo {
                address: server.place(),
                desk: server.desk.to_string(),
                joined_at: rfc3339(server.joined_at),
            }),
            desks: shown,
            desks_error,
            update_advised: self.update_advised(),
        })
    }

    /// What to tell the person when the agency server speaks a newer protocol.
    pub fn update_advised(&self) -> Option<Said> {
        let ahead = self
            .server_protocol_ahead
            .load(std::sync::atomic::Ordering::Relaxed);
        (ahead > 0).then(|| {
            Said::id("agency-update-advised")
                .arg("server", i64::from(ahead))
                .arg("protocol", i64::from(crate::server::PROTOCOL))
        })
    }

    /// [`Keydesk::invite_desk`], as the code the owner copies to the new desk.
    pub async fn invite_desk_code(
        &self,
        actor: &Actor,
        member: StaffId,
        label: &str,
    ) -> Result<api::DeskInvitationCode, ServiceError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(FieldError::new("label", Said::id("error-agency-name-the-desk")).into());
        }
        let invitation = self.invite_desk(actor, member, label).await?;
        let record = store::staff::find_by_id(self.store.reader(), member)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(api::DeskInvitationCode {
            code: invitation.to_code(),
            member: record.display_name,
            expires_at: rfc3339(invitation.expires_at),
        })
    }

    /// Joins the agency from the first-run screen with an invitation's code and the
    /// member's new password; returns the member's email, to sign them in.
    pub async fn join_agency(
        &self,
        form: JoinForm,
        progress: &(dyn Fn(SyncProgress) + Sync),
    ) -> Result<StaffEmail, ServiceError> {
        if form.code.trim().is_empty() {
            return Err(FieldError::new("code", Said::id("error-agency-paste-code")).into());
        }
        let invitation = DeskInvitation::from_code(&form.code)?;
        let password = NewPassword::parse("password", form.password, &[])?;
        if password.plain().expose() != form.password_confirm.expose() {
            return Err(
                FieldError::new("password_confirm", Said::id("check-passwords-differ")).into(),
            );
        }
        self.join_agency_server_showing(&invitation, password.plain().clone(), progress)
            .await?;
        let mut tx = self.begin_change().await?;
        let id = store::sync::staff_by_uid(&mut tx, invitation.member).await?;
        drop(tx);
        let record = match id {
            Some(id) => store::staff::find_by_id(self.store.reader(), id).await?,
            None => None,
        };
        Ok(record.ok_or(ServiceError::NotFound)?.email)
    }
}

/// The fields of an edit that went through.
fn applied_fields(outcome: &Outcome) -> Vec<api::NoticeField> {
    match outcome {
        Outcome::Partly { applied, .. } => applied.iter().copied().map(notice_field).collect(),
        _ => Vec::new(),
    }
}

/// Staff names already looked up, since one inbox often names the same people.
#[derive(Default)]
pub(super) struct Names {
    by_uid: std::collections::HashMap<Uuid, Option<String>>,
    by_id: std::collections::HashMap<StaffId, Option<String>>,
}

impl Names {
    pub(super) async fn member(
        &mut self,
        keydesk: &Keydesk,
        uid: Uuid,
    ) -> anyhow::Result<Option<String>> {
        if let Some(name) = self.by_uid.get(&uid) {
            return Ok(name.clone());
        }
        let mut tx = keydesk.begin_change().await?;
        let id = store::sync::staff_by_uid(&mut tx, uid).await?;
        drop(tx);
        let name = match id {
            Some(id) => self.staff(keydesk, id).await?,
            None => None,
        };
        self.by_uid.insert(uid, name.clone());
        Ok(name)
    }

    async fn staff(&mut self, keydesk: &Keydesk, id: StaffId) -> anyhow::Result<Option<String>> {
        if let Some(name) = self.by_id.get(&id) {
            return Ok(name.clone());
        }
        let name = store::staff::find_by_id(keydesk.store.reader(), id)
            .await?
            .map(|record| record.display_name);
        self.by_id.insert(id, name.clone());
        Ok(name)
    }
}
