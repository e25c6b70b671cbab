# shellcheck shell=bash
# Sourced by ./countersign, ./run-tests and the other scripts: selects a JDK >= 21 and exports JAVA_HOME and PATH.
# Prefers $JAVA_HOME when it is one (a deliberate choice wins), else the newest JDK under /usr/lib/jvm, because the
# machine's default `java` may be older (17 here). Exits 3 with what to install when there is none.

COUNTERSIGN_MIN_JAVA=21

# The major version of the JDK at $1 (e.g. 25), or nothing when it is not a JDK with javac.
countersign_jdk_major() {
    local home=$1 version=""
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
    if [[ -f "$home/release" ]]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [[ -z $version ]]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}            # 1.8.0_412 -> 8.0_412
    version=${version%%[^0-9]*}      # 25.0.3 -> 25, 21-ea -> 21
    [[ -n $version ]] && echo "$version"
    return 0
}

countersign_select_jdk() {
    local major best_home="" best_major=0 home
    if [[ -n ${JAVA_HOME:-} ]]; then
        major=$(countersign_jdk_major "$JAVA_HOME")
        if [[ -n $major && $major -ge $COUNTERSIGN_MIN_JAVA ]]; then
            echo "$JAVA_HOME $major"
            return 0
        fi
        echo "countersign: JAVA_HOME=$JAVA_HOME is not a JDK $COUNTERSIGN_MIN_JAVA or newer; looking under /usr/lib/jvm" >&2
    fi
    for home in /usr/lib/jvm/*/; do
        home=${home%/}
        [[ -d $home ]] || continue
        major=$(countersign_jdk_major "$home")
        if [[ -n $major && $major -gt $best_major ]]; then
            best_major=$major
            best_home=$home
        fi
    done
    if [[ -n $best_home && $best_major -ge $COUNTERSIGN_MIN_JAVA ]]; then
        echo "$best_home $best_major"
    fi
}

countersign_jdk=$(countersign_select_jdk)
if [[ -z $countersign_jdk ]]; then
    cat >&2 <<MESSAGE
countersign: Countersign needs a JDK $COUNTERSIGN_MIN_JAVA or newer (with javac), and none was found.
  Install Temurin $COUNTERSIGN_MIN_JAVA+ (https://adoptium.net) or Debian's openjdk-$COUNTERSIGN_MIN_JAVA-jdk
  (sudo apt-get install openjdk-$COUNTERSIGN_MIN_JAVA-jdk), or set JAVA_HOME to such a JDK.
MESSAGE
    exit 3
fi
export JAVA_HOME=${countersign_jdk% *}
export PATH="$JAVA_HOME/bin:$PATH"

# JDK 24+ warns about Maven's (Guava's) use of sun.misc.Unsafe; allowing it silences the warning. Older JDKs
# do not know the flag and would refuse to start Maven with it.
if [[ ${countersign_jdk#* } -ge 24 && " ${MAVEN_OPTS:-} " != *" --sun-misc-unsafe-memory-access=allow "* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
unset countersign_jdk
