#!/bin/sh
# Installs what the IMAP tests and benchmark need, only when it is missing:
#   - Dovecot's IMAP server (Debian/Ubuntu package dovecot-imapd) and openssl;
#   - when run as root, a non-root user `followuptest` to own the test mail
#     (Dovecot's imap-login refuses to serve mail owned by root).
# The tests start their own private Dovecot; the system service is never used.
# Safe to run again: it does nothing (and prints nothing) when all is in place.
set -eu

missing=""
if ! command -v dovecot >/dev/null 2>&1 && [ ! -x /usr/sbin/dovecot ]; then
    missing="dovecot-imapd"
elif [ ! -x /usr/lib/dovecot/imap ] && [ ! -x /usr/libexec/dovecot/imap ]; then
    missing="dovecot-imapd"
fi
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
else
    sudo="sudo -n"
fi

if [ -n "$missing" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-test-deps: please install $missing (Dovecot 2.3 with IMAP) with your package manager" >&2
        exit 1
    fi
    echo "install-test-deps: installing$missing ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    # Try without refreshing the package lists first: that is the slow part.
    # shellcheck disable=SC2086
    if ! $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
        $sudo apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

if [ "$(id -u)" -eq 0 ] && ! id followuptest >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin followuptest
fi
