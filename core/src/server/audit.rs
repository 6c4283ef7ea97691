//! Audit across desks: each desk sends its audit rows to the agency server, which keeps
//! one chain over all of them; an owner's desk reads them back and checks every desk's
//! rows and the global chain (see `server/migrations/20261201060000_audit_across_desks.sql`).
//!
//! A desk's own row hashes are keyed with a secret of that desk, so nobody else can check
//! them. Each row therefore also travels with [`content_hash`], which anyone can recompute
//! from what the server keeps: a row changed on the server stops matching it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::postgres::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::ServerError;
use crate::said::Said;

/// The previous hash of the first row of the global chain.
pub const GLOBAL_GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The most rows one push or one read carries.
pub const AUDIT_PAGE: usize = 1000;

/// A desk's audit row as the server keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// The row's number on its desk (its id there).
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    /// The customer it is about, by uid.
    pub subject: Option<Uuid>,
    pub detail: String,
    pub prev_hash: String,
    pub row_hash: String,
    pub content_hash: String,
}

impl AuditRow {
    /// The row of desk `desk`, with its content hash computed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        desk: Uuid,
        seq: i64,
        at: String,
        actor: String,
        action: String,
        subject: Option<Uuid>,
        detail: String,
        prev_hash: String,
        row_hash: String,
    ) -> Self {
        // PostgreSQL's text cannot hold NUL: the server keeps (and hashes) what it can.
        let detail = detail.replace('\0', "\u{FFFD}");
        let actor = actor.replace('\0', "\u{FFFD}");
        let mut row = AuditRow {
            seq,
            at,
            actor,
            action,
            subject,
            detail,
            prev_hash,
            row_hash,
            content_hash: String::new(),
        };
        row.content_hash = content_hash(desk, &row);
        row
    }
}

/// SHA-256 (hex) of what the server keeps of a row of desk `desk`: each field written as
/// `<length in characters>:<text>;` and a missing subject as `-;`, which is unambiguous and
/// which the server computes the same way (`kd.audit_content_hash`) to check the row.
pub fn content_hash(desk: Uuid, row: &AuditRow) -> String {
    let desk = desk.to_string();
    let seq = row.seq.to_string();
    let subject = row.subject.map(|uid| uid.to_string());
    let fields = [
        Some(desk.as_str()),
        Some(seq.as_str()),
        Some(row.at.as_str()),
        Some(row.actor.as_str()),
        Some(row.action.as_str()),
        subject.as_deref(),
        Some(row.detail.as_str()),
        Some(row.prev_hash.as_str()),
        Some(row.row_hash.as_str()),
    ];
    let mut canonical = String::new();
    for field in fields {
        match field {
            Some(text) => {
                canonical.push_str(&format!("{}:{text};", text.chars().count()));
            }
            None => canonical.push_str("-;"),
        }
    }
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// The global chain's hash of a row, after `prev`: as the server computes it.
pub fn global_hash(prev: &str, desk: Uuid, seq: i64, content_hash: &str) -> String {
    hex::encode(Sha256::digest(
        format!("{prev}:{desk}:{seq}:{content_hash}").as_bytes(),
    ))
}

/// Sends this desk's next rows (oldest first); returns the number of its last row the
/// server holds.
pub async fn push_audit(
    connection: &mut PgConnection,
    rows: &[AuditRow],
) -> Result<i64, ServerError> {
    Ok(sqlx::query_scalar("SELECT kd.push_audit($1)")
        .bind(Json(rows))
        .fetch_one(&mut *connection)
        .await?)
}

/// The number of this desk's last row the server holds (0: none yet).
pub async fn audit_received(connection: &mut PgConnection) -> Result<i64, ServerError> {
    Ok(sqlx::query_scalar("SELECT kd.audit_received()")
        .fetch_one(&mut *connection)
        .await?)
}

/// A row of the global chain, as an owner's desk reads it back.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GlobalRow {
    pub desk: Uuid,
    #[serde(flatten)]
    pub row: AuditRow,
    pub global_seq: i64,
    pub global_prev: String,
    pub global_hash: String,
}

/// The end of the global chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlobalHead {
    pub seq: i64,
    pub hash: String,
}

#[derive(Deserialize)]
struct Page {
    rows: Vec<GlobalRow>,
    head: GlobalHead,
}

