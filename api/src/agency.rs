//! Several desks, one agency: where this desk stands with the agency server, its Sync
//! inbox, and publishing, inviting, joining and revoking desks.

use crate::{CustomerField, Role};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where this desk stands with its agency server, for the top bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncState {
    /// A desk of its own: nothing to sync.
    Off,
    Syncing,
    /// RFC 3339, when the last sync ended.
    Synced {
        at: String,
    },
    /// RFC 3339, since when the server cannot be reached, and why.
    Offline {
        since: String,
        reason: crate::Said,
    },
    /// RFC 3339, since when the server refuses this desk (revoked), and why: someone must
    /// act.
    Refused {
        since: String,
        reason: crate::Said,
    },
}

/// What the top bar's sync indicator shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub state: SyncState,
    /// Changes made here that the server has not answered yet.
    pub changes_waiting: u64,
    /// Notices of the Sync inbox this person may read (merges, conflicts, refusals).
    pub notices: u64,
    /// Said when the server speaks a newer protocol than this Keydesk, which works on.
    #[serde(default)]
    pub update_advised: Option<crate::Said>,
}

/// Sent as [`SYNC_CHANGED_EVENT`] after each sync, so pages that show customers or staff
/// read them again when other desks' changes arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncChanged {
    /// Changes of other desks applied here by this sync.
    pub pulled: u64,
}

/// The event name of [`SyncChanged`].
pub const SYNC_CHANGED_EVENT: &str = "sync-changed";

/// A notice of the Sync inbox: a change made here that the server merged, kept only in
/// part, or refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncNotice {
    pub id: i64,
    /// RFC 3339, when the server's answer arrived.
    pub at: String,
    /// Who made the change on this desk, when known.
    pub made_by: Option<String>,
    /// The customer it is about, while this desk still has them.
    pub customer: Option<NoticeCustomer>,
    pub outcome: NoticeOutcome,
}

/// The customer a notice is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeCustomer {
    pub id: i64,
    pub name: String,
}

/// What the server did with the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoticeOutcome {
    /// A new customer whose email the agency had already: this desk's member now serves
    /// that customer. `created_by` made it (`None`: not known), at `since`; `differs`
    /// names the fields this desk had given other values (the agency's were kept).
    Merged {
        created_by: Option<String>,
        since: String,
        differs: Vec<NoticeField>,
    },
    /// An edit some of whose fields kept another value.
    Kept {
        applied: Vec<NoticeField>,
        kept: Vec<KeptField>,
        /// Whether "apply mine" can write this desk's values again.
        can_apply_mine: bool,
    },
    Refused {
        reason: RefusalReason,
    },
}

/// A customer field, or the customer's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeField {
    Form(CustomerField),
    Status,
}

/// A field an edit did not change, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptField {
    pub field: NoticeField,
    /// True when another customer has that email; otherwise someone changed the field
    /// first: `by`, at `at`.
    pub taken: bool,
    pub by: Option<String>,
    pub at: Option<String>,
}

wire_enum! {
    /// Why the server refused a change.
    pub enum RefusalReason {
        /// The customer was erased; nothing more may happen to them.
        Erased = "erased",
        /// A customer with this identity, or a member with this email, exists already.
        Exists = "exists",
        /// No such customer, or none this desk may see.
        NotFound = "not_found",
        /// The desk's member's role may not do this.
        NotAllowed = "not_allowed",
    }
}

/// A notice of the Sync inbox, to set aside or to apply again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncNoticeRequest {
    pub notice_id: i64,
}

/// Settings → Agency server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgencyServerView {
    /// The server this desk syncs with; `None` on a desk of its own.
    pub server: Option<AgencyServerInfo>,
    /// The agency's desks, oldest first; empty on a desk of its own.
    pub desks: Vec<AgencyDesk>,
    /// Why the desks could not be listed (the server out of reach).
    pub desks_error: Option<crate::Said>,
    /// Said when the server speaks a newer protocol than this Keydesk, which works on.
    #[serde(default)]
    pub update_advised: Option<crate::Said>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyServerInfo {
    /// Where the server is: host, port and database, never a password.
    pub address: String,
    /// This desk's identity on the server.
    pub desk: String,
    /// RFC 3339, when this desk joined.
    pub joined_at: String,
}

/// One of the agency's desks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDesk {
    pub desk: String,
    pub label: String,
    /// The staff member whose desk it is: their display name, or a message when this desk
    /// does not know them.
    pub member: crate::Said,
    pub role: Role,
    /// RFC 3339.
    pub invited_at: String,
    /// RFC 3339; `None` while the invitation has not been used.
    pub enrolled_at: Option<String>,
    /// RFC 3339; `None` while the desk may sync.
    pub revoked_at: Option<String>,
    /// The desk this window runs on.
    pub this_desk: bool,
    /// Mails this revoked desk queued and never sent, which an owner's desk can take
    /// over (shown to owners only).
    #[serde(default)]
    pub waiting_mail: u32,
}

