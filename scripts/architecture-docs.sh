#!/usr/bin/env bash
# Writes the module diagrams (docs/architecture/generated/*.puml) from the code, with Spring Modulith's Documenter.
# The architecture test fails when they are out of date; run this after adding a module or a dependency between two.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
source "$root/scripts/java-home.sh"
cd "$root"
mvn -B -q verify -pl countersign-server -am -Dit.test=ArchitectureIT -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dcountersign.architecture.write=true
ls docs/architecture/generated
