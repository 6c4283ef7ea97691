//! Each member's own keys, so that a pending login opens only for a signed-in owner and
//! not for whatever else can read the vault key from the keyring.
//!
//! A member has an X25519 key pair, to which the per-login key (DEK) of each pending
//! login is wrapped with HPKE (RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
//! ChaCha20-Poly1305, base mode), and an Ed25519 signing key, kept for desks that will
//! one day sign what they create. The private parts rest only sealed under a key derived
//! with argon2id from the member's password ([`LockedKeys`]), and live unsealed only in
//! memory, for a signed-in session, wiped when dropped.

use super::{seal, unseal, CannotDecrypt, Sealed, SealingKey};
use argon2::{Algorithm, Argon2, Params, Version};
use ed25519_dalek::SigningKey;
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use rand::TryRngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

type Suite = X25519HkdfSha256;
type HpkePrivate = <Suite as Kem>::PrivateKey;
type HpkePublic = <Suite as Kem>::PublicKey;
type Encapsulated = <Suite as Kem>::EncappedKey;

const KEY_BYTES: usize = 32;
const SALT_BYTES: usize = 16;
/// The serialized private keys: the X25519 secret, then the Ed25519 seed.
const PRIVATE_BYTES: usize = 2 * KEY_BYTES;

pub(super) fn random_bytes<const N: usize>() -> anyhow::Result<Zeroizing<[u8; N]>> {
    let mut bytes = Zeroizing::new([0u8; N]);
    rand::rngs::OsRng
        .try_fill_bytes(bytes.as_mut())
        .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
    Ok(bytes)
}

/// A member's public keys, as stored beside their sealed private keys: what a pending
/// login is wrapped to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeys {
    pub hpke: [u8; KEY_BYTES],
    pub signing: [u8; KEY_BYTES],
}

impl PublicKeys {
    /// From stored bytes; `None` when a key has the wrong length.
    pub fn from_slices(hpke: &[u8], signing: &[u8]) -> Option<Self> {
        Some(Self {
            hpke: hpke.try_into().ok()?,
            signing: signing.try_into().ok()?,
        })
    }
}

/// A member's key pair, unsealed for a signed-in session. The private parts are wiped
/// when it is dropped (both key types zeroize themselves) and never printed.
#[derive(Clone)]
pub struct OwnerKeyPair {
    hpke_private: HpkePrivate,
    hpke_public: HpkePublic,
    signing: SigningKey,
}

impl std::fmt::Debug for OwnerKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OwnerKeyPair(<redacted>)")
    }
}

impl OwnerKeyPair {
    /// A fresh key pair from the operating system's random number generator.
    pub fn generate() -> anyhow::Result<Self> {
        let hpke_seed = random_bytes::<KEY_BYTES>()?;
        let signing_seed = random_bytes::<KEY_BYTES>()?;
        Ok(Self::from_seeds(&hpke_seed, &signing_seed))
    }

    fn from_seeds(hpke_seed: &[u8; KEY_BYTES], signing_seed: &[u8; KEY_BYTES]) -> Self {
        let (hpke_private, hpke_public) = Suite::derive_keypair(hpke_seed);
        Self {
            hpke_private,
            hpke_public,
            signing: SigningKey::from_bytes(signing_seed),
        }
    }

    pub fn public(&self) -> PublicKeys {
        let mut hpke = [0u8; KEY_BYTES];
        self.hpke_public.write_exact(&mut hpke);
        PublicKeys {
            hpke,
            signing: self.signing.verifying_key().to_bytes(),
        }
    }

    fn to_private_bytes(&self) -> Zeroizing<[u8; PRIVATE_BYTES]> {
        let mut bytes = Zeroizing::new([0u8; PRIVATE_BYTES]);
        let (hpke, signing) = bytes.split_at_mut(KEY_BYTES);
        self.hpke_private.write_exact(hpke);
        let mut seed = self.signing.to_bytes();
        signing.copy_from_slice(&seed);
        seed.zeroize();
        bytes
    }

