//! The agency's key roster: whose keys a desk seals new logins to and whose signatures it
//! trusts, decided by the desks themselves and not by the server that stores the list.
//!
//! Each entry adds or revokes one desk's keys and is signed by an owner key the roster
//! already holds as active; the first entry is the founding owner's own, and every desk
//! knows that key's fingerprint from its invitation code. Entries link to the one before
//! by hash, so a server that drops, reorders or rewrites entries breaks the chain for
//! every desk that reads it, and one that plants an entry cannot sign it.

use super::owner_keys::{signature_holds, OwnerKeyPair, PublicKeys};
use crate::said::{display_in_english, Explain, Said};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// What each entry's signature covers before the entry's text.
const SIGNED_PREFIX: &[u8] = b"keydesk roster entry v1\n";

/// A staff role as the roster names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RosterRole {
    Owner,
    Admin,
    Agent,
}

/// What an entry changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RosterChange {
    /// Desk `desk` of member `member` holds these keys.
    Add {
        desk: Uuid,
        member: Uuid,
        role: RosterRole,
        #[serde(with = "hex::serde")]
        hpke: [u8; 32],
        #[serde(with = "hex::serde")]
        signing: [u8; 32],
    },
    /// The keys whose signing key is `signing` are no longer anyone's.
    Revoke {
        #[serde(with = "hex::serde")]
        signing: [u8; 32],
    },
}

/// One entry as it is signed and stored: its text is the JSON of this, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub agency: Uuid,
    /// Its place in the roster, from 1.
    pub seq: i64,
    /// [`entry_hash`] of the entry before (empty for the first).
    pub prev: String,
    pub change: RosterChange,
    pub at: DateTime<Utc>,
}

/// An entry as it travels: the text, who signed it and the signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedEntry {
    pub seq: i64,
    pub body: String,
    pub signer: [u8; 32],
    pub signature: Vec<u8>,
}

impl SignedEntry {
    /// `entry`, written and signed with `keys`.
    pub fn sign(entry: &RosterEntry, keys: &OwnerKeyPair) -> SignedEntry {
        let body = serde_json::to_string(entry).expect("a roster entry serializes");
        let signature = keys.sign(&signed_message(&body)).to_vec();
        SignedEntry {
            seq: entry.seq,
            body,
            signer: keys.public().signing,
            signature,
        }
    }
}

fn signed_message(body: &str) -> Vec<u8> {
    [SIGNED_PREFIX, body.as_bytes()].concat()
}

/// SHA-256 (hex) of an entry's text and signature: what the next entry links to.
pub fn entry_hash(entry: &SignedEntry) -> String {
    let mut hasher = Sha256::new();
    hasher.update(entry.body.as_bytes());
    hasher.update(b"\n");
    hasher.update(&entry.signature);
    hex::encode(hasher.finalize())
}

/// The fingerprint of a signing key, as invitation codes carry the founder's.
pub fn fingerprint(signing: &[u8; 32]) -> String {
    hex::encode(Sha256::digest(signing))
}

/// A desk's keys as the roster holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterKey {
    pub desk: Uuid,
    pub member: Uuid,
    pub role: RosterRole,
    pub keys: PublicKeys,
    pub revoked: bool,
}

/// Why a roster does not verify: the desk then trusts none of the entries from there on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterBroken {
    NotTheFounder(i64),
    OutOfPlace(i64),
    Unlinked(i64),
    OtherAgency(i64),
    NotSigned(i64),
    Unreadable(i64),
    Repeated(i64),
}

impl Explain for RosterBroken {
    fn explain(&self) -> Said {
        match *self {
            Self::NotTheFounder(entry) => {
                Said::with("error-vault-roster-not-the-founder", &[("entry", entry)])
            }
            Self::OutOfPlace(entry) => {
                Said::with("error-vault-roster-out-of-place", &[("entry", entry)])
            }
            Self::Unlinked(entry) => Said::with("error-vault-roster-unlinked", &[("entry", entry)]),
            Self::OtherAgency(entry) => {
                Said::with("error-vault-roster-other-agency", &[("entry", entry)])
            }
            Self::NotSigned(entry) => {
                Said::with("error-vault-roster-not-signed", &[("entry", entry)])
            }
            Self::Unreadable(entry) => {
                Said::with("error-vault-roster-unreadable", &[("entry", entry)])
            }
            Self::Repeated(entry) => Said::with("error-vault-roster-repeated", &[("entry", entry)]),
        }
    }
}

display_in_english!(RosterBroken);

/// The roster as verified so far.
#[derive(Clone, Debug)]
pub struct Roster {
    agency: Uuid,
    founder: String,
    entries: Vec<SignedEntry>,
    keys: Vec<RosterKey>,
}

impl Roster {
    /// An empty roster of agency `agency`, whose founding owner key has fingerprint
    /// `founder`.
    pub fn new(agency: Uuid, founder: &str) -> Roster {
        Roster {
            agency,
            founder: founder.to_owned(),
            entries: Vec::new(),
            keys: Vec::new(),
        }
    }

