//! A pending login as it travels between an agency's desks: the password sealed under a
//! key of its own (the seal every pending login uses), that key wrapped with HPKE to each
//! active owner key of the roster, and the whole signed by the desk that made it.
//!
//! The signature matters because HPKE base mode is anonymous: without it, any desk or the
//! server could wrap a password of its choosing to the owners, who would then hand it to
//! a customer. An owner's desk opens a login only when its signer is in the roster, and
//! then checks the password against the account's argon2id hash the record carries.

use super::owner_keys::{Dek, OwnerKeyPair};
use super::roster::Roster;
use super::signed_record::{base64_bytes, unwrap_key, wrap_key, KeyWrap, Signed, Unwrapped};
use super::{seal, unseal, Sealed};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

/// What each login's signature covers before the record's text.
const SIGNED_PREFIX: &[u8] = b"keydesk pending login v1\n";

/// The most owner keys one login is wrapped to: far above any agency, and a bound on what
/// a record read from the server may make a desk do.
const MAX_WRAPS: usize = 64;

/// Who the login is for and where it comes from: everything but the sealed parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginFacts {
    pub agency: Uuid,
    pub handoff: Uuid,
    pub customer: Uuid,
    /// The desk that made it, and its member.
    pub desk: Uuid,
    pub created_by: Uuid,
    /// `new_customer`, `reset` or `bulk`.
    pub reason: String,
    pub username: String,
    /// The account's argon2id hash (PHC string) of the password sealed here.
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The customer's newest login the making desk knew of (none: the first). Two resets
    /// made without knowing each other name the same one: the first made stays, the
    /// other is superseded. A login that names the one held replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<Uuid>,
}

/// The record as signed: its text is the JSON of this, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRecord {
    #[serde(flatten)]
    pub facts: LoginFacts,
    #[serde(with = "base64_bytes")]
    pub nonce: Vec<u8>,
    #[serde(with = "base64_bytes")]
    pub ciphertext: Vec<u8>,
    pub wraps: Vec<KeyWrap>,
}

/// What a login's record says, unchecked: for a record this desk already checked when it
/// made or took it.
pub fn facts_of(login: &SignedLogin) -> Option<LoginFacts> {
    serde_json::from_str::<LoginRecord>(&login.body)
        .ok()
        .map(|r| r.facts)
}

impl LoginRecord {
    /// The sealed password, as the desk's handoff row keeps it.
    pub fn sealed(&self) -> Sealed {
        Sealed {
            nonce: self.nonce.clone(),
            ciphertext: self.ciphertext.clone(),
        }
    }

    /// Whether the key with signing key `recipient` was given this login.
    pub fn is_wrapped_to(&self, recipient: &[u8; 32]) -> bool {
        self.wraps.iter().any(|w| w.recipient == *recipient)
    }
}

/// A login as it travels: the text, its signer and the signature.
pub type SignedLogin = Signed;

/// Why a desk does not take or open a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefused {
    #[error("it is not signed by a desk the agency's keys list")]
    NotSigned,
    #[error("it cannot be read")]
    Unreadable,
    #[error("it was not sealed to this key")]
    NotForThisKey,
    #[error("it does not open")]
    Damaged,
}

/// The associated data of the sealed password: the agency, the login and its customer.
fn sealed_aad(facts: &LoginFacts) -> Vec<u8> {
    format!(
        "keydesk agency login: agency {} handoff {} customer {}",
        facts.agency, facts.handoff, facts.customer
    )
    .into_bytes()
}

/// The HPKE `info` of a wrap: the login, its customer and the recipient key, so a wrap
/// copied elsewhere does not open there.
fn wrap_info(facts: &LoginFacts, recipient: &[u8; 32]) -> Vec<u8> {
    format!(
        "keydesk agency login key: agency {} handoff {} customer {} recipient {}",
        facts.agency,
        facts.handoff,
        facts.customer,
        hex::encode(recipient)
    )
    .into_bytes()
}

/// Seals `password` for every active owner key of `roster` and signs it with `signer`
/// (the making desk's keys). Only public keys of the owners are needed.
pub fn seal_login(
    roster: &Roster,
    signer: &OwnerKeyPair,
    facts: LoginFacts,
    password: &[u8],
) -> anyhow::Result<SignedLogin> {
    let dek = Dek::generate()?;
    let sealed = seal(&dek, &sealed_aad(&facts), password)?;
    let wraps = wrap_to_owners(roster, &facts, &dek)?;
    let record = LoginRecord {
        facts,
        nonce: sealed.nonce,
        ciphertext: sealed.ciphertext,
        wraps,
    };
    Ok(sign(&record, signer))
}

fn sign(record: &LoginRecord, signer: &OwnerKeyPair) -> SignedLogin {
    let body = serde_json::to_string(record).expect("a login record serializes");
    Signed::sign(SIGNED_PREFIX, body, signer)
}