    fn from_private_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != PRIVATE_BYTES {
            return None;
        }
        let (hpke, signing) = bytes.split_at(KEY_BYTES);
        let hpke_private = HpkePrivate::from_bytes(hpke).ok()?;
        let hpke_public = Suite::sk_to_pk(&hpke_private);
        let mut seed = Zeroizing::new([0u8; KEY_BYTES]);
        seed.copy_from_slice(signing);
        Some(Self {
            hpke_private,
            hpke_public,
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// Signs `message` with the Ed25519 key (what a desk puts its name to: roster entries
    /// and the logins it makes).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.signing.sign(message).to_bytes()
    }

    /// The private keys as bytes, for an invitation code that hands a new desk the keys
    /// its roster entry was signed for. As secret as the keys themselves.
    pub fn to_transfer_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.to_private_bytes().to_vec())
    }

    /// Keys from [`OwnerKeyPair::to_transfer_bytes`]; `None` for anything else.
    pub fn from_transfer_bytes(bytes: &[u8]) -> Option<Self> {
        Self::from_private_bytes(bytes)
    }

    /// Seals the private keys under a key derived from `password` (argon2id, a fresh
    /// random salt), bound to member `staff_id`. Slow by design: call it off the async
    /// workers.
    pub fn lock(&self, staff_id: i64, password: &[u8]) -> anyhow::Result<LockedKeys> {
        let salt = random_bytes::<SALT_BYTES>()?;
        let kdf = KdfParams::default();
        let key = kdf.derive(password, salt.as_ref())?;
        let sealed = seal(
            &key,
            &locked_keys_aad(staff_id),
            self.to_private_bytes().as_ref(),
        )?;
        Ok(LockedKeys {
            public: self.public(),
            salt: salt.to_vec(),
            kdf,
            sealed,
        })
    }
}

/// How the key that seals a member's private keys is derived from their password. Kept
/// beside the sealed keys, so that stronger parameters later still open older rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl Default for KdfParams {
    /// The parameters of the password hashes stored beside them (OWASP's for argon2id):
    /// guessing the password from either costs the same.
    fn default() -> Self {
        Self {
            m_cost: 19_456,
            t_cost: 2,
            p_cost: 1,
        }
    }
}

impl KdfParams {
    fn derive(&self, password: &[u8], salt: &[u8]) -> anyhow::Result<PasswordKey> {
        let mut key = PasswordKey([0u8; KEY_BYTES]);
        self.derive_into(password, salt, &mut key.0)?;
        Ok(key)
    }

    /// argon2id of `password` with `salt`, into `out` (the one derivation of keys from
    /// something a person types).
    pub(crate) fn derive_into(
        &self,
        password: &[u8],
        salt: &[u8],
        out: &mut [u8; KEY_BYTES],
    ) -> anyhow::Result<()> {
        let params = Params::new(self.m_cost, self.t_cost, self.p_cost, Some(KEY_BYTES))
            .map_err(|e| anyhow::anyhow!("Invalid argon2 parameters: {e}"))?;
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(password, salt, out)
            .map_err(|e| anyhow::anyhow!("Failed to derive a key from a password: {e}"))
    }
}

/// The key derived from a member's password; it seals their private keys only.
#[derive(Zeroize, ZeroizeOnDrop)]
struct PasswordKey([u8; KEY_BYTES]);

impl SealingKey for PasswordKey {
    fn key_bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }
}

fn locked_keys_aad(staff_id: i64) -> Vec<u8> {
    format!("keydesk member keys {staff_id}").into_bytes()
}

/// A member's keys as stored: the public keys in the clear, the private keys sealed
/// under their password. Holds nothing secret without that password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedKeys {
    pub public: PublicKeys,
    pub salt: Vec<u8>,
    pub kdf: KdfParams,
    pub sealed: Sealed,
}

/// The password does not open these keys (or they were changed, or belong to another
/// member). Says no more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("These keys do not open with this password.")]
pub struct WrongPassword;

impl LockedKeys {
    /// Opens the private keys of member `staff_id` with `password`. Slow by design (the
    /// argon2id derivation): call it off the async workers.
    pub fn open(&self, staff_id: i64, password: &[u8]) -> Result<OwnerKeyPair, WrongPassword> {
        let key = self
            .kdf
            .derive(password, &self.salt)
            .map_err(|_| WrongPassword)?;
        let bytes =
            unseal(&key, &locked_keys_aad(staff_id), &self.sealed).map_err(|_| WrongPassword)?;
        let pair = OwnerKeyPair::from_private_bytes(&bytes).ok_or(WrongPassword)?;
        if pair.public() != self.public {
            return Err(WrongPassword);
        }
        Ok(pair)
    }
}

/// Whether `signature` is Ed25519 public key `signer`'s signature of `message` (strict
/// verification: no malleable or small-order forms).
pub fn signature_holds(signer: &[u8; KEY_BYTES], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(signer) else {
        return false;
    };
    let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    key.verify_strict(message, &signature).is_ok()
}