    /// The agency whose roster it is.
    pub fn agency(&self) -> Uuid {
        self.agency
    }

    /// Number of entries verified.
    pub fn len(&self) -> i64 {
        self.entries.len() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[SignedEntry] {
        &self.entries
    }

    /// What the next entry must link to.
    pub fn head(&self) -> String {
        self.entries.last().map(entry_hash).unwrap_or_default()
    }

    /// Checks `entry` against the roster so far and adds it. Nothing changes when it is
    /// refused.
    pub fn extend(&mut self, entry: SignedEntry) -> Result<(), RosterBroken> {
        let seq = entry.seq;
        if seq != self.len() + 1 {
            return Err(RosterBroken::OutOfPlace(seq));
        }
        let parsed: RosterEntry =
            serde_json::from_str(&entry.body).map_err(|_| RosterBroken::Unreadable(seq))?;
        if parsed.seq != seq {
            return Err(RosterBroken::OutOfPlace(seq));
        }
        if parsed.agency != self.agency {
            return Err(RosterBroken::OtherAgency(seq));
        }
        if parsed.prev != self.head() {
            return Err(RosterBroken::Unlinked(seq));
        }
        if !signature_holds(
            &entry.signer,
            &signed_message(&entry.body),
            &entry.signature,
        ) {
            return Err(RosterBroken::NotSigned(seq));
        }
        if self.entries.is_empty() {
            // The founding entry: the founder's own keys, as an owner, signed by themself.
            let founding = matches!(
                &parsed.change,
                RosterChange::Add { role: RosterRole::Owner, signing, .. }
                    if *signing == entry.signer && fingerprint(signing) == self.founder
            );
            if !founding {
                return Err(RosterBroken::NotTheFounder(seq));
            }
        } else if self.active_owner(&entry.signer).is_none() {
            return Err(RosterBroken::NotSigned(seq));
        }
        match parsed.change {
            RosterChange::Add {
                desk,
                member,
                role,
                hpke,
                signing,
            } => {
                // A revoked key may come back (a member given another role is revoked and
                // added again); an active one is never listed twice.
                if self.active_key(&signing).is_some() {
                    return Err(RosterBroken::Repeated(seq));
                }
                self.keys.retain(|k| k.keys.signing != signing);
                self.keys.push(RosterKey {
                    desk,
                    member,
                    role,
                    keys: PublicKeys { hpke, signing },
                    revoked: false,
                });
            }
            RosterChange::Revoke { signing } => {
                for key in self.keys.iter_mut().filter(|k| k.keys.signing == signing) {
                    key.revoked = true;
                }
            }
        }
        self.entries.push(entry);
        Ok(())
    }

    /// The active owner key whose signing key is `signing`.
    pub fn active_owner(&self, signing: &[u8; 32]) -> Option<&RosterKey> {
        self.active_key(signing)
            .filter(|k| k.role == RosterRole::Owner)
    }

    /// The active key (any role) whose signing key is `signing`.
    pub fn active_key(&self, signing: &[u8; 32]) -> Option<&RosterKey> {
        self.keys
            .iter()
            .find(|k| !k.revoked && k.keys.signing == *signing)
    }

    /// Every active owner key: whom a new login is sealed to.
    pub fn owner_keys(&self) -> impl Iterator<Item = &RosterKey> {
        self.keys
            .iter()
            .filter(|k| !k.revoked && k.role == RosterRole::Owner)
    }

    /// Every active key of member `member`, on any desk.
    pub fn member_keys(&self, member: Uuid) -> impl Iterator<Item = &RosterKey> {
        self.keys
            .iter()
            .filter(move |k| !k.revoked && k.member == member)
    }

    /// Every active key.
    pub fn active_keys(&self) -> impl Iterator<Item = &RosterKey> {
        self.keys.iter().filter(|k| !k.revoked)
    }

    /// Every key desk `desk` ever held, revoked or not.
    pub fn keys_ever_of_desk(&self, desk: Uuid) -> impl Iterator<Item = &RosterKey> {
        self.keys.iter().filter(move |k| k.desk == desk)
    }

    /// Every active key of desk `desk`.
    pub fn desk_keys(&self, desk: Uuid) -> impl Iterator<Item = &RosterKey> {
        self.keys
            .iter()
            .filter(move |k| !k.revoked && k.desk == desk)
    }

    /// The next entry, making `change` now, ready to sign.
    pub fn next_entry(&self, change: RosterChange, at: DateTime<Utc>) -> RosterEntry {
        RosterEntry {
            agency: self.agency,
            seq: self.len() + 1,
            prev: self.head(),
            change,
            at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(desk: Uuid, role: RosterRole, keys: &OwnerKeyPair) -> RosterChange {
        let public = keys.public();
        RosterChange::Add {
            desk,
            member: Uuid::now_v7(),
            role,
            hpke: public.hpke,
            signing: public.signing,
        }
    }

    struct Agency {
        founder: OwnerKeyPair,
        roster: Roster,
    }

    fn founded() -> Agency {
        let founder = OwnerKeyPair::generate().unwrap();
        let mut roster = Roster::new(Uuid::now_v7(), &fingerprint(&founder.public().signing));
        let first = roster.next_entry(add(Uuid::now_v7(), RosterRole::Owner, &founder), Utc::now());
        roster.extend(SignedEntry::sign(&first, &founder)).unwrap();
        Agency { founder, roster }
    }

    #[test]
    fn the_founder_adds_an_agent_and_both_read_the_same_keys() {
        let Agency {
            founder,
            mut roster,
        } = founded();
        let agent = OwnerKeyPair::generate().unwrap();
        let entry = roster.next_entry(add(Uuid::now_v7(), RosterRole::Agent, &agent), Utc::now());
        roster.extend(SignedEntry::sign(&entry, &founder)).unwrap();
        assert_eq!(roster.owner_keys().count(), 1);
        assert!(roster.active_key(&agent.public().signing).is_some());
        assert!(roster.active_owner(&agent.public().signing).is_none());

        // A desk reading the same entries from the start reaches the same roster.
        let mut again = Roster::new(roster.agency, &roster.founder);
        for entry in roster.entries().to_vec() {
            again.extend(entry).unwrap();
        }
        assert_eq!(again.head(), roster.head());
    }

    #[test]
    fn a_first_entry_by_anyone_but_the_founder_is_refused() {
        let founder = OwnerKeyPair::generate().unwrap();
        let stranger = OwnerKeyPair::generate().unwrap();
        let mut roster = Roster::new(Uuid::now_v7(), &fingerprint(&founder.public().signing));
        let entry = roster.next_entry(
            add(Uuid::now_v7(), RosterRole::Owner, &stranger),
            Utc::now(),
        );
        assert_eq!(
            roster.extend(SignedEntry::sign(&entry, &stranger)),
            Err(RosterBroken::NotTheFounder(1))
        );
        assert!(roster.is_empty());
    }

    #[test]
    fn an_agent_key_cannot_add_keys_and_a_revoked_owner_cannot_sign() {
        let Agency {
            founder,
            mut roster,
        } = founded();
        let agent = OwnerKeyPair::generate().unwrap();
        let entry = roster.next_entry(add(Uuid::now_v7(), RosterRole::Agent, &agent), Utc::now());
        roster.extend(SignedEntry::sign(&entry, &founder)).unwrap();

        let planted = OwnerKeyPair::generate().unwrap();
        let entry = roster.next_entry(add(Uuid::now_v7(), RosterRole::Owner, &planted), Utc::now());
        assert_eq!(
            roster.extend(SignedEntry::sign(&entry, &agent)),
            Err(RosterBroken::NotSigned(3))
        );

        let second = OwnerKeyPair::generate().unwrap();
        let entry = roster.next_entry(add(Uuid::now_v7(), RosterRole::Owner, &second), Utc::now());
        roster.extend(SignedEntry::sign(&entry, &founder)).unwrap();
        let revoke = RosterChange::Revoke {
            signing: second.public().signing,
        };
        let entry = roster.next_entry(revoke, Utc::now());
        roster.extend(SignedEntry::sign(&entry, &founder)).unwrap();
        assert_eq!(roster.owner_keys().count(), 1);
        let entry = roster.next_entry(add(Uuid::now_v7(), RosterRole::Owner, &planted), Utc::now());
        assert_eq!(
            roster.extend(SignedEntry::sign(&entry, &second)),
            Err(RosterBroken::NotSigned(5))
        );
    }

    #[test]
    fn changed_reordered_or_unlinked_entries_are_refused() {
        let Agency {
            founder,
            mut roster,
        } = founded();
        let agent = OwnerKeyPair::generate().unwrap();
        let entry = roster.next_entry(add(Uuid::now_v7(), RosterRole::Agent, &agent), Utc::now());
        let signed = SignedEntry::sign(&entry, &founder);

        let mut changed = signed.clone();
        changed.body = changed.body.replace("agent", "owner");
        assert_eq!(
            roster.clone().extend(changed),
            Err(RosterBroken::NotSigned(2))
        );

        let mut skipped = signed.clone();
        skipped.seq = 3;
        assert_eq!(
            roster.clone().extend(skipped),
            Err(RosterBroken::OutOfPlace(3))
        );

        let mut unlinked = entry.clone();
        unlinked.prev = "0".repeat(64);
        assert_eq!(
            roster
                .clone()
                .extend(SignedEntry::sign(&unlinked, &founder)),
            Err(RosterBroken::Unlinked(2))
        );

        let mut elsewhere = entry.clone();
        elsewhere.agency = Uuid::now_v7();
        assert_eq!(
            roster
                .clone()
                .extend(SignedEntry::sign(&elsewhere, &founder)),
            Err(RosterBroken::OtherAgency(2))
        );

        roster.extend(signed).unwrap();
        assert_eq!(roster.len(), 2);
    }
}