/// The login's record, when the roster lists its signer: the desk that made it, or an
/// owner's desk that sealed it anew for the owners of now (an owner can open it anyway).
pub fn check(roster: &Roster, login: &SignedLogin) -> Result<LoginRecord, LoginRefused> {
    let Some(signer) = roster.active_key(&login.signer) else {
        return Err(LoginRefused::NotSigned);
    };
    if !login.holds(SIGNED_PREFIX) {
        return Err(LoginRefused::NotSigned);
    }
    let record: LoginRecord =
        serde_json::from_str(&login.body).map_err(|_| LoginRefused::Unreadable)?;
    let signed_as_maker =
        signer.desk == record.facts.desk && signer.member == record.facts.created_by;
    let signed_by_owner = roster.active_owner(&login.signer).is_some();
    if record.wraps.len() > MAX_WRAPS
        || record.facts.agency != roster.agency()
        || !(signed_as_maker || signed_by_owner)
    {
        return Err(LoginRefused::Unreadable);
    }
    Ok(record)
}

/// Whether `record` lacks a wrap for an active owner key of `roster`, or holds one for a
/// key no longer active: it should be sealed anew ([`rewrap`]).
pub fn needs_rewrap(roster: &Roster, record: &LoginRecord) -> bool {
    let owners: Vec<[u8; 32]> = roster.owner_keys().map(|k| k.keys.signing).collect();
    owners.iter().any(|key| !record.is_wrapped_to(key))
        || record.wraps.iter().any(|w| !owners.contains(&w.recipient))
}

/// `record`'s login key, opened with `keys`, wrapped to exactly the active owner keys of
/// `roster`, and the record signed anew with `keys` (an owner's). The sealed password and
/// the facts stay as they were.
pub fn rewrap(
    roster: &Roster,
    record: &LoginRecord,
    keys: &OwnerKeyPair,
) -> Result<SignedLogin, LoginRefused> {
    rewrap_signed_by(roster, record, keys, keys)
}

/// [`rewrap`], opening with `opener` and signing with `signer`: an owner rotating their
/// keys opens with the old ones and signs with the new, so the record still checks once
/// the old keys leave the roster.
pub fn rewrap_signed_by(
    roster: &Roster,
    record: &LoginRecord,
    opener: &OwnerKeyPair,
    signer: &OwnerKeyPair,
) -> Result<SignedLogin, LoginRefused> {
    let dek = open_key(record, opener)?;
    let wraps = wrap_to_owners(roster, &record.facts, &dek).map_err(|_| LoginRefused::Damaged)?;
    let record = LoginRecord {
        wraps,
        ..record.clone()
    };
    Ok(sign(&record, signer))
}

/// Whether `newer` is `older` sealed anew: the same login, password and facts.
pub fn same_login(older: &LoginRecord, newer: &LoginRecord) -> bool {
    older.facts == newer.facts && older.nonce == newer.nonce && older.ciphertext == newer.ciphertext
}

/// The password of a checked login, opened with `keys`.
pub fn open(record: &LoginRecord, keys: &OwnerKeyPair) -> Result<Zeroizing<Vec<u8>>, LoginRefused> {
    let dek = open_key(record, keys)?;
    unseal(&dek, &sealed_aad(&record.facts), &record.sealed()).map_err(|_| LoginRefused::Damaged)
}

/// The login's key, unwrapped with `keys` from their wrap.
fn open_key(record: &LoginRecord, keys: &OwnerKeyPair) -> Result<Dek, LoginRefused> {
    unwrap_key(&record.wraps, keys, |r| wrap_info(&record.facts, r)).map_err(|e| match e {
        Unwrapped::NotForThisKey => LoginRefused::NotForThisKey,
        Unwrapped::Damaged => LoginRefused::Damaged,
    })
}

