"""A reference customer portal: the agency's website as the tests play it.

It knows nothing of Keydesk's code. It reads the accounts an identity-product export
holds (Auth0 signs customers in by email, Keycloak by username), checks a customer's password with argon2-cffi (the C reference implementation of
Argon2, independent of Keydesk's Rust one), and on success writes the sign-in to its log
in the CSV shape Keydesk imports: email, time, IP.

    python reference_portal.py auth0|keycloak EXPORT_FILE... --username NAME \
        --log SIGN_INS.csv --ip 203.0.113.7 --at 2026-11-28T09:15:00Z

The password is read from standard input, never from the command line. Prints one JSON
object: {"signed_in": bool, "password_ok": bool, "must_change_password": bool,
"email_verified": bool, "blocked": bool}; a blocked customer's password is still checked. Exits 0 whether or not the password was right; 2 on a malformed export.
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


def main():
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
