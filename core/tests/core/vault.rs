use crate::helpers::TestApp;
use keydesk_core::vault::{KeyStore, OsKeyring, VaultKey, KEYRING_SERVICE};

#[tokio::test]
async fn the_vault_key_lives_in_the_os_keyring_and_survives_a_restart() {
    let app = TestApp::spawn().await;
    let key = app.keydesk.vault_key().clone();
    let account = app.keydesk.keyring_account().to_owned();
    assert!(account.starts_with("vault-key:"));

    let in_keyring = OsKeyring
        .load(&account)
        .unwrap()
        .expect("key stored in the keyring");
    assert_eq!(in_keyring, key);
    assert_eq!(KEYRING_SERVICE, "keydesk");

    let app = app.restart().await;
    assert_eq!(app.keydesk.vault_key(), &key, "same key after restart");

    // The key is nowhere in the database files.
    let path = app.paths.database_file();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(bytes) = std::fs::read(format!("{}{suffix}", path.display())) {
            assert!(
                !bytes.windows(32).any(|w| w == key.as_bytes()),
                "raw key bytes found in database{suffix}"
            );
            let hex_key = hex_lower(key.as_bytes());
            assert!(!String::from_utf8_lossy(&bytes).contains(&hex_key));
        }
    }
    app.cleanup().await;
    assert!(
        OsKeyring.load(&account).unwrap().is_none(),
        "cleanup removed the entry"
    );
}

#[tokio::test]
async fn a_key_written_to_the_keyring_reads_back_identically() {
    let account = format!("test-round-trip:{}", std::process::id());
    let key = VaultKey::generate().unwrap();
    OsKeyring.store(&account, &key).unwrap();
    assert_eq!(OsKeyring.load(&account).unwrap(), Some(key));
    OsKeyring::delete(&account).unwrap();
    assert_eq!(OsKeyring.load(&account).unwrap(), None);
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
