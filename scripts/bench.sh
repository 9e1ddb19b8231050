# Shared by the benchmark scripts (source it): arithmetic without bc, the median of numbers on stdin,
# and viewers with tokens (bench_viewers).
calc() { awk "BEGIN { print $1 }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Registers and logs in COUNT viewers PREFIX-1.. straight at auth-service (AUTH; nginx would rightly
# limit this many logins from one address) and writes their access tokens to FILE, one per line.
bench_viewers() { # PREFIX COUNT FILE
  local prefix=$1 count=$2 file=$3 i
  : >"$file"
  for i in $(seq 1 "$count"); do
    curl -s -o /dev/null -X POST "$AUTH/api/v1/auth/register" -H 'Content-Type: application/json' \
      -d "{\"login\":\"$prefix-$i\",\"password\":\"bench-password-$i\"}"
    curl -fsS -X POST "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.78.$((i / 250)).$((i % 250 + 1))" \
      -d "{\"login\":\"$prefix-$i\",\"password\":\"bench-password-$i\"}" \
      | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4 >>"$file"
  done
  [ "$(wc -l <"$file")" -eq "$count" ] || { echo "could not get $count tokens" >&2; return 1; }
}