/// The random key of one pending login: it seals that login's password, and is itself
/// wrapped to each owner's public key.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Dek([u8; KEY_BYTES]);

impl Dek {
    pub fn generate() -> anyhow::Result<Self> {
        Ok(Self(*random_bytes::<KEY_BYTES>()?))
    }
}

impl SealingKey for Dek {
    fn key_bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }
}

impl std::fmt::Debug for Dek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dek(<redacted>)")
    }
}

/// A DEK wrapped to one recipient: the HPKE encapsulated key and the ciphertext.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wrapped {
    pub encapsulated_key: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// Wraps `dek` to the recipient whose public keys are `public`; `info` names what the DEK
/// belongs to and whom it is for, so a wrap moved elsewhere does not open.
pub fn wrap(public: &PublicKeys, info: &[u8], dek: &Dek) -> anyhow::Result<Wrapped> {
    wrap_to(&public.hpke, info, dek)
}

/// Wraps `dek` to the HPKE public key `hpke` (an owner's, or the recovery key's).
pub fn wrap_to(hpke: &[u8; KEY_BYTES], info: &[u8], dek: &Dek) -> anyhow::Result<Wrapped> {
    let recipient = HpkePublic::from_bytes(hpke)
        .map_err(|e| anyhow::anyhow!("A recipient's public key is not usable: {e}"))?;
    let (encapsulated, ciphertext) = hpke::single_shot_seal::<ChaCha20Poly1305, HkdfSha256, Suite>(
        &OpModeS::Base,
        &recipient,
        info,
        &dek.0,
        b"",
    )
    .map_err(|e| anyhow::anyhow!("Failed to wrap a login's key: {e}"))?;
    Ok(Wrapped {
        encapsulated_key: encapsulated.to_bytes().to_vec(),
        ciphertext,
    })
}

/// Unwraps a DEK wrapped to `private` under the same `info`; fails for another
/// recipient, another `info` or any change.
pub fn unwrap(
    private: &OwnerKeyPair,
    info: &[u8],
    wrapped: &Wrapped,
) -> Result<Dek, CannotDecrypt> {
    open_wrapped(&private.hpke_private, info, wrapped)
}

fn open_wrapped(
    private: &HpkePrivate,
    info: &[u8],
    wrapped: &Wrapped,
) -> Result<Dek, CannotDecrypt> {
    let encapsulated =
        Encapsulated::from_bytes(&wrapped.encapsulated_key).map_err(|_| CannotDecrypt)?;
    let plain = Zeroizing::new(
        hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, Suite>(
            &OpModeR::Base,
            private,
            &encapsulated,
            info,
            &wrapped.ciphertext,
            b"",
        )
        .map_err(|_| CannotDecrypt)?,
    );
    let bytes = <[u8; KEY_BYTES]>::try_from(plain.as_slice()).map_err(|_| CannotDecrypt)?;
    Ok(Dek(bytes))
}

/// The HPKE key pair of the recovery kit, derived from its 32 random bytes the way an
/// owner's is derived from its seed (HPKE `DeriveKeyPair`), so the same words always
/// give the same pair. Only an HPKE recipient: it never signs. Wiped when dropped.
pub struct RecoveryKeyPair {
    hpke_private: HpkePrivate,
    hpke_public: HpkePublic,
}

impl std::fmt::Debug for RecoveryKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKeyPair(<redacted>)")
    }
}

impl RecoveryKeyPair {
    pub fn derive(seed: &[u8; KEY_BYTES]) -> Self {
        let (hpke_private, hpke_public) = Suite::derive_keypair(seed);
        Self {
            hpke_private,
            hpke_public,
        }
    }

    /// The public key stored for the recovery kit, what pending logins are wrapped to.
    pub fn public(&self) -> [u8; KEY_BYTES] {
        let mut hpke = [0u8; KEY_BYTES];
        self.hpke_public.write_exact(&mut hpke);
        hpke
    }

