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

find_python() {
    # The first interpreter that really runs and is 3.11 or newer (pyenv shims may exist
    # for versions that are not installed).
    local candidate
    for candidate in python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "followup needs Python 3.11 or newer; none was found" >&2
    return 1
}

ensure_venv() {
    local py
    py="$(find_python)"
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
