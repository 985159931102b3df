# Shared by scripts/demo and scripts/test.
VENV="${FOLLOWUP_VENV:-.venv}"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    # Without refreshing the package lists first: that is the slow part.
    if ! as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then
        as_root apt-get update -qq >/dev/null
        as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    fi
}

ensure_venv() {
    local py
    py="$(command -v python3.13 || command -v python3.12 || command -v python3.11 || command -v python3)"
    if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "followup needs Python 3.11 or newer ($py is $("$py" -V 2>&1))" >&2
        exit 1
    fi
    if [ ! -x "$VENV/bin/pip" ]; then
        # Debian and Ubuntu ship venv support in a separate package.
        if ! "$py" -m venv "$VENV" >/dev/null 2>&1; then
            rm -rf "$VENV"
            apt_install "python3-venv"
            "$py" -m venv "$VENV"
        fi
        "$VENV/bin/pip" install -q --upgrade pip >/dev/null 2>&1 || true
    fi
}