    /// Unwraps a DEK wrapped to this pair under the same `info`.
    pub fn unwrap(&self, info: &[u8], wrapped: &Wrapped) -> Result<Dek, CannotDecrypt> {
        open_wrapped(&self.hpke_private, info, wrapped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dek_bytes(dek: &Dek) -> [u8; KEY_BYTES] {
        dek.0
    }

    #[test]
    fn a_wrapped_key_opens_only_for_its_recipient_its_info_and_unchanged() {
        let owner = OwnerKeyPair::generate().unwrap();
        let other = OwnerKeyPair::generate().unwrap();
        let dek = Dek::generate().unwrap();
        let info = b"handoff 1 customer 2 recipient 3";
        let wrapped = wrap(&owner.public(), info, &dek).unwrap();
        assert_eq!(wrapped.encapsulated_key.len(), 32);
        assert_eq!(wrapped.ciphertext.len(), 32 + 16);

        let opened = unwrap(&owner, info, &wrapped).unwrap();
        assert_eq!(dek_bytes(&opened), dek_bytes(&dek));

        assert!(unwrap(&other, info, &wrapped).is_err(), "wrong recipient");
        assert!(
            unwrap(&owner, b"handoff 1 customer 2 recipient 4", &wrapped).is_err(),
            "wrong info"
        );
        for i in 0..wrapped.ciphertext.len() {
            let mut altered = wrapped.clone();
            altered.ciphertext[i] ^= 0x01;
            assert!(
                unwrap(&owner, info, &altered).is_err(),
                "ciphertext byte {i}"
            );
        }
        for i in 0..wrapped.encapsulated_key.len() {
            let mut altered = wrapped.clone();
            altered.encapsulated_key[i] ^= 0x01;
            assert!(
                unwrap(&owner, info, &altered).is_err(),
                "encapsulated byte {i}"
            );
        }
        let mut cut = wrapped.clone();
        cut.ciphertext.pop();
        assert!(unwrap(&owner, info, &cut).is_err());

        let again = wrap(&owner.public(), info, &dek).unwrap();
        assert_ne!(again, wrapped, "a fresh ephemeral key each time");
    }

    #[test]
    fn locked_keys_open_only_with_the_password_for_the_same_member() {
        let pair = OwnerKeyPair::generate().unwrap();
        let locked = pair.lock(7, b"correct horse battery staple").unwrap();
        assert_eq!(locked.public, pair.public());
        assert_eq!(locked.salt.len(), SALT_BYTES);
        assert_eq!(locked.kdf, KdfParams::default());

        let opened = locked.open(7, b"correct horse battery staple").unwrap();
        assert_eq!(opened.public(), pair.public());
        let dek = Dek::generate().unwrap();
        let wrapped = wrap(&pair.public(), b"i", &dek).unwrap();
        assert_eq!(
            dek_bytes(&unwrap(&opened, b"i", &wrapped).unwrap()),
            dek_bytes(&dek)
        );

        assert_eq!(
            locked
                .open(7, b"correct horse battery stapler")
                .unwrap_err(),
            WrongPassword
        );
        assert_eq!(
            locked.open(8, b"correct horse battery staple").unwrap_err(),
            WrongPassword
        );
        let mut altered = locked.clone();
        altered.sealed.ciphertext[3] ^= 1;
        assert!(altered.open(7, b"correct horse battery staple").is_err());
        let mut swapped = locked.clone();
        swapped.public = OwnerKeyPair::generate().unwrap().public();
        assert!(swapped.open(7, b"correct horse battery staple").is_err());

        let relocked = pair.lock(7, b"correct horse battery staple").unwrap();
        assert_ne!(relocked.salt, locked.salt, "a fresh salt each time");
        assert_ne!(relocked.sealed, locked.sealed);
    }

    #[test]
    fn a_recovery_pair_is_the_same_for_the_same_seed_and_opens_its_wraps_only() {
        let seed = [7u8; KEY_BYTES];
        let pair = RecoveryKeyPair::derive(&seed);
        assert_eq!(pair.public(), RecoveryKeyPair::derive(&seed).public());
        let other = RecoveryKeyPair::derive(&[8u8; KEY_BYTES]);
        assert_ne!(pair.public(), other.public());

        let dek = Dek::generate().unwrap();
        let wrapped = wrap_to(&pair.public(), b"r", &dek).unwrap();
        assert_eq!(
            dek_bytes(&pair.unwrap(b"r", &wrapped).unwrap()),
            dek_bytes(&dek)
        );
        assert!(other.unwrap(b"r", &wrapped).is_err());
        assert!(pair.unwrap(b"s", &wrapped).is_err());
        assert_eq!(format!("{pair:?}"), "RecoveryKeyPair(<redacted>)");
    }

    #[test]
    fn private_keys_never_print() {
        let pair = OwnerKeyPair::generate().unwrap();
        assert_eq!(format!("{pair:?}"), "OwnerKeyPair(<redacted>)");
        let dek = Dek::generate().unwrap();
        assert_eq!(format!("{dek:?}"), "Dek(<redacted>)");
    }
}
