#!/bin/bash
# regen.sh -- regenerate the expected results of the golden tests from Go.
#
#   tests/regen.sh [DIR_OR_FILE ...]     (default: tests/lang tests/conc tests/errors examples)
#
# Every X.csp / X.go that is valid Go is copied to a temp dir as main.go, built
# with `go build` (so stderr is the program's own, not `go run`'s "exit status N")
# and run from the repository root with stdin from X.in (or /dev/null) and its
# `// args:`.
# Written beside the program:
#   X.out   stdout (removed when stdout is empty)
#   X.err   first stderr line, only when the exit status is nonzero
#   X.exit  exit status, only when it is neither 0 nor 2 (2 is implied by an
#           X.err starting with "panic:" or "fatal error:")
# Programs with a `// procs: 1,2` header (or under tests/conc/, which default to
# 1,2) run once per value with GOMAXPROCS=N; differing results are reported as
# NONDETERMINISTIC and nothing is written for them.
# Skipped (their expected files are hand-written): a `// skip-go` line in the
# first 5 lines, empty files, and binary files (NUL bytes or invalid UTF-8).
# Exit status 1 if any program failed to build or was nondeterministic.

set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = "--one" ]; then
    f=$(realpath --relative-to="$ROOT" "$2")
    full="$ROOT/$f"
    base="${full%.*}"
    stdin_file=/dev/null
    [ -f "$base.in" ] && stdin_file="$base.in"
    if head -n 5 "$full" | grep -Eq '^[[:space:]]*//[[:space:]]*skip-go'; then exit 0; fi
    if [ ! -s "$full" ]; then exit 0; fi
    if grep -qP '\x00' "$full" || ! iconv -f UTF-8 -t UTF-8 "$full" >/dev/null 2>&1; then exit 0; fi
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cp "$full" "$tmp/main.go"
    if ! (cd "$tmp" && GO111MODULE=off go build -o prog main.go) >"$tmp/build.log" 2>&1; then
        echo "BUILD FAILED: $f"
        sed 's/^/    /' "$tmp/build.log" | head -20
        exit 1
    fi
    hdr=$(head -n 10 "$full")
    args=$(printf '%s\n' "$hdr" | sed -n 's|^[[:space:]]*//[[:space:]]*args:[[:space:]]*||p' | head -1)
    tmo=$(printf '%s\n' "$hdr" | sed -n 's|^[[:space:]]*//[[:space:]]*timeout:[[:space:]]*||p' | head -1)
    procs=$(printf '%s\n' "$hdr" | sed -n 's|^[[:space:]]*//[[:space:]]*procs:[[:space:]]*||p' | head -1)
    if [ -z "$procs" ]; then
        case "$f" in tests/conc/*) procs="1,2" ;; *) procs="" ;; esac
    fi
    tmo=${tmo:-20}
    tmo=$((${tmo%.*} * 3))
    n=0
    for p in ${procs//,/ } default; do
        if [ "$p" = default ]; then
            [ -n "$procs" ] && break
            envs=()
        else
            envs=(GOMAXPROCS="$p")
        fi
        # shellcheck disable=SC2086
        (cd "$ROOT" && env "${envs[@]}" timeout "$tmo" "$tmp/prog" $args) \
            <"$stdin_file" >"$tmp/out.$n" 2>"$tmp/err.$n"
        echo $? >"$tmp/status.$n"
        head -n 1 "$tmp/err.$n" >"$tmp/err1.$n"
        if [ "$n" -gt 0 ]; then
            if ! cmp -s "$tmp/out.0" "$tmp/out.$n" || ! cmp -s "$tmp/status.0" "$tmp/status.$n" \
               || { [ "$(cat "$tmp/status.0")" != 0 ] && ! cmp -s "$tmp/err1.0" "$tmp/err1.$n"; }; then
                echo "NONDETERMINISTIC: $f (GOMAXPROCS=$p differs from the first run)"
                exit 1
            fi
        fi
        n=$((n + 1))
    done
    status=$(cat "$tmp/status.0")
    if [ "$status" = 124 ]; then
        echo "TIMEOUT: $f"
        exit 1
    fi
    if [ -s "$tmp/out.0" ]; then cp "$tmp/out.0" "$base.out"; else rm -f "$base.out"; fi
    if [ "$status" != 0 ] && [ -s "$tmp/err1.0" ]; then
        cp "$tmp/err1.0" "$base.err"
    else
        rm -f "$base.err"
    fi
    rm -f "$base.errprefix"
    if [ "$status" != 0 ] && [ "$status" != 2 ]; then
        echo "$status" >"$base.exit"
    elif [ "$status" = 2 ] && ! grep -Eq '^(panic:|fatal error:)' "$tmp/err1.0"; then
        echo "$status" >"$base.exit"
    else
        rm -f "$base.exit"
    fi
    exit 0
fi

cd "$ROOT" || exit 1
if ! go version >/dev/null 2>&1; then
    echo "regen.sh: go is not installed" >&2
    exit 1
fi
export GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/csp-regen-gocache}"
[ $# -eq 0 ] && set -- tests/lang tests/conc tests/errors examples
find "$@" -type f \( -name '*.csp' -o -name '*.go' \) | sort |
    xargs -P "$(nproc)" -I{} bash "$ROOT/tests/regen.sh" --one {} >"${TMPDIR:-/tmp}/regen.$$.log"
rc=0
if [ -s "${TMPDIR:-/tmp}/regen.$$.log" ]; then
    cat "${TMPDIR:-/tmp}/regen.$$.log"
    rc=1
fi
rm -f "${TMPDIR:-/tmp}/regen.$$.log"
echo "regen.sh: done ($(find "$@" -type f \( -name '*.csp' -o -name '*.go' \) | wc -l) programs)"
exit $rc
