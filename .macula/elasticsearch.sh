# shellcheck shell=bash
# Elasticsearch provisioning for ./macula, sourced by it (not run on its own): resolve the
# distribution zip with Maven (or MACULA_ES_ZIP), unpack it once, start a single-node cluster as an
# unprivileged user, reuse a node that already answers, and stop the node it started when the
# launcher exits (es_on_exit). The MACULA_ES_* variables are described in the header of ./macula.
# Uses the launcher's helpers: log, die, http_get, json_field, port_open, is_jdk21, require_mvn,
# and its JAVA_HOME and PREFERRED_JDK.

readonly ES_VERSION=9.2.8
readonly ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
readonly DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

ES_STOP_ON_EXIT=0 # 1 while a node we started must be stopped when the script ends
ES_CLI_PID=
ES_LOCK_FD=

es_paths() {
  ES_PORT=${MACULA_ES_PORT:-9200}
  [[ $ES_PORT =~ ^[0-9]+$ ]] || die "MACULA_ES_PORT must be a port number, not '$ES_PORT'"
  if ((EUID == 0)); then
    ES_BASE=${MACULA_ES_HOME:-/var/tmp/macula-es-$ES_VERSION}
    ES_USER=${MACULA_ES_USER:-macula}
    [[ $ES_USER != root ]] || die "Elasticsearch refuses to run as root; set MACULA_ES_USER to another user"
  else
    ES_BASE=${MACULA_ES_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/macula/es-$ES_VERSION}
    ES_USER=
  fi
  ES_DIST=$ES_BASE/elasticsearch-$ES_VERSION
  ES_NODE=$ES_BASE/node-$ES_PORT
  ES_PIDFILE=$ES_NODE/es.pid
  ES_CONSOLE_LOG=$ES_NODE/logs/console.log
  ES_LOCAL_URL=http://127.0.0.1:$ES_PORT
}

es_java_home() {
  if is_jdk21 "${ES_JAVA_HOME:-}"; then
    printf '%s' "$ES_JAVA_HOME"
  elif is_jdk21 "$PREFERRED_JDK"; then
    printf '%s' "$PREFERRED_JDK"
  else
    printf '%s' "$JAVA_HOME"
  fi
}

# Succeeds when pid $1 is alive (and not a zombie).
pid_running() {
  kill -0 "$1" 2>/dev/null || return 1
  if [[ -r /proc/$1/stat ]]; then
    local stat
    stat=$(<"/proc/$1/stat") || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]] || return 1
  fi
}