/// Publishes this desk to an empty agency server, with its administrator's URL (used
/// once, never kept).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PublishAgencyRequest {
    pub admin_url: String,
    /// What this desk is called in the agency's list of desks.
    pub label: String,
}

/// What publishing sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishReport {
    pub pushed: u64,
}

/// Invites a desk for a staff member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InviteDeskRequest {
    pub staff_id: i64,
    /// What the new desk is called in the agency's list of desks ("Sam's laptop").
    pub label: String,
}

/// An invitation to copy to the new desk: one code, usable once, until `expires_at`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskInvitationCode {
    pub code: String,
    pub member: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// Revokes one of the agency's desks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RevokeDeskRequest {
    pub desk: String,
}

/// A desk revoked: how many pending logins its keys could open (an owner's desk), which
/// a reset gives new passwords only the owners of now can open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeskRevoked {
    pub exposed_logins: u32,
}

/// Resets the pending logins a revoked desk's keys could open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResetExposedLoginsRequest {
    pub desk: String,
}

/// How many customers got a new password.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExposedLoginsReset {
    pub reset: u32,
}

/// Takes over the waiting mail of a revoked desk.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TakeOverMailRequest {
    pub desk: String,
}

/// What taking over a revoked desk's mail did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MailTakenOver {
    /// Mails now queued on this desk, under the Message-IDs they had.
    pub queued: u32,
    /// Mails that can no longer go (their login ended meanwhile).
    pub dropped: u32,
    /// Mails whose customer or login has not reached this desk yet: taking over again
    /// after the next sync queues them.
    pub waiting: u32,
}

/// Gives this owner's desk new keys; `password` is the owner's, and seals them here.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RotateDeskKeysRequest {
    pub password: String,
}

impl std::fmt::Debug for RotateDeskKeysRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RotateDeskKeysRequest(<redacted>)")
    }
}

/// This desk's keys were replaced: how many pending logins were sealed anew for them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeskKeysRotated {
    pub resealed: u32,
}

/// Joins an agency on a new desk with an invitation's code; the member signs in here
/// with `password` from now on.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JoinAgencyRequest {
    pub code: String,
    pub password: String,
    pub password_confirm: String,
}

/// How far a join's first pull has come; sent as [`JOIN_PROGRESS_EVENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinProgress {
    pub done: u64,
    pub latest: u64,
}

/// The event name of [`JoinProgress`].
pub const JOIN_PROGRESS_EVENT: &str = "join-progress";

impl fmt::Debug for PublishAgencyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublishAgencyRequest")
            .field("admin_url", &"<redacted>")
            .field("label", &self.label)
            .finish()
    }
}

impl fmt::Debug for DeskInvitationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeskInvitationCode")
            .field("code", &"<redacted>")
            .field("member", &self.member)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl fmt::Debug for JoinAgencyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JoinAgencyRequest { <redacted> }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let publish = PublishAgencyRequest {
            admin_url: "postgres://admin:hunter2@db.example/agency".to_owned(),
            label: "Front desk".to_owned(),
        };
        let code = DeskInvitationCode {
            code: "KD1.c2VjcmV0".to_owned(),
            member: "Sam".to_owned(),
            expires_at: "2026-12-02T10:00:00Z".to_owned(),
        };
        let join = JoinAgencyRequest {
            code: "KD1.c2VjcmV0".to_owned(),
            password: "correct horse".to_owned(),
            password_confirm: "correct horse".to_owned(),
        };
        for text in [
            format!("{publish:?}"),
            format!("{code:?}"),
            format!("{join:?}"),
        ] {
            assert!(text.contains("<redacted>"), "{text}");
            for secret in ["hunter2", "c2VjcmV0", "horse"] {
                assert!(!text.contains(secret), "{text}");
            }
        }
        assert!(format!("{publish:?}").contains("Front desk"));
    }

    #[test]
    fn notices_travel_as_tagged_json() {
        let notice = NoticeOutcome::Kept {
            applied: vec![NoticeField::Form(CustomerField::City)],
            kept: vec![KeptField {
                field: NoticeField::Status,
                taken: false,
                by: Some("Ana".to_owned()),
                at: None,
            }],
            can_apply_mine: true,
        };
        let json = serde_json::to_value(&notice).unwrap();
        assert_eq!(json["kind"], "kept");
        assert_eq!(json["applied"][0]["form"], "city");
        assert_eq!(json["kept"][0]["field"], "status");
        let back: NoticeOutcome = serde_json::from_value(json).unwrap();
        assert_eq!(back, notice);
    }
}
