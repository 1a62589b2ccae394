# Shared by scripts/demo and scripts/test: paths, PATH and the static build.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

step() {
    printf '\n==> %s\n' "$*"
}

# The vigil binary that goes into lab guests and the package: one static file, no shared
# libraries. The Makefile's build target holds the flags; .build is shared with `swift build`.
build_static_vigil() {
    step "building the static vigil binary for the lab guests"
    make --no-print-directory build SCRATCH=.build
    static_vigil="$repo_root/.build/release/vigil"
    ls -l "$static_vigil"
}

build_lab_harness() {
    step "building the lab harness"
    swift build --product vigil-lab
    vigil_lab="$repo_root/.build/debug/vigil-lab"
}
