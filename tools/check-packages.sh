#!/usr/bin/env bash
# Checks the two NuGet packages the way a user meets them (issue 11 part 5):
#  1. packs LatentSharp (library) and latent (dotnet tool, linux-x64 only, to keep the time down)
#     into a temporary local feed, with a version of their own so no cached copy is used;
#  2. installs the tool with `dotnet tool install --tool-path` from that feed (dependencies come
#     from the configured NuGet source) and runs `latent models` and a one-epoch training with it;
#  3. makes a scratch console project outside this repository (so none of its build files apply),
#     references the LatentSharp package, puts in the README's library example (taken from
#     README.md, so the two cannot drift), builds and runs it.
# On Debian 12 / Ubuntu 22.04 both only work if the TorchSharp native-library fix travels inside
# the packages (build/LatentSharp.targets): nothing here patches anything by hand.
# Usage: tools/check-packages.sh   (from anywhere; about 6-7 minutes on a 2-core machine)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/latent-packages.XXXXXX)
VERSION="0.1.0-check.$(date +%s)"
PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$WORK" "$PACKAGES/latentsharp/$VERSION" "$PACKAGES/latent/$VERSION" "$PACKAGES/latent.linux-x64/$VERSION"
}
trap cleanup EXIT
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }
fail() { echo "check-packages: $*" >&2; exit 1; }

step "pack LatentSharp and latent $VERSION"
dotnet pack "$ROOT/src/LatentSharp/LatentSharp.csproj" -c Release -o "$WORK/feed" \
  -p:PackageVersion="$VERSION" --nologo -v:q
dotnet pack "$ROOT/src/LatentSharp.Cli/LatentSharp.Cli.csproj" -c Release -o "$WORK/feed" \
  -p:PackageVersion="$VERSION" -p:ToolPackageRuntimeIdentifiers=linux-x64 --nologo -v:q
ls -l "$WORK/feed"
# The listing is read whole first: `unzip | grep -q` fails under pipefail when grep stops reading early.
CONTENTS=$(unzip -l "$WORK/feed/LatentSharp.$VERSION.nupkg")
for entry in lib/net10.0/LatentSharp.dll lib/net10.0/LatentSharp.xml README.md \
             buildTransitive/LatentSharp.targets buildTransitive/TorchSharpNativeFix.targets buildTransitive/WeakenMissingGlibcxxVersion.cs; do
  grep -qE " $entry\$" <<<"$CONTENTS" || fail "the library package lacks $entry"
done
# Every package declares the licence as an SPDX expression (Directory.Build.props), the LICENSE file's MIT.
for package in "$WORK"/feed/*.nupkg; do
  NUSPEC=$(unzip -p "$package" '*.nuspec')
  grep -q '<license type="expression">MIT</license>' <<<"$NUSPEC" || fail "$(basename "$package") does not declare the MIT licence"
done

step "install the tool"
dotnet tool install --tool-path "$WORK/tools" --add-source "$WORK/feed" --version "$VERSION" latent
LATENT="$WORK/tools/latent"
MODELS=$("$LATENT" models)
grep -q '^autoencoder ' <<<"$MODELS" || fail "'latent models' does not list autoencoder"
step "one epoch with the installed tool"
"$LATENT" train autoencoder --epochs 1 --out "$WORK/run" | tee "$WORK/train.log"
[ -s "$WORK/run/model.safetensors" ] || fail "the installed tool wrote no model.safetensors"
# TorchSharp copies its unpatched libraries into cpu/ beside the program only when the first load failed.
if [ -n "$(find "$WORK/tools/.store" -type d -name cpu)" ]; then fail "the installed tool's first native load failed (cpu/ folder)"; fi

step "a console project referencing the LatentSharp package"
APP="$WORK/app"
mkdir -p "$APP"
cat > "$APP/App.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LatentSharp" Version="$VERSION" />
  </ItemGroup>
</Project>
EOF
# The local feed is added to the sources already configured for this user (no <clear/>).
cat > "$APP/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="latent-check" value="$WORK/feed" />
  </packageSources>
</configuration>
EOF
# The C# blocks of README's "## The library" section, with their using directives moved to the top.
awk '/^## The library/{on=1; next} /^## /{on=0} on && /^```csharp/{code=1; next} code && /^```/{code=0; next} code' \
  "$ROOT/README.md" > "$WORK/example.cs"
[ -s "$WORK/example.cs" ] || fail "no C# example found under '## The library' in README.md"
{ grep -E '^using (static )?[A-Za-z0-9_.]+;$' "$WORK/example.cs"; grep -vE '^using (static )?[A-Za-z0-9_.]+;$' "$WORK/example.cs"; } > "$APP/Program.cs"
cat "$APP/Program.cs"
(cd "$APP" && dotnet build -c Release --nologo -v:m -p:TreatWarningsAsErrors=true 2>&1 | tee "$WORK/app-build.log" | tail -5)
grep -q 'Build succeeded' "$WORK/app-build.log" || fail "the console project did not build"
step "run the README example"
(cd "$APP" && dotnet bin/Release/net10.0/App.dll | tee "$WORK/app.log")
grep -q 'knn.accuracy' "$WORK/app.log" || fail "the README example printed no knn.accuracy"
[ -s "$APP/runs/demo/model.safetensors" ] || fail "the README example wrote no runs/demo/model.safetensors"
[ ! -d "$APP/bin/Release/net10.0/cpu" ] || fail "the console project's first native load failed (cpu/ folder)"

step "packages OK"
