use serde::{Deserialize, Serialize};

/// The id of the window's message naming an audit action, from its stored name
/// (`customer.created` → `audit-action-customer-created`).
pub fn audit_action_message_id(action: &str) -> String {
    format!("audit-action-{}", action.replace(['.', '_'], "-"))
}

/// One row of the tamper-evident audit log, as shown in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339 UTC time.
    pub at: String,
    /// Who did it: a staff member's email, or "system" / the email tried at sign-in.
    pub actor: String,
    /// Stable machine name of the action, e.g. `sign_in.failed`.
    pub action: String,
    /// The action as a person would say it.
    pub action_label: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuditPageRequest {
    /// Show rows older than this id (newest first); `None` for the newest page.
    pub before_id: Option<i64>,
    pub limit: u32,
    #[serde(default)]
    pub filter: AuditFilter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Rows matching the filter (all rows without one).
    pub total: i64,
    /// Pass as `before_id` to get the next page; `None` when there is no more.
    pub next_before_id: Option<i64>,
}

/// Result of re-computing the hash chain over the whole log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ChainVerification {
    Intact {
        rows: i64,
    },
    Broken {
        first_bad_id: i64,
        reason: crate::Said,
    },
    /// The rows that are there fit together, but the log ends early: the signed record
    /// of its end, kept in the system keyring, names `expected_rows` rows.
    TailRemoved {
        rows: i64,
        expected_rows: i64,
    },
}

/// *Verify chain* on a desk of an agency: every desk's audit rows as the agency server
/// keeps them, and the chain the server keeps over all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyChainReport {
    pub desks: Vec<DeskChain>,
    /// The first problem of the agency's chain, in words; `None` while it is whole.
    pub agency_problem: Option<crate::Said>,
    /// Rows in the agency's chain.
    pub rows: i64,
}

/// One desk's audit rows as the agency server keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskChain {
    pub label: String,
    /// Whose desk it is.
    pub member: crate::Said,
    pub this_desk: bool,
    /// `first_bad_id` is the row's number on its desk.
    pub verification: ChainVerification,
}

/// Narrows the audit log; every field is optional and they combine with AND.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Exact actor label (an email or "system").
    #[serde(default)]
    pub actor: Option<String>,
    /// Exact stored action name, e.g. `sign_in.failed`.
    #[serde(default)]
    pub action: Option<String>,
    /// First day to include, `YYYY-MM-DD` (UTC).
    #[serde(default)]
    pub from_date: Option<String>,
    /// Last day to include, `YYYY-MM-DD` (UTC).
    #[serde(default)]
    pub to_date: Option<String>,
    /// Words to find in the actor, action or detail.
    #[serde(default)]
    pub search: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditActionOption {
    pub action: String,
    pub label: String,
}

/// What the filter drop-downs offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilterOptions {
    pub actors: Vec<String>,
    pub actions: Vec<AuditActionOption>,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditExport {
    pub path: String,
    pub rows: i64,
}