# Prints the pid of the live node recorded in our pidfile; fails if there is none.
es_pidfile_pid() {
  local pid
  [[ -r $ES_PIDFILE ]] || return 1
  pid=$(tr -dc '0-9' <"$ES_PIDFILE")
  [[ -n $pid ]] && pid_running "$pid" || return 1
  if [[ -r /proc/$pid/cmdline ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q elasticsearch; then
    return 1
  fi
  printf '%s' "$pid"
}

es_healthy() { # es_healthy URL -> succeeds on status yellow/green
  local body status
  body=$(http_get "${1%/}/_cluster/health" 3) || return 1
  status=$(json_field status "$body")
  [[ $status == green || $status == yellow ]]
}

es_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec {ES_LOCK_FD}>>"$ES_BASE/.lock"
  if ! flock -n "$ES_LOCK_FD"; then
    log "Elasticsearch $ES_VERSION: waiting for another macula launcher ($ES_BASE/.lock)..."
    flock -w 900 "$ES_LOCK_FD" || die "timed out waiting for $ES_BASE/.lock"
  fi
}

es_unlock() {
  [[ -n $ES_LOCK_FD ]] || return 0
  flock -u "$ES_LOCK_FD" 2>/dev/null || true
  exec {ES_LOCK_FD}>&-
  ES_LOCK_FD=
}

ensure_es_user() {
  [[ -n $ES_USER ]] || return 0
  id -u "$ES_USER" >/dev/null 2>&1 && return 0
  log "Elasticsearch $ES_VERSION: creating system user '$ES_USER' (Elasticsearch refuses to run as root)"
  if command -v useradd >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  elif command -v adduser >/dev/null 2>&1; then
    adduser -S -D -H -h /nonexistent -s /sbin/nologin "$ES_USER"
  else
    die "cannot create user '$ES_USER' (no useradd/adduser); create it or set MACULA_ES_USER"
  fi
}

# Prefix that runs a command as the Elasticsearch user (empty when not root).
es_runas() {
  ES_RUNAS=()
  [[ -n $ES_USER ]] || return 0
  if command -v runuser >/dev/null 2>&1; then
    ES_RUNAS=(runuser -u "$ES_USER" --)
  elif command -v setpriv >/dev/null 2>&1; then
    ES_RUNAS=(setpriv "--reuid=$(id -u "$ES_USER")" "--regid=$(id -g "$ES_USER")" --init-groups --)
  else
    die "need runuser or setpriv to run Elasticsearch as '$ES_USER'"
  fi
}

# Finds the distribution zip (MACULA_ES_ZIP, local Maven repo, or Maven resolution into $1).
es_find_zip() {
  local dl=$1 m2zip
  if [[ -n ${MACULA_ES_ZIP:-} ]]; then
    [[ -r $MACULA_ES_ZIP ]] || die "MACULA_ES_ZIP=$MACULA_ES_ZIP is not readable"
    printf '%s' "$MACULA_ES_ZIP"
    return
  fi
  m2zip=$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip
  if [[ -s $m2zip ]]; then
    printf '%s' "$m2zip"
    return
  fi
  require_mvn
  log "Elasticsearch $ES_VERSION: resolving $ES_ARTIFACT with Maven (~100 MB)..."
  rm -rf "$dl"
  mkdir -p "$dl"
  # Run outside the reactor so that no project pom is involved; show Maven's
  # output only when it fails.
  if ! (cd "$dl" && mvn -B -q "$DEPENDENCY_PLUGIN:copy" "-Dartifact=$ES_ARTIFACT" "-DoutputDirectory=$dl" </dev/null >"$dl.log" 2>&1); then
    cat "$dl.log" >&2
    die "could not resolve $ES_ARTIFACT with Maven"
  fi
  rm -f "$dl.log"
  [[ -s $dl/elasticsearch-$ES_VERSION.zip ]] || die "Maven did not produce $dl/elasticsearch-$ES_VERSION.zip"
  printf '%s' "$dl/elasticsearch-$ES_VERSION.zip"
}

es_unzip() { # es_unzip ZIP DIR
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$1" -d "$2"
  else
    (cd "$2" && "$JAVA_HOME/bin/jar" xf "$1")
    chmod -R u+rwX,go+rX "$2"
    chmod +x "$2/elasticsearch-$ES_VERSION"/bin/*
  fi
}

# Unpacks the distribution into $ES_DIST once.
es_provision() {
  [[ -f $ES_DIST/.macula-unpacked ]] && return 0
  local t0=$SECONDS zip stage=$ES_BASE/.unpack dl=$ES_BASE/.download
  log "Elasticsearch $ES_VERSION: provisioning into $ES_DIST..."
  zip=$(es_find_zip "$dl")
  rm -rf "$stage"
  mkdir -p "$stage"
  es_unzip "$zip" "$stage" || die "could not unpack $zip (corrupt download? delete it and retry)"
  [[ -x $stage/elasticsearch-$ES_VERSION/bin/elasticsearch ]] || die "$zip does not contain elasticsearch-$ES_VERSION/bin/elasticsearch"
  rm -rf "$ES_DIST"
  mv "$stage/elasticsearch-$ES_VERSION" "$ES_DIST"
  rm -rf "$stage" "$dl"
  : >"$ES_DIST/.macula-unpacked"
  if [[ -n $ES_USER ]]; then chown -R "$ES_USER:" "$ES_DIST"; fi
  log "Elasticsearch $ES_VERSION: provisioned in $((SECONDS - t0)) s"
}

es_prepare_dirs() {
  if ((EUID == 0)); then
    mkdir -p "$ES_BASE"
    local owner
    owner=$(stat -L -c %U "$ES_BASE")
    [[ $owner == root || $owner == "$ES_USER" ]] ||
      die "$ES_BASE is owned by '$owner'; refusing to use it (set MACULA_ES_HOME)"
    # The base stays root's; the node user must only be able to traverse it.
    chmod go+rx "$ES_BASE"
  else
    mkdir -p "$ES_BASE"
  fi
}

es_prepare_node() {
  mkdir -p "$ES_NODE/data" "$ES_NODE/logs" "$ES_NODE/tmp"
  if [[ ${MACULA_ES_FRESH:-0} == 1 ]]; then
    log "Elasticsearch $ES_VERSION: MACULA_ES_FRESH=1, wiping $ES_NODE/data"
    rm -rf "$ES_NODE/data"
    mkdir -p "$ES_NODE/data"
  fi
  # Per-node config, fresh from the distribution on every start (the node
  # writes its keystore there); customise with MACULA_ES_OPTS instead.
  rm -rf "$ES_NODE/config"
  cp -R "$ES_DIST/config" "$ES_NODE/config"
  rm -rf "${ES_NODE:?}/tmp"/*
  if [[ -n $ES_USER ]]; then
    if [[ -n $(find "$ES_NODE" ! -user "$ES_USER" -print -quit) ]]; then
      chown -R "$ES_USER:" "$ES_NODE"
    fi
    "${ES_RUNAS[@]}" test -x "$ES_DIST/bin/elasticsearch" -a -w "$ES_NODE/data" -a -w "$ES_NODE/config" ||
      die "user '$ES_USER' cannot use $ES_BASE (is a parent directory not traversable?); set MACULA_ES_HOME"
  fi
}

# Kills what a failed or aborted start left behind.
es_kill_start() {
  local pid
  if pid=$(es_pidfile_pid); then kill -KILL "$pid" 2>/dev/null || true; fi
  if [[ -n $ES_CLI_PID ]]; then
    kill -KILL -- "-$ES_CLI_PID" 2>/dev/null || kill -KILL "$ES_CLI_PID" 2>/dev/null || true
    wait "$ES_CLI_PID" 2>/dev/null || true
    ES_CLI_PID=
  fi
  rm -f "$ES_PIDFILE"
}

es_show_logs() {
  local f
  for f in "$ES_CONSOLE_LOG" "$ES_NODE/logs/macula.log"; do
    [[ -s $f ]] || continue
    log "----- last lines of $f -----"
    tail -n 30 "$f" >&2 || true
  done
  log "-----"
}

# Starts the node and waits until it is healthy.  Sets ES_STOP_ON_EXIT=1.
es_start_node() {
  local t0=$SECONDS timeout=${MACULA_ES_START_TIMEOUT:-180} heap=${MACULA_ES_HEAP:-512m} es_java rc
  [[ $heap =~ ^[0-9]+[kKmMgG]?$ ]] || die "MACULA_ES_HEAP must look like 512m or 1g, not '$heap'"
  es_java=$(es_java_home)
  local -a settings extra=() cmd=()
  settings=(
    -Ecluster.name=macula
    "-Enode.name=macula-$ES_PORT"
    -Ediscovery.type=single-node
    -Enetwork.host=127.0.0.1
    "-Ehttp.port=$ES_PORT"
    "-Epath.data=$ES_NODE/data"
    "-Epath.logs=$ES_NODE/logs"
    -Ecluster.routing.allocation.disk.threshold_enabled=false
  )
  # The integ-test zip ships the x-pack-security module; left alone it
  # auto-configures TLS and authentication on first start.  The setting is only
  # known when the module is there (unknown settings are fatal).
  [[ -d $ES_DIST/modules/x-pack-security ]] && settings+=(-Expack.security.enabled=false)
  [[ -n ${MACULA_ES_OPTS:-} ]] && read -r -a extra <<<"$MACULA_ES_OPTS"
  command -v setsid >/dev/null 2>&1 && cmd=(setsid)
  cmd+=("${ES_RUNAS[@]}" env -u JAVA_HOME
    "HOME=$ES_NODE"
    "ES_JAVA_HOME=$es_java"
    "ES_JAVA_OPTS=-Xms$heap -Xmx$heap${ES_JAVA_OPTS:+ $ES_JAVA_OPTS}"
    "ES_PATH_CONF=$ES_NODE/config"
    "ES_TMPDIR=$ES_NODE/tmp"
    "$ES_DIST/bin/elasticsearch" -d -p "$ES_PIDFILE" "${settings[@]}" "${extra[@]}")
  rm -f "$ES_PIDFILE"
  log "Elasticsearch $ES_VERSION: starting node on $ES_LOCAL_URL (${ES_USER:+user $ES_USER, }heap $heap, home $ES_BASE)..."
  ES_STOP_ON_EXIT=1
  # Own session so terminal signals do not reach it; output goes to a file so
  # that the daemon does not keep our stdout/stderr open.
  (
    cd "$ES_NODE"
    [[ -z $ES_LOCK_FD ]] || exec {ES_LOCK_FD}>&-
    exec "${cmd[@]}"
  ) >"$ES_CONSOLE_LOG" 2>&1 </dev/null &
  ES_CLI_PID=$!
  while :; do
    if es_healthy "$ES_LOCAL_URL"; then break; fi
    if [[ -n $ES_CLI_PID ]] && ! pid_running "$ES_CLI_PID"; then
      if wait "$ES_CLI_PID"; then rc=0; else rc=$?; fi
      ES_CLI_PID=
      if ((rc != 0)); then
        log "Elasticsearch $ES_VERSION: failed to start (exit status $rc)"
        es_show_logs
        es_kill_start
        ES_STOP_ON_EXIT=0
        exit 1
      fi
    fi
    if ((SECONDS - t0 >= timeout)); then
      log "Elasticsearch $ES_VERSION: not healthy after ${timeout} s"
      es_show_logs
      es_kill_start
      ES_STOP_ON_EXIT=0
      exit 1
    fi
    sleep 1
  done
  if [[ -n $ES_CLI_PID ]]; then
    # The launcher returns once the node is up; do not leave a zombie around.
    local i
    for ((i = 0; i < 20; i++)); do pid_running "$ES_CLI_PID" || break; sleep 0.5; done
    pid_running "$ES_CLI_PID" || wait "$ES_CLI_PID" 2>/dev/null || true
    ES_CLI_PID=
  fi
  log "Elasticsearch $ES_VERSION: started at $ES_LOCAL_URL in $((SECONDS - t0)) s (pid $(es_pidfile_pid || echo '?'))"
}

# Stops the node recorded in our pidfile.  Fails if there is none.
es_stop_node() {
  local pid i
  if ! pid=$(es_pidfile_pid); then
    rm -f "$ES_PIDFILE"
    return 1
  fi
  log "Elasticsearch $ES_VERSION: stopping node on $ES_LOCAL_URL (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 240; i++)); do
    pid_running "$pid" || break
    sleep 0.25
  done
  if pid_running "$pid"; then
    log "Elasticsearch $ES_VERSION: still running after 60 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$ES_PIDFILE"
  log "Elasticsearch $ES_VERSION: stopped"
}

# Makes MACULA_ES_URL point at a healthy node, starting one if needed.
ensure_es() {
  if [[ -n ${MACULA_ES_URL:-} ]]; then
    if es_healthy "$MACULA_ES_URL"; then
      log "Elasticsearch: using MACULA_ES_URL=$MACULA_ES_URL"
    else
      log "Elasticsearch: warning: MACULA_ES_URL=$MACULA_ES_URL does not report a yellow/green /_cluster/health; using it anyway"
    fi
    export MACULA_ES_URL
    return 0
  fi
  es_paths
  if http_get "$ES_LOCAL_URL/_cluster/health" 3 >/dev/null; then
    log "Elasticsearch $ES_VERSION: reusing node at $ES_LOCAL_URL"
    MACULA_ES_URL=$ES_LOCAL_URL
    export MACULA_ES_URL
    return 0
  fi
  es_prepare_dirs
  es_lock
  # Another launcher may have started it while we waited for the lock, or a
  # node we started earlier may still be coming up.
  if http_get "$ES_LOCAL_URL/_cluster/health" 3 >/dev/null; then
    log "Elasticsearch $ES_VERSION: reusing node at $ES_LOCAL_URL"
  elif es_pidfile_pid >/dev/null; then
    local t0=$SECONDS
    log "Elasticsearch $ES_VERSION: waiting for the node starting on $ES_LOCAL_URL..."
    until es_healthy "$ES_LOCAL_URL"; do
      ((SECONDS - t0 < ${MACULA_ES_START_TIMEOUT:-180})) || die "node in $ES_NODE (pid $(es_pidfile_pid || echo '?')) did not become healthy; try ./macula es-stop"
      sleep 1
    done
    log "Elasticsearch $ES_VERSION: reusing node at $ES_LOCAL_URL"
  else
    if port_open 127.0.0.1 "$ES_PORT"; then
      die "port $ES_PORT is in use but does not answer GET /_cluster/health; set MACULA_ES_PORT or MACULA_ES_URL"
    fi
    ensure_es_user
    es_runas
    es_provision
    es_prepare_node
    es_start_node
  fi
  es_unlock
  MACULA_ES_URL=$ES_LOCAL_URL
  export MACULA_ES_URL
}

# Stops the node this launcher started (test, run, chaos, bench), also when it fails or is interrupted.
es_on_exit() {
  if ((ES_STOP_ON_EXIT)); then
    ES_STOP_ON_EXIT=0
    if [[ -n $ES_CLI_PID ]]; then
      es_kill_start
    else
      es_stop_node || true
    fi
  fi
}
