"""A reference customer portal: the agency's website as the tests play it.

It knows nothing of Keydesk's code. It reads the accounts an identity-product export
holds (Auth0 signs customers in by email, Keycloak by username), checks a customer's password with argon2-cffi (the C reference implementation of
Argon2, independent of Keydesk's Rust one), and on success writes the sign-in to its log
in the CSV shape Keydesk imports: email, time, IP.

    python reference_portal.py auth0|keycloak EXPORT_FILE... --username NAME \
        --log SIGN_INS.csv --ip 203.0.113.7 --at 2026-11-28T09:15:00Z

With an agency server it reads the `portal` schema instead, as the website's own login
role (a member of keydesk_portal; its password in PGPASSWORD), and reports a sign-in, or
redeems the token of a verify-email link, through the schema's two functions:

    python reference_portal.py server --dsn postgres://website@host/db?... --username NAME \
        --ip 203.0.113.7 --at 2026-11-28T09:15:00Z
    python reference_portal.py redeem --dsn ... --token TOKEN

With --change, standard input holds the current password and, on the next line, the
customer's new one: once signed in, the website hashes the new one (argon2id, PHC form)
and sets it through the schema's third function; the answer then also says
"password_changed".

The password is read from standard input, never from the command line. Prints one JSON
object: {"signed_in": bool, "password_ok": bool, "must_change_password": bool,
"email_verified": bool, "blocked": bool} (redeem: {"verified_email": str or null}); a
blocked customer's password is still checked. Exits 0 whether or not the password was
right; 2 on a malformed export.
"""

import argparse
import base64
import csv
import json
import sys

import argon2
from argon2.low_level import Type, hash_secret_raw


def auth0_users(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            users = json.load(f)
        if not isinstance(users, list):
            raise ValueError(f"{path}: an Auth0 import file is a JSON array")
        for user in users:
            custom = user["custom_password_hash"]
            if custom["algorithm"] != "argon2" or custom["hash"].get("encoding", "utf8") != "utf8":
                raise ValueError("only argon2 PHC hashes are expected")
            yield {
                # Auth0 signs customers in with their email.
                "username": user["email"],
                "email": user["email"],
                "verified": bool(user.get("email_verified", False)),
                "blocked": bool(user.get("blocked", False)),
                "must_change": bool(user.get("app_metadata", {}).get("must_change_password", False)),
                "check": lambda password, phc=custom["hash"]["value"]: auth0_check(phc, password),
            }


def auth0_check(phc, password):
    try:
        return argon2.PasswordHasher().verify(phc, password)
    except argon2.exceptions.VerificationError:
        return False


def keycloak_users(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            realm = json.load(f)
        for user in realm["users"]:
            (credential,) = user["credentials"]
            data = json.loads(credential["credentialData"])
            secret = json.loads(credential["secretData"])
            if credential["type"] != "password" or data["algorithm"] != "argon2":
                raise ValueError("only argon2 password credentials are expected")
            yield {
                "username": user["username"],
                "email": user["email"],
                "verified": bool(user.get("emailVerified", False)),
                "blocked": not user.get("enabled", True),
                "must_change": "UPDATE_PASSWORD" in user.get("requiredActions", []),
                "check": lambda password, d=data, s=secret: keycloak_check(d, s, password),
            }


def keycloak_check(data, secret, password):
    extra = data["additionalParameters"]
    if extra["type"] != ["id"] or extra["version"] != ["1.3"]:
        raise ValueError("only argon2id version 1.3 is expected")
    expected = base64.b64decode(secret["value"])
    computed = hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=base64.b64decode(secret["salt"]),
        time_cost=int(data["hashIterations"]),
        memory_cost=int(extra["memory"][0]),
        parallelism=int(extra["parallelism"][0]),
        hash_len=int(extra["hashLength"][0]),
        type=Type.ID,
        version=19,
    )
    return computed == expected


def libpq_dsn(url):
    """The URL with only the query parameters libpq knows (TLS), as a website would have it."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k in ("sslmode", "sslrootcert")]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def server_users(dsn):
    import psycopg

    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT username, email, password_hash, must_change_password, email_verified,"
            " disabled FROM portal.accounts"
        ).fetchall()
    for username, email, phc, must_change, verified, disabled in rows:
        yield {
            "username": username,
            "email": email,
            "verified": verified,
            "blocked": disabled,
            "must_change": must_change,
            "check": lambda password, phc=phc: auth0_check(phc, password),
        }


def server_main(argv):
    import psycopg

    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["server", "redeem"])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--username")
    parser.add_argument("--ip")
    parser.add_argument("--at")
    parser.add_argument("--token")
    parser.add_argument("--change", action="store_true")
    args = parser.parse_args(argv)
    args.dsn = libpq_dsn(args.dsn)
    if args.mode == "redeem":
        with psycopg.connect(args.dsn) as conn:
            (email,) = conn.execute(
                "SELECT portal.redeem_verification_token(%s)", (args.token,)
            ).fetchone()
        print(json.dumps({"verified_email": email}))
        return
    password = sys.stdin.read()
    new_password = None
    if args.change:
        password, new_password = password.split("\n", 1)
    users = list(server_users(args.dsn))
    found = [u for u in users if u["username"].lower() == args.username.lower()]
    user = found[0] if len(found) == 1 else None
    password_ok = bool(user) and user["check"](password)
    signed_in = password_ok and not user["blocked"]
    if signed_in:
        with psycopg.connect(args.dsn) as conn:
            (recorded,) = conn.execute(
                "SELECT portal.record_sign_in(%s, %s::timestamptz, %s::inet)",
                (user["username"], args.at, args.ip),
            ).fetchone()
            signed_in = bool(recorded)
    changed = False
    if signed_in and new_password is not None:
        with psycopg.connect(args.dsn) as conn:
            (changed,) = conn.execute(
                "SELECT portal.change_password(%s, %s)",
                (user["username"], argon2.PasswordHasher().hash(new_password)),
            ).fetchone()
    print(json.dumps({
        "password_changed": bool(changed),
        "signed_in": signed_in,
        "password_ok": password_ok,
        "must_change_password": bool(user and user["must_change"]),
        "email_verified": bool(user and user["verified"]),
        "blocked": bool(user and user["blocked"]),
    }))


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ("server", "redeem"):
        server_main(sys.argv[1:])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("product", choices=["auth0", "keycloak"])
    parser.add_argument("exports", nargs="+")
    parser.add_argument("--username", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--ip", required=True)
    parser.add_argument("--at", required=True)
    args = parser.parse_args()
    password = sys.stdin.read()
    try:
        users = list((auth0_users if args.product == "auth0" else keycloak_users)(args.exports))
    except (KeyError, ValueError, json.JSONDecodeError) as error:
        print(f"malformed export: {error}", file=sys.stderr)
        sys.exit(2)
    found = [u for u in users if u["username"].lower() == args.username.lower()]
    user = found[0] if len(found) == 1 else None
    password_ok = bool(user) and user["check"](password)
    signed_in = password_ok and not user["blocked"]
    if signed_in:
        with open(args.log, "a", newline="", encoding="utf-8") as log:
            csv.writer(log).writerow([user["email"], args.at, args.ip])
    print(json.dumps({
        "signed_in": signed_in,
        "password_ok": password_ok,
        "must_change_password": bool(user and user["must_change"]),
        "email_verified": bool(user and user["verified"]),
        "blocked": bool(user and user["blocked"]),
    }))


if __name__ == "__main__":
    main()