/// Every desk's rows, in the global chain's order, and the chain's end (owners' desks).
pub async fn all_rows(
    connection: &mut PgConnection,
) -> Result<(Vec<GlobalRow>, GlobalHead), ServerError> {
    let mut rows = Vec::new();
    let mut after = 0_i64;
    loop {
        let page: Json<serde_json::Value> =
            sqlx::query_scalar("SELECT kd.audit_rows_after($1, $2)")
                .bind(after)
                .bind(AUDIT_PAGE as i32)
                .fetch_one(&mut *connection)
                .await?;
        let page: Page = serde_json::from_value(page.0)
            .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))?;
        let full = page.rows.len() >= AUDIT_PAGE;
        if let Some(last) = page.rows.last() {
            after = last.global_seq;
        }
        rows.extend(page.rows);
        if !full {
            return Ok((rows, page.head));
        }
    }
}

/// What checking one desk's rows found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskVerdict {
    Intact {
        rows: i64,
    },
    /// Row `seq` of the desk (or the first one after a gap) is missing, was changed or
    /// slipped in, as `reason` says.
    Broken {
        seq: i64,
        reason: Said,
    },
}

/// What checking the whole agency's audit found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyVerdict {
    /// Each desk's rows, by desk.
    pub desks: BTreeMap<Uuid, DeskVerdict>,
    /// The global chain's first problem, by global number, if any.
    pub global: Option<(i64, Said)>,
}

