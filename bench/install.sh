# Sourced by the benchmark scripts: installs atelier the way users do (the README's install section) and sets
#   ATELIER      the installed tool: the native executables on linux-x64
#   ATELIER_JIT  the framework-dependent fallback other platforms get (package Atelier.Cli.any), for comparison
# install_atelier WORKDIR packs from this checkout into WORKDIR, unless ATELIER_PACKAGES names a folder that already
# holds the packages (pack once, then run several benchmarks: ATELIER_PACKAGES=/var/tmp/atelier-packages).
install_atelier() {
    local work=$1 repo packages
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    packages=${ATELIER_PACKAGES:-$work/packages}
    if ! compgen -G "$packages/Atelier.Cli.linux-x64.*.nupkg" >/dev/null; then
        mkdir -p "$packages"
        dotnet pack "$repo/src/Atelier.Cli" -c Release -o "$packages" -v quiet -nologo >/dev/null
        for rid in linux-x64 any; do
            dotnet pack "$repo/src/Atelier.Cli" -c Release -r "$rid" -o "$packages" -v quiet -nologo >/dev/null
        done
    fi
    rm -rf "$work/tool" "$work/any"
    dotnet tool install --tool-path "$work/tool" --add-source "$packages" Atelier.Cli >/dev/null
    dotnet tool install --tool-path "$work/any" --add-source "$packages" Atelier.Cli.any >/dev/null
    ATELIER="$work/tool/atelier"
    ATELIER_JIT="$work/any/atelier"
    echo "atelier: $(readlink -f "$ATELIER") ($("$ATELIER" --version))" >&2
}