/// `dek` wrapped to every active owner key of `roster`, each named by its signing key.
fn wrap_to_owners(roster: &Roster, facts: &LoginFacts, dek: &Dek) -> anyhow::Result<Vec<KeyWrap>> {
    wrap_key(roster.owner_keys(), |r| wrap_info(facts, r), dek)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::roster::{fingerprint, RosterChange, RosterRole, SignedEntry};

    struct Desks {
        roster: Roster,
        owner: OwnerKeyPair,
        agent: OwnerKeyPair,
        agent_desk: Uuid,
        agent_member: Uuid,
    }

    fn desks() -> Desks {
        let owner = OwnerKeyPair::generate().unwrap();
        let agent = OwnerKeyPair::generate().unwrap();
        let agent_desk = Uuid::now_v7();
        let agent_member = Uuid::now_v7();
        let mut roster = Roster::new(Uuid::now_v7(), &fingerprint(&owner.public().signing));
        for (desk, member, role, keys) in [
            (Uuid::now_v7(), Uuid::now_v7(), RosterRole::Owner, &owner),
            (agent_desk, agent_member, RosterRole::Agent, &agent),
        ] {
            let change = RosterChange::Add {
                desk,
                member,
                role,
                hpke: keys.public().hpke,
                signing: keys.public().signing,
            };
            let entry = roster.next_entry(change, Utc::now());
            roster.extend(SignedEntry::sign(&entry, &owner)).unwrap();
        }
        Desks {
            roster,
            owner,
            agent,
            agent_desk,
            agent_member,
        }
    }

    fn facts(roster_agency: Uuid, desk: Uuid, created_by: Uuid) -> LoginFacts {
        LoginFacts {
            agency: roster_agency,
            handoff: Uuid::now_v7(),
            customer: Uuid::now_v7(),
            desk,
            created_by,
            reason: "new_customer".to_owned(),
            username: "ana@example.com".to_owned(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
            created_at: Utc::now(),
            expires_at: Utc::now(),
            replaces: None,
        }
    }

    fn agency_of(roster: &Roster) -> Uuid {
        let entry: crate::vault::roster::RosterEntry =
            serde_json::from_str(&roster.entries()[0].body).unwrap();
        entry.agency
    }

    #[test]
    fn an_agents_login_opens_for_the_owner_and_not_for_the_agent() {
        let d = desks();
        let facts = facts(agency_of(&d.roster), d.agent_desk, d.agent_member);
        let login = seal_login(&d.roster, &d.agent, facts, b"Tr0ub4dor&3").unwrap();
        let record = check(&d.roster, &login).unwrap();
        assert_eq!(open(&record, &d.owner).unwrap().as_slice(), b"Tr0ub4dor&3");
        assert_eq!(open(&record, &d.agent), Err(LoginRefused::NotForThisKey));
        assert!(!login.body.contains("Tr0ub4dor"));
    }

    #[test]
    fn a_login_signed_by_a_key_the_roster_lacks_or_changed_after_signing_is_refused() {
        let d = desks();
        let planter = OwnerKeyPair::generate().unwrap();
        let facts = facts(agency_of(&d.roster), d.agent_desk, d.agent_member);
        // Whoever planted it could wrap it to the owners, but cannot sign as a desk.
        let planted = seal_login(&d.roster, &planter, facts.clone(), b"chosen").unwrap();
        assert_eq!(check(&d.roster, &planted), Err(LoginRefused::NotSigned));

        let login = seal_login(&d.roster, &d.agent, facts, b"real").unwrap();
        let mut changed = login.clone();
        changed.body = changed.body.replace("ana@example.com", "eve@example.com");
        assert_eq!(check(&d.roster, &changed), Err(LoginRefused::NotSigned));

        // A wrap moved onto another login does not open there.
        let mut record = check(&d.roster, &login).unwrap();
        record.facts.handoff = Uuid::now_v7();
        assert_eq!(open(&record, &d.owner), Err(LoginRefused::Damaged));
    }

    #[test]
    fn an_owner_added_later_opens_a_login_once_an_owner_seals_it_anew() {
        let mut d = desks();
        let facts = facts(agency_of(&d.roster), d.agent_desk, d.agent_member);
        let login = seal_login(&d.roster, &d.agent, facts, b"pw").unwrap();
        let record = check(&d.roster, &login).unwrap();

        let later = OwnerKeyPair::generate().unwrap();
        let change = RosterChange::Add {
            desk: Uuid::now_v7(),
            member: Uuid::now_v7(),
            role: RosterRole::Owner,
            hpke: later.public().hpke,
            signing: later.public().signing,
        };
        let entry = d.roster.next_entry(change, Utc::now());
        d.roster
            .extend(SignedEntry::sign(&entry, &d.owner))
            .unwrap();
        assert!(needs_rewrap(&d.roster, &record));
        assert_eq!(open(&record, &later), Err(LoginRefused::NotForThisKey));

        // The agent cannot seal it anew (it holds no wrap); the owner can.
        assert_eq!(
            rewrap(&d.roster, &record, &d.agent).unwrap_err(),
            LoginRefused::NotForThisKey
        );
        let anew = rewrap(&d.roster, &record, &d.owner).unwrap();
        let anew = check(&d.roster, &anew).unwrap();
        assert!(same_login(&record, &anew));
        assert!(!needs_rewrap(&d.roster, &anew));
        assert_eq!(open(&anew, &later).unwrap().as_slice(), b"pw");

        // An agent's key signing a record of another desk's login is refused.
        let mut elsewhere = anew.clone();
        elsewhere.facts.desk = Uuid::now_v7();
        assert_eq!(
            check(&d.roster, &sign(&elsewhere, &d.agent)),
            Err(LoginRefused::Unreadable)
        );
    }

    #[test]
    fn a_desk_signing_as_another_desk_member_or_agency_is_refused() {
        let d = desks();
        let agency = agency_of(&d.roster);
        for facts in [
            facts(agency, Uuid::now_v7(), d.agent_member),
            facts(agency, d.agent_desk, Uuid::now_v7()),
            facts(Uuid::now_v7(), d.agent_desk, d.agent_member),
        ] {
            let login = seal_login(&d.roster, &d.agent, facts, b"x").unwrap();
            assert_eq!(check(&d.roster, &login), Err(LoginRefused::Unreadable));
        }
        let fine = facts(agency, d.agent_desk, d.agent_member);
        let login = seal_login(&d.roster, &d.agent, fine, b"x").unwrap();
        assert!(check(&d.roster, &login).is_ok());
    }
}
