#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 served to a browser) into a
# cache folder outside the repository, and the Debian packages the end-to-end
# tests need (Chromium to drive the workbench).
#
# 4.100.3 is the newest code-server release that runs on Node 20. Everything
# comes from the npm registry and Debian packages: install scripts that would
# download binaries are skipped, the native modules are built here with
# node-gyp against the local Node headers, and Debian's ripgrep replaces the
# downloaded one.
#
# The build is cached in ${LUNO_CACHE_DIR:-$HOME/.cache/luno-ai}/code-server-4.100.3/.
# A marker file written as the last step marks the build complete, so a run
# that stopped half way is redone from scratch. A lock file keeps two runs from
# building at the same time. When the cache is complete the script prints nothing.
set -euo pipefail

readonly VERSION=4.100.3
readonly DEBIAN_PACKAGES=(libkrb5-dev ripgrep chromium)
# Modules in lib/vscode/node_modules that contain a binding.gyp in code-server 4.100.3.
readonly NATIVE_MODULES=(@parcel/watcher @vscode/spdlog @vscode/deviceid kerberos native-watchdog node-pty)

readonly CACHE_ROOT="${LUNO_CACHE_DIR:-$HOME/.cache/luno-ai}"
readonly TARGET="$CACHE_ROOT/code-server-$VERSION"
readonly MARKER="$TARGET/.setup-complete"
readonly LOCK_FILE="$CACHE_ROOT/code-server-$VERSION.lock"
readonly LOG_FILE="$CACHE_ROOT/code-server-$VERSION.setup.log"
readonly LOCK_TIMEOUT_SECONDS=1800

say() {
  echo "setup-code-server: $*"
}

fail() {
  echo "setup-code-server: $*" >&2
  exit 1
}

# Runs one named step with its output appended to the log file. On failure it
# prints the step name, the exit status and the end of the log, then exits.
run_step() {
  local name=$1
  shift

  local started=$SECONDS
  say "$name ..."
  echo "=== $name: $*" >>"$LOG_FILE"

  local status=0
  "$@" >>"$LOG_FILE" 2>&1 || status=$?

  if [[ $status -ne 0 ]]; then
    echo "setup-code-server: step '$name' failed with exit status $status. Last lines of $LOG_FILE:" >&2
    tail -n 40 "$LOG_FILE" >&2
    fail "step '$name' failed; fix the cause above and run scripts/setup-code-server.sh again (it restarts the build)."
  fi

  say "$name done in $((SECONDS - started))s"
}

missing_debian_packages() {
  local package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$package"
    fi
  done
}

install_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return
  fi

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
      fail "Debian packages missing: ${missing[*]}. Install them as root (apt-get install ${missing[*]}) and run this script again."
    fi
    sudo=(sudo)
  fi

  mkdir -p "$CACHE_ROOT"
  run_step "apt-get update" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update
  run_step "apt-get install ${missing[*]}" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
}

# Prints the folder that contains include/node/node.h for the running Node, so
# node-gyp builds against local headers instead of downloading them.
node_headers_dir() {
  local configured
  configured=$(npm config get nodedir 2>/dev/null || true)
  if [[ -n $configured && $configured != undefined && -f $configured/include/node/node.h ]]; then
    echo "$configured"
    return
  fi

  local prefix
  prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  if [[ -f $prefix/include/node/node.h ]]; then
    echo "$prefix"
    return
  fi

  fail "Node headers not found (looked for include/node/node.h under '$configured' and '$prefix'). Install the Node development headers or set 'npm config set nodedir <folder>'."
}

# Prints the node-gyp script that ships inside npm, so no copy is downloaded.
node_gyp_script() {
  local npm_root
  npm_root=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  local script="$npm_root/node_modules/node-gyp/bin/node-gyp.js"
  if [[ ! -f $script ]]; then
    fail "node-gyp not found at $script (it ships with npm). Reinstall npm or install node-gyp globally."
  fi
  echo "$script"
}

