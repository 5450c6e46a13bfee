# shellcheck shell=sh
# Finds a JDK 21 or newer for calsync. Source this file, then call calsync_find_jdk:
#
#   . bin/find-jdk.sh && calsync_find_jdk || exit 1
#
# It keeps $JAVA_HOME when that is a JDK >= 21; else takes the `java` on PATH when it is >= 21;
# else the newest JDK >= 21 under /usr/lib/jvm (Linux) or /Library/Java/JavaVirtualMachines
# (macOS). It exports JAVA_HOME and sets JAVA to its java. If there is none, it says what it found
# and returns 1. POSIX sh: mvnw sources it under `set -euf` (no globbing), so it switches globbing
# on only while it scans, and leaves the caller's shell options as they were.

CALSYNC_MIN_JAVA=21

# Sets _cj_major to the major Java version of the JDK home $1, read from its release file (no
# JVM start, no subshell), else by asking its java. Fails when $1 is no JDK (a JRE has no javac,
# and Maven needs one).
calsync_java_major() {
  _cj_major=
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _cj_v=
  if [ -r "$1/release" ]; then
    while IFS= read -r _cj_line || [ -n "$_cj_line" ]; do
      case $_cj_line in
        JAVA_VERSION=*) _cj_v=${_cj_line#JAVA_VERSION=}; _cj_v=${_cj_v#\"}; _cj_v=${_cj_v%%\"*}; break ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$_cj_v" ]; then
    _cj_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case $_cj_v in 1.*) _cj_v=${_cj_v#1.} ;; esac
  _cj_v=${_cj_v%%[!0-9]*}
  [ -n "$_cj_v" ] || return 1
  _cj_major=$_cj_v
}

# The home of the `java` on PATH: where its symlinks lead when that is a JDK with a release file
# (no JVM start), else what that java reports (macOS's /usr/bin/java is a stub, for instance).
calsync_path_java_home() {
  _cj_java=$(command -v java 2>/dev/null) || return 1
  _cj_real=$(readlink -f "$_cj_java" 2>/dev/null) || _cj_real=
  _cj_real=${_cj_real%/bin/java}
  if [ -n "$_cj_real" ] && [ -r "$_cj_real/release" ]; then
    printf '%s\n' "$_cj_real"
    return 0
  fi
  "$_cj_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1
}

calsync_find_jdk() {
  _cj_found=
  # 1. $JAVA_HOME
  if [ -n "${JAVA_HOME:-}" ]; then
    calsync_java_major "$JAVA_HOME" || :
    if [ -n "$_cj_major" ] && [ "$_cj_major" -ge "$CALSYNC_MIN_JAVA" ]; then
      calsync_use_jdk "$JAVA_HOME"
      return 0
    fi
    _cj_found="$_cj_found JAVA_HOME=$JAVA_HOME (${_cj_major:-not a JDK});"
  fi
  # 2. java on PATH
  _cj_home=$(calsync_path_java_home) || _cj_home=
  if [ -n "$_cj_home" ]; then
    calsync_java_major "$_cj_home" || :
    if [ -n "$_cj_major" ] && [ "$_cj_major" -ge "$CALSYNC_MIN_JAVA" ]; then
      calsync_use_jdk "$_cj_home"
      return 0
    fi
    _cj_found="$_cj_found java on PATH at $_cj_home (${_cj_major:-not a JDK});"
  fi
  # 3. the newest JDK >= 21 in the usual places
  _cj_best=
  _cj_best_major=0
  _cj_candidates=
  if [ "$(uname -s 2>/dev/null)" = Darwin ] && [ -x /usr/libexec/java_home ]; then
    _cj_candidates=$(/usr/libexec/java_home -v "$CALSYNC_MIN_JAVA+" 2>/dev/null) || _cj_candidates=
  fi
  case $- in *f*) _cj_noglob=1; set +f ;; *) _cj_noglob= ;; esac
  for _cj_dir in $_cj_candidates /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_cj_dir" ] || continue
    calsync_java_major "$_cj_dir" || continue
    if [ "$_cj_major" -ge "$CALSYNC_MIN_JAVA" ] && [ "$_cj_major" -gt "$_cj_best_major" ]; then
      _cj_best=$_cj_dir
      _cj_best_major=$_cj_major
    elif [ "$_cj_major" -lt "$CALSYNC_MIN_JAVA" ]; then
      _cj_found="$_cj_found $_cj_dir ($_cj_major);"
    fi
  done
  [ -z "$_cj_noglob" ] || set -f
  if [ -n "$_cj_best" ]; then
    calsync_use_jdk "$_cj_best"
    return 0
  fi
  echo "calsync needs a JDK $CALSYNC_MIN_JAVA or newer; found:${_cj_found:- no JDK at all}" >&2
  echo "Install one (e.g. Temurin from adoptium.net, or your system's openjdk-21-jdk) and set JAVA_HOME to it." >&2
  return 1
}

calsync_use_jdk() {
  JAVA_HOME=$1
  JAVA=$1/bin/java
  export JAVA_HOME
}
