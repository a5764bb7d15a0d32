#!/usr/bin/env bash
# Runs the whole TemKit test suite (the README's test command).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test TemKit.slnx -c Release --nologo "$@"
