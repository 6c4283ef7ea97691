"""A local SMTP server for Keydesk's tests (aiosmtpd 1.4.6).

Saves every message it accepts as DIR/<n>.eml (written whole, then renamed), can
require AUTH with one username and password (or, with --auth-any, accept any, as a
server set up to collect passwords would), records every AUTH it receives (PLAIN or
LOGIN) as one JSON line in DIR/auth.jsonl, can refuse every recipient with a 5xx
reply, refuses any recipient whose local part starts with "bounce" with a 550 reply
that names the address (as real servers do), and prints "PORT <n>" on its own line once
it accepts connections. Listens on
127.0.0.1 only. Stops on SIGTERM or when its standard input closes.

With --fault, the first time each message (told by its Message-ID) arrives it meets a
fault; every later time it is taken as usual:
  drop   the connection is closed once the content is in, before any answer; every
         second such message is kept first (it arrived, and the client cannot know)
  stall  the message is kept, then no answer comes until the client hangs up
  defer  the answer is "451 4.3.0" (try again later) and the message is not kept

With --tls starttls (offers STARTTLS) or --tls implicit (TLS from the first byte), it
presents a self-signed certificate for localhost and 127.0.0.1, made at start with the
openssl command: a client that checks certificates must refuse it.
"""

import argparse
import asyncio
import email.parser
import itertools
import json
import os
import signal
import ssl
import subprocess
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

REFUSAL = "550 5.7.1 Relaying denied: the sink refuses every recipient"
BOUNCE_PREFIX = "bounce"
DEFERRAL = "451 4.3.0 Try again later: the sink defers every first attempt"


class Sink:
    def __init__(self, directory, refuse, fault=None):
        self.directory = directory
        self.refuse = refuse
        self.fault = fault
        self.counter = itertools.count(1)
        self.drops = itertools.count(1)
        self.seen = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return REFUSAL
        if address.lower().startswith(BOUNCE_PREFIX):
            return f"550 5.1.1 <{address}>: Recipient address rejected: user unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if self.fault is not None and self.first_attempt(content):
            if self.fault == "defer":
                return DEFERRAL
            if self.fault == "stall":
                self.keep(content)
            elif self.fault == "drop":
                if next(self.drops) % 2 == 1:
                    self.keep(content)
                server.transport.close()
            # Cancelled by aiosmtpd when the client hangs up (or the drop completes).
            await asyncio.Event().wait()
        self.keep(content)
        return "250 OK: queued"

    def first_attempt(self, content):
        headers = email.parser.BytesHeaderParser().parsebytes(content)
        message_id = str(headers.get("Message-ID", "")).strip()
        first = message_id not in self.seen
        self.seen.add(message_id)
        return first

    def keep(self, content):
        n = next(self.counter)
        final = os.path.join(self.directory, f"{os.getpid()}-{n:06}.eml")
        partial = final + ".partial"
        with open(partial, "wb") as out:
            out.write(content)
        os.replace(partial, final)


class Authenticator:
    """Checks one username and password (None: accepts any) and records each try."""

    def __init__(self, user, password, directory):
        self.user = None if user is None else user.encode()
        self.password = (password or "").encode()
        self.record = os.path.join(directory, "auth.jsonl")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            line = json.dumps(
                {
                    "mechanism": mechanism,
                    "login": auth_data.login.decode("utf-8", "replace"),
                    "password": auth_data.password.decode("utf-8", "replace"),
                }
            )
            with open(self.record, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        ok = isinstance(auth_data, LoginPassword) and (
            self.user is None
            or (auth_data.login == self.user and auth_data.password == self.password)
        )
        # handled=False: aiosmtpd answers 535 itself when the login is refused.
        return AuthResult(success=ok, handled=False)


def self_signed_context(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--auth-any", action="store_true")
    parser.add_argument("--refuse", action="store_true")
    parser.add_argument("--fault", choices=["drop", "stall", "defer"])
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    handler = Sink(args.dir, args.refuse, args.fault)
    options = {}
    if args.user is not None or args.auth_any:
        options = dict(
            authenticator=Authenticator(args.user, args.password, args.dir),
            auth_required=True,
            auth_require_tls=False,
        )
    implicit = None
    if args.tls == "starttls":
        options["tls_context"] = self_signed_context(args.dir)
    elif args.tls == "implicit":
        implicit = self_signed_context(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.keydesk.test", **options),
        host="127.0.0.1",
        port=args.port,
        ssl=implicit,
    )
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.read(1) else None)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
