-- Each member's own keys. The private keys are sealed under a key derived with argon2id
-- from the member's password (salt and parameters beside them), so they sit in the
-- database like the password hash does, behind the same work per guess: a backup carries
-- them, and a restored database opens on a new machine with the owners' passwords.
CREATE TABLE staff_keys (
    staff_id        INTEGER PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    -- X25519 (HPKE recipient) and Ed25519 (signing) public keys.
    hpke_public     BLOB    NOT NULL CHECK (length(hpke_public) = 32),
    signing_public  BLOB    NOT NULL CHECK (length(signing_public) = 32),
    kdf_salt        BLOB    NOT NULL CHECK (length(kdf_salt) >= 16),
    kdf_m_cost      INTEGER NOT NULL CHECK (kdf_m_cost > 0),
    kdf_t_cost      INTEGER NOT NULL CHECK (kdf_t_cost > 0),
    kdf_p_cost      INTEGER NOT NULL CHECK (kdf_p_cost > 0),
    -- XChaCha20-Poly1305 under the derived key, the staff id as associated data.
    private_nonce   BLOB    NOT NULL,
    private_sealed  BLOB    NOT NULL,
    created_at      TEXT    NOT NULL
) STRICT;

-- A pending login's key (DEK), wrapped with HPKE to one owner's public key. Only owners
-- are recipients; a closed handoff keeps none (see the trigger below).
CREATE TABLE handoff_key_wraps (
    handoff_id       INTEGER NOT NULL REFERENCES credential_handoffs (id) ON DELETE CASCADE,
    recipient        INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    encapsulated_key BLOB    NOT NULL,
    ciphertext       BLOB    NOT NULL,
    PRIMARY KEY (handoff_id, recipient)
) STRICT, WITHOUT ROWID;

CREATE INDEX handoff_key_wraps_recipient ON handoff_key_wraps (recipient);

-- What a pending password is sealed under: 'vault_key' (handoffs made before owner keys;
-- re-sealed at the first owner sign-in) or 'owner_keys' (its own DEK, wrapped to owners).
ALTER TABLE credential_handoffs ADD COLUMN sealed_with TEXT NOT NULL DEFAULT 'vault_key'
    CHECK (sealed_with IN ('vault_key', 'owner_keys'));

-- outbox.sealed_secret now also carries a credentials mail's password: the queueing owner
-- opens the login with their key and seals a copy for that one mail under the vault key,
-- wiped once the mail is sent, failed or cancelled (like a verification code).

-- However a handoff ends (sent, revoked, expired), its wrapped keys go with its sealed
-- password, in the same statement's transaction.
CREATE TRIGGER handoff_key_wraps_closed
AFTER UPDATE OF state ON credential_handoffs
WHEN NEW.state <> 'pending'
BEGIN
    DELETE FROM handoff_key_wraps WHERE handoff_id = NEW.id;
END;
