#!/usr/bin/env bash
# Builds lnd, lncli and btcd for the regtest harness from the Go module proxy
# (no Docker and no release downloads are possible on our machines).
#
# Binaries go to a cache outside git:
#   ${LN_BIN_CACHE:-$HOME/.cache/paywall-ln}/bin/lnd-<version>/{lnd,lncli}
#   ${LN_BIN_CACHE:-$HOME/.cache/paywall-ln}/bin/btcd-<version>/btcd
# plus a folder of symlinks to all three, printed as the last line:
#   LN_BIN_DIR=/abs/path
# A build is skipped when its stamp file matches, so repeat runs take well under a second.
#
# Versions are pinned rather than discovered, because:
#  - `go list -m -versions github.com/lightningnetwork/lnd` is useless here: lnd tags are
#    pre-releases (v0.20.x-beta) and the proxy's version list only shows v0.18.3-beta.rc3;
#  - v0.20.3-beta and v0.20.4-beta exist on the proxy but are missing from the checksum
#    database (sum.golang.org, reached through the proxy), so `go` refuses them. v0.20.2-beta
#    is the newest v0.20 tag that verifies. We do not turn checksum checks off.
# Override with LND_VERSION=... / BTCD_VERSION=... (e.g. once a newer tag verifies).
set -euo pipefail

LND_VERSION="${LND_VERSION:-v0.20.2-beta}"
BTCD_VERSION="${BTCD_VERSION:-v0.26.2}"
# routerrpc is always compiled in; listing it is harmless and documents the intent.
LND_TAGS="signrpc walletrpc chainrpc invoicesrpc peersrpc routerrpc"

CACHE="${LN_BIN_CACHE:-$HOME/.cache/paywall-ln}"
BIN="$CACHE/bin"
GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
[ -x "$GO" ] || { echo "build-binaries: no Go toolchain found (set GO=/path/to/go)" >&2; exit 1; }

LND_DIR="$BIN/lnd-$LND_VERSION"
BTCD_DIR="$BIN/btcd-$BTCD_VERSION"
LINK_DIR="$BIN/regtest-lnd-$LND_VERSION-btcd-$BTCD_VERSION"

mkdir -p "$BIN"

# Two callers (say, parallel test jobs) must not build into the same folder at once.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/build.lock"
  flock 9
fi

log() { echo "build-binaries: $*" >&2; }

# A folder is up to date when its stamp records the same module, version and tags.
stamp_ok() { # dir expected-stamp binaries...
  local dir=$1 want=$2; shift 2
  [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$want" ] || return 1
  local b
  for b in "$@"; do [ -x "$dir/$b" ] || return 1; done
}

# Folders to delete on exit, whether the build worked or not (set -e may stop us anywhere).
TMP_DIRS=()
trap 'rm -rf "${TMP_DIRS[@]}"' EXIT

# Builds packages of module@version inside a throwaway wrapper module.
# `go install pkg@version` rejects modules whose go.mod has replace directives (lnd's has),
# so the wrapper starts from a copy of the module's own go.mod and go.sum: same requirements,
# same replaces, and dependency checksums that need no extra lookups.
build_module() { # module version outdir tags ldflags pkg=name...
  local mod=$1 ver=$2 out=$3 tags=$4 ldflags=$5; shift 5
  local work json gomod srcdir spec
  work=$(mktemp -d "${TMPDIR:-/tmp}/paywall-ln-build.XXXXXX")
  TMP_DIRS+=("$work")

  log "downloading $mod@$ver"
  json=$("$GO" mod download -json "$mod@$ver") || { printf '%s\n' "$json" >&2; return 1; }
  # -json prints one field per line, e.g.  "GoMod": "/root/go/pkg/mod/cache/.../v1.mod",
  gomod=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
  srcdir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ -n "$gomod" ] && [ -n "$srcdir" ] || { log "could not download $mod@$ver"; return 1; }

  # Replaces pointing at local folders (=> ./x) only make sense inside the module: anchor them.
  sed -E "s#=> (\.\.?/)#=> $srcdir/\1#" "$gomod" >"$work/go.mod"
  if [ -f "$srcdir/go.sum" ]; then cp "$srcdir/go.sum" "$work/go.sum" && chmod u+w "$work/go.sum"; fi
  (cd "$work" && "$GO" mod edit -module=paywall-ln-build -require="$mod@$ver")
  for spec in "$@"; do
    log "building ${spec#*=} (${spec%=*})"
    # -mod=mod lets go add the go.sum lines the wrapper is still missing (the module itself).
    (cd "$work" && "$GO" build -mod=mod -trimpath -tags "$tags" -ldflags "$ldflags" \
      -o "$out/${spec#*=}" "${spec%=*}")
  done
}