npm_install_production() {
  (cd "$1" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
}

build_native_module() {
  local module_dir=$1
  local headers_dir=$2
  local gyp_script=$3
  (cd "$module_dir" && node "$gyp_script" rebuild --release --jobs=max --nodedir="$headers_dir")
}

# Makes the links that code-server's own postinstall script would make.
# run_step calls functions in a context where `set -e` is off, so each
# command is chained with && to return the first failure.
make_links() {
  local vscode_dir=$1
  ln -sfn node_modules "$vscode_dir/node_modules.asar" &&
    ln -sfn code-linux.sh "$vscode_dir/bin/remote-cli/code-server" &&
    ln -sfn browser-linux.sh "$vscode_dir/bin/helpers/browser.sh"
}

copy_ripgrep() {
  local rg_dir=$1/node_modules/@vscode/ripgrep/bin
  mkdir -p "$rg_dir" && cp /usr/bin/rg "$rg_dir/rg"
}

fetch_package() {
  (cd "$TARGET" && npm pack "code-server@$VERSION" --loglevel=error >/dev/null && tar -xzf "code-server-$VERSION.tgz" && rm "code-server-$VERSION.tgz")
}

# Runs `code-server --version` with its config and data folders inside the
# cache, so it writes no default config into the home folder.
check_entry_point() {
  local scratch="$TARGET/version-check"
  mkdir -p "$scratch"

  local reported status=0
  reported=$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" node "$TARGET/package/out/node/entry.js" --version) || status=$?
  rm -rf "$scratch"
  echo "$reported"

  [[ $status -eq 0 ]] && grep -q "^$VERSION " <<<"$reported"
}

build_code_server() {
  local started=$SECONDS
  say "building code-server $VERSION in $TARGET (about 5 minutes, log: $LOG_FILE)"

  rm -rf "$TARGET"
  mkdir -p "$TARGET"

  local headers_dir gyp_script
  headers_dir=$(node_headers_dir)
  gyp_script=$(node_gyp_script)

  local package_dir="$TARGET/package"
  local vscode_dir="$package_dir/lib/vscode"

  run_step "npm pack code-server@$VERSION" fetch_package
  run_step "npm install in package/" npm_install_production "$package_dir"
  run_step "npm rebuild argon2" bash -c "cd '$package_dir' && npm rebuild argon2 --loglevel=error"
  run_step "npm install in lib/vscode/" npm_install_production "$vscode_dir"

  local module
  for module in "${NATIVE_MODULES[@]}"; do
    run_step "node-gyp rebuild $module" build_native_module "$vscode_dir/node_modules/$module" "$headers_dir" "$gyp_script"
  done

  run_step "copy /usr/bin/rg into @vscode/ripgrep" copy_ripgrep "$vscode_dir"
  run_step "link node_modules.asar, code-server and browser.sh" make_links "$vscode_dir"
  run_step "npm install in lib/vscode/extensions/" npm_install_production "$vscode_dir/extensions"
  run_step "check code-server --version" check_entry_point

  date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
  say "code-server $VERSION is ready in $TARGET (built in $((SECONDS - started))s)"
}

main() {
  install_debian_packages

  if [[ -f $MARKER ]]; then
    return
  fi

  mkdir -p "$CACHE_ROOT"
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    say "another run is building code-server; waiting for it (up to ${LOCK_TIMEOUT_SECONDS}s)"
    flock -w "$LOCK_TIMEOUT_SECONDS" 9 || fail "timed out after ${LOCK_TIMEOUT_SECONDS}s waiting for the lock $LOCK_FILE held by another run. If no run is active, delete the lock file and try again."
  fi

  # The run that held the lock may have finished the build.
  if [[ -f $MARKER ]]; then
    return
  fi

  : >"$LOG_FILE"
  build_code_server
}

main "$@"