/// Checks every desk's rows and the global chain. `anchor` is the end of the chain this
/// desk verified last time: it must still be there, unchanged.
pub fn verify(rows: &[GlobalRow], head: &GlobalHead, anchor: Option<&GlobalHead>) -> AgencyVerdict {
    let mut desks: BTreeMap<Uuid, DeskVerdict> = BTreeMap::new();
    let mut last_of: BTreeMap<Uuid, (i64, String)> = BTreeMap::new();
    let mut global: Option<(i64, Said)> = None;
    let mut prev = GLOBAL_GENESIS.to_owned();
    let mut note_global = |at: i64, reason: Said| {
        global.get_or_insert((at, reason));
    };
    for (expected, stored) in (1_i64..).zip(rows) {
        let row = &stored.row;
        let verdict = desks
            .entry(stored.desk)
            .or_insert(DeskVerdict::Intact { rows: 0 });
        let (last_seq, last_hash) = last_of
            .get(&stored.desk)
            .cloned()
            .unwrap_or((0, String::new()));
        if let DeskVerdict::Intact { rows: count } = verdict {
            let problem = if row.seq != last_seq + 1 {
                Some(Said::id("agency-audit-row-missing").arg("row", last_seq + 1))
            } else if last_seq > 0 && row.prev_hash != last_hash {
                Some(Said::id("agency-audit-row-unlinked"))
            } else if content_hash(stored.desk, row) != row.content_hash {
                Some(Said::id("agency-audit-row-changed"))
            } else {
                None
            };
            match problem {
                Some(reason) => {
                    *verdict = DeskVerdict::Broken {
                        seq: row.seq,
                        reason,
                    }
                }
                None => *count += 1,
            }
        }
        last_of.insert(stored.desk, (row.seq, row.row_hash.clone()));
        if stored.global_seq != expected {
            note_global(expected, Said::id("agency-audit-global-missing"));
        } else if stored.global_prev != prev {
            note_global(stored.global_seq, Said::id("agency-audit-global-unlinked"));
        } else if global_hash(&prev, stored.desk, row.seq, &row.content_hash) != stored.global_hash
        {
            note_global(stored.global_seq, Said::id("agency-audit-global-rewritten"));
        }
        prev = stored.global_hash.clone();
    }
    let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    if head.seq != count || head.hash != prev {
        note_global(
            count.min(head.seq) + 1,
            Said::id("agency-audit-global-end-removed"),
        );
    }
    if let Some(anchor) = anchor {
        match rows.iter().find(|row| row.global_seq == anchor.seq) {
            _ if anchor.seq == 0 => {}
            Some(row) if row.global_hash == anchor.hash => {}
            Some(_) => note_global(anchor.seq, Said::id("agency-audit-anchor-rewritten")),
            None => note_global(anchor.seq, Said::id("agency-audit-anchor-removed")),
        }
    }
    AgencyVerdict { desks, global }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::in_english;

    /// A chain of `n` rows of each of `desks`, taking turns, as the server builds it.
    fn chain(desks: &[Uuid], n: i64) -> (Vec<GlobalRow>, GlobalHead) {
        let mut rows = Vec::new();
        let mut prev = GLOBAL_GENESIS.to_owned();
        let mut last: BTreeMap<Uuid, String> = BTreeMap::new();
        for seq in 1..=n {
            for desk in desks {
                let prev_hash = last.get(desk).cloned().unwrap_or_else(|| "0".repeat(64));
                let row_hash = format!("{desk}-{seq}");
                let row = AuditRow::new(
                    *desk,
                    seq,
                    "2026-12-01T10:00:00Z".into(),
                    "owner@agency.test".into(),
                    "customer.created".into(),
                    None,
                    format!("customer #{seq}"),
                    prev_hash,
                    row_hash.clone(),
                );
                last.insert(*desk, row_hash);
                let global = global_hash(&prev, *desk, seq, &row.content_hash);
                rows.push(GlobalRow {
                    desk: *desk,
                    row,
                    global_seq: rows.len() as i64 + 1,
                    global_prev: prev.clone(),
                    global_hash: global.clone(),
                });
                prev = global;
            }
        }
        let head = GlobalHead {
            seq: rows.len() as i64,
            hash: prev,
        };
        (rows, head)
    }

    fn desks() -> [Uuid; 2] {
        [Uuid::from_u128(1), Uuid::from_u128(2)]
    }

    #[test]
    fn an_untouched_chain_verifies_for_every_desk() {
        let (rows, head) = chain(&desks(), 3);
        let verdict = verify(&rows, &head, Some(&head));
        assert_eq!(verdict.global, None);
        for desk in desks() {
            assert_eq!(verdict.desks[&desk], DeskVerdict::Intact { rows: 3 });
        }
    }

    #[test]
    fn a_changed_row_is_named_on_its_desk_and_others_stay_intact() {
        let (mut rows, head) = chain(&desks(), 3);
        rows[3].row.detail = "customer #99".into();
        let verdict = verify(&rows, &head, None);
        assert!(matches!(
            &verdict.desks[&desks()[1]],
            DeskVerdict::Broken { seq: 2, reason } if in_english(reason).contains("changed on the server")
        ));
        assert_eq!(verdict.desks[&desks()[0]], DeskVerdict::Intact { rows: 3 });
    }

    #[test]
    fn a_removed_row_leaves_a_gap_on_its_desk_and_in_the_agencys_chain() {
        let (mut rows, head) = chain(&desks(), 3);
        rows.remove(2);
        let verdict = verify(&rows, &head, None);
        assert!(matches!(
            &verdict.desks[&desks()[0]],
            DeskVerdict::Broken { seq: 3, reason } if in_english(reason).contains("#2 is missing")
        ));
        assert_eq!(verdict.global.as_ref().map(|g| g.0), Some(3));
    }

    #[test]
    fn a_rewritten_chain_is_caught_by_the_end_verified_before() {
        let (rows, head) = chain(&desks(), 3);
        let (fewer, fewer_head) = chain(&desks(), 2);
        assert!(verify(&fewer, &fewer_head, None).global.is_none());
        let verdict = verify(&fewer, &fewer_head, Some(&head));
        assert!(in_english(&verdict.global.unwrap().1).contains("no longer reaches"));
        let mut other = rows.clone();
        other[5].global_hash = "f".repeat(64);
        let verdict = verify(&other, &head, Some(&head));
        assert!(verdict.global.is_some());
    }

    #[test]
    fn the_content_hash_covers_every_field_the_server_keeps() {
        let desk = Uuid::from_u128(7);
        let row = AuditRow::new(
            desk,
            1,
            "at".into(),
            "actor".into(),
            "action".into(),
            Some(Uuid::from_u128(9)),
            "detail".into(),
            "prev".into(),
            "hash".into(),
        );
        let mut other = row.clone();
        other.subject = None;
        assert_ne!(content_hash(desk, &row), content_hash(desk, &other));
        assert_ne!(
            content_hash(desk, &row),
            content_hash(Uuid::from_u128(8), &row)
        );
        assert_eq!(row.content_hash.len(), 64);
    }
}
