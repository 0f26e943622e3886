#!/usr/bin/env bash
# Start or stop a throw-away Dovecot IMAP server on loopback for the mail tests (the SMTP side is aiosmtpd, run
# by the tests themselves).
#   eval "$(.ci/mail-servers.sh start)"   exports SUPPORTDESK_TEST_IMAP (host:starttls-port:tls-port),
#                                          SUPPORTDESK_TEST_IMAP_USER/_PASSWORD, SUPPORTDESK_TEST_MAIL_CA/_CERT/_KEY
#                                          and MAIL_SERVERS_DIR
#   .ci/mail-servers.sh stop "$MAIL_SERVERS_DIR"
# A private CA and a certificate for 127.0.0.1 are made for the run, so the tests use real TLS. Installs Debian's
# dovecot-imapd when it is missing and we are root. For tests only: the password is in a file in the temp dir.
set -euo pipefail
cmd=${1:-}
dovecot_bin=$(command -v dovecot || echo /usr/sbin/dovecot)

install_dovecot() {
  if [ -x "$dovecot_bin" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # One apt at a time (see test-all.sh); a run that waited finds Dovecot installed by the other.
    flock /tmp/supportdesk-apt.lock sh -c "[ -x '$dovecot_bin' ] || { apt-get update -qq && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd; }" >&2 || true
  fi
  [ -x "$dovecot_bin" ] || { echo "Dovecot not installed: apt-get install -y dovecot-imapd" >&2; exit 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

case "$cmd" in
  start)
    install_dovecot
    dir=$(mktemp -d /tmp/supportdesk-mail.XXXXXX)
    chmod 755 "$dir"
    # A CA and a server certificate for 127.0.0.1 / localhost, valid for a day.
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=SupportDesk test CA" \
      -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.csr" \
      2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' >"$dir/ext.cnf"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 1 \
      -extfile "$dir/ext.cnf" -out "$dir/server.crt" 2>/dev/null
    chmod 644 "$dir/server.key" "$dir/server.crt" "$dir/ca.crt"
    password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
    user=desk
    if [ "$(id -u)" = 0 ]; then
      mail_uid=$(id -u nobody) mail_gid=$(id -g nobody) internal=dovecot login=dovenull
    else
      mail_uid=$(id -u) mail_gid=$(id -g) internal=$(id -un) login=$(id -un)
    fi
    mkdir -p "$dir/home/$user" "$dir/run" "$dir/state"
    [ "$(id -u)" = 0 ] && chown -R "$mail_uid:$mail_gid" "$dir/home"
    printf '%s:{PLAIN}%s::::::\n' "$user" "$password" >"$dir/users"
    chmod 644 "$dir/users"
    starttls_port=$(free_port)
    tls_port=$(free_port)
    cat >"$dir/dovecot.conf" <<EOF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
listen = 127.0.0.1
protocols = imap
default_internal_user = $internal
default_login_user = $login
first_valid_uid = $mail_uid
last_valid_uid = $mail_uid
first_valid_gid = 0
ssl = required
ssl_cert = <$dir/server.crt
ssl_key = <$dir/server.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$dir/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $starttls_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $tls_port
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
EOF
    # The daemon must not hold our stdout: callers read it to the end (eval "$(…)", subprocess pipes).
    if ! "$dovecot_bin" -c "$dir/dovecot.conf" </dev/null >"$dir/start.log" 2>&1; then
      cat "$dir/start.log" >&2
      exit 1
    fi
    # Ready when the TLS port answers.
    for _ in $(seq 1 100); do
      if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $tls_port), 0.2)" 2>/dev/null; then
        break
      fi
      sleep 0.1
    done
    echo "export MAIL_SERVERS_DIR=$dir"
    echo "export SUPPORTDESK_TEST_IMAP=127.0.0.1:$starttls_port:$tls_port"
    echo "export SUPPORTDESK_TEST_IMAP_USER=$user"
    echo "export SUPPORTDESK_TEST_IMAP_PASSWORD=$password"
    echo "export SUPPORTDESK_TEST_MAIL_CA=$dir/ca.crt"
    echo "export SUPPORTDESK_TEST_MAIL_CERT=$dir/server.crt"
    echo "export SUPPORTDESK_TEST_MAIL_KEY=$dir/server.key"
    ;;
  stop)
    dir=${2:?servers dir}
    if [ -f "$dir/dovecot.conf" ]; then "$dovecot_bin" -c "$dir/dovecot.conf" stop 2>/dev/null || true; fi
    for _ in $(seq 1 50); do [ -e "$dir/run/master.pid" ] || break; sleep 0.1; done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