# Builds into a temporary folder and renames it into place, so an interrupted build never
# leaves a folder that looks complete. The stamp is written last for the same reason.
build_into() { # final-dir stamp module version tags ldflags pkg=name...
  local final=$1 stamp=$2 mod=$3 ver=$4 tags=$5 ldflags=$6; shift 6
  local tmp="$final.tmp.$$" started=$SECONDS
  rm -rf "$tmp"; mkdir -p "$tmp"; TMP_DIRS+=("$tmp")
  build_module "$mod" "$ver" "$tmp" "$tags" "$ldflags" "$@"
  echo "$stamp" >"$tmp/.stamp"
  rm -rf "$final"; mv "$tmp" "$final"
  log "$mod $ver built in $((SECONDS - started))s"
}

LND_PKG=github.com/lightningnetwork/lnd
lnd_stamp="$LND_PKG $LND_VERSION tags=$LND_TAGS ldflags=2"
if stamp_ok "$LND_DIR" "$lnd_stamp" lnd lncli; then
  log "lnd $LND_VERSION already built"
else
  # The ldflags lnd's Makefile sets, so `lnd --version` and the version RPC report the tag
  # and build tags (client libraries read the tags to detect optional RPCs).
  # CommitHash must be hex or lnd refuses to start. The proxy knows the tag's commit for most
  # versions (not all): client libraries map it to a version name (the `lightning` package's
  # getWalletVersion), so set it when known.
  commit=$("$GO" mod download -json "$LND_PKG@$LND_VERSION" | sed -n 's/^[[:space:]]*"Hash": "\([0-9a-f]\{40\}\)",\{0,1\}$/\1/p')
  ldflags="-s -w -X $LND_PKG/build.Commit=$LND_VERSION"
  if [ -n "$commit" ]; then ldflags+=" -X $LND_PKG/build.CommitHash=$commit"; fi
  ldflags+=" -X $LND_PKG/build.RawTags=${LND_TAGS// /,} -X $LND_PKG/build.GoVersion=$("$GO" env GOVERSION)"
  build_into "$LND_DIR" "$lnd_stamp" "$LND_PKG" "$LND_VERSION" "$LND_TAGS" "$ldflags" \
    "$LND_PKG/cmd/lnd=lnd" "$LND_PKG/cmd/lncli=lncli"
fi

BTCD_PKG=github.com/btcsuite/btcd
btcd_stamp="$BTCD_PKG $BTCD_VERSION"
if stamp_ok "$BTCD_DIR" "$btcd_stamp" btcd; then
  log "btcd $BTCD_VERSION already built"
else
  # btcd's go.mod has no replaces today, but the wrapper costs nothing and keeps one code path.
  build_into "$BTCD_DIR" "$btcd_stamp" "$BTCD_PKG" "$BTCD_VERSION" "" "-s -w" "$BTCD_PKG=btcd"
fi

# One folder with all three names, so callers need a single path.
mkdir -p "$LINK_DIR"
ln -sfn "$LND_DIR/lnd" "$LINK_DIR/lnd"
ln -sfn "$LND_DIR/lncli" "$LINK_DIR/lncli"
ln -sfn "$BTCD_DIR/btcd" "$LINK_DIR/btcd"

log "$("$LINK_DIR/lnd" --version)"
log "$("$LINK_DIR/lncli" --version)"
log "btcd $("$LINK_DIR/btcd" --version 2>&1 | head -n1)"
echo "LND_VERSION=$LND_VERSION"
echo "BTCD_VERSION=$BTCD_VERSION"
echo "LN_BIN_DIR=$LINK_DIR"
