#!/bin/sh
# CLI tests: exit codes, formats, errors on stdout and stderr, limits.
# usage: sh tests/tools/cli_test.sh build/repay
set -u
REPAY=${1:-build/repay}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_status WANT CMD...: runs CMD, output to $TMP/out and $TMP/err
expect_status() {
    want=$1
    shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "exit $got, wanted $want: $*"; sed 's/^/  | /' "$TMP/err" | head -5; fi
}
# expect_out TEXT: stdout of the last command contains TEXT
expect_out() {
    if grep -qF -- "$1" "$TMP/out"; then ok; else bad "stdout lacks: $1"; head -5 "$TMP/out" | sed 's/^/  | /'; fi
}
expect_err() {
    if grep -qF -- "$1" "$TMP/err"; then ok; else bad "stderr lacks: $1"; sed 's/^/  | /' "$TMP/err" | head -5; fi
}
expect_lines() {
    n=$(wc -l <"$1")
    if [ "$n" -eq "$2" ]; then ok; else bad "$1 has $n lines, wanted $2"; fi
}

MORTGAGE=examples/mortgage.json

# --help, --version, usage errors
expect_status 0 "$REPAY" --help
expect_out "usage: repay"
expect_status 0 "$REPAY" --version
expect_out "repay "
# repay schema PART: an op, its response, the error response, a value; refuses other names
expect_status 0 "$REPAY" schema error_response
expect_out '"$ref": "#/$defs/error_response"'
expect_status 0 "$REPAY" schema statement_response
expect_out '"$ref": "#/$defs/error_response"'
expect_status 2 "$REPAY" schema foo_response
expect_err 'no schema "foo_response"'
expect_status 2 "$REPAY"
expect_status 2 "$REPAY" frobnicate
expect_err "unknown command"
expect_status 2 "$REPAY" schedule --format xml "$MORTGAGE"
expect_err "--format takes json, table, csv, letter or letter-html"
expect_status 2 "$REPAY" schedule --bogus "$MORTGAGE"
expect_status 2 "$REPAY" schedule "$MORTGAGE" "$MORTGAGE"
expect_status 2 "$REPAY" schedule "$TMP/does-not-exist.json"
expect_err "does-not-exist.json"

# DOMAIN.md's mortgage: 5,307.27 a month, last payment 5,305.19
expect_status 0 "$REPAY" schedule "$MORTGAGE"
expect_out '"payment": "5307.27"'
expect_out '"last_payment": "5305.19"'
expect_out '"interest": "910615.12"'
expect_status 0 sh -c "\"$REPAY\" schedule < $MORTGAGE"
expect_out '"payment": "5307.27"'
expect_status 0 sh -c "\"$REPAY\" schedule - < $MORTGAGE"
expect_out '"payment": "5307.27"'
expect_status 0 "$REPAY" run "$MORTGAGE"
expect_out '"op": "schedule"'

# table: a header line, one row per installment, a total
expect_status 0 "$REPAY" schedule --format table "$MORTGAGE"
expect_out "annuity (等额本息), 360 installments, rate 4.9% a year, principal 1000000.00, payment 5307.27"
expect_out "  360  2054-01-15     5305.19     5283.62      21.57  0.00       0.00"
expect_out "total              1910615.12  1000000.00  910615.12  0.00"
expect_lines "$TMP/out" 363
expect_status 0 "$REPAY" schedule --format=table "$MORTGAGE"

# csv: a header and one row per installment
expect_status 0 "$REPAY" schedule --format csv "$MORTGAGE"
expect_out "n,due_date,payment,principal,interest,fee,balance"
expect_out "1,2024-02-15,5307.27,1223.94,4083.33,0.00,998776.06"
expect_out "360,2054-01-15,5305.19,5283.62,21.57,0.00,0.00"
expect_lines "$TMP/out" 361
# "show": ["rate"] adds the rate column last (4.9% is 0.049); an LPR loan always has it:
# 1y LPR 3.45% (fixing 2024-01-22) + 50 bp = 0.0395, repriced on 2024-08-01 from the
# 2024-07-22 fixing 3.35% + 50 bp = 0.0385 (installment 7, due 2024-09-01, is the first at it)
sed 's/^{/{"show": ["rate"], /' "$MORTGAGE" >"$TMP/show-rate.json"
expect_status 0 "$REPAY" schedule --format csv "$TMP/show-rate.json"
expect_out "n,due_date,payment,principal,interest,fee,balance,rate"
expect_out "1,2024-02-15,5307.27,1223.94,4083.33,0.00,998776.06,0.049"
# the rate exactly as given, as JSON writes it (28 places)
printf '{"show": ["rate"], "loan": {"principal": "1000", "rate": "0.0435123456789012345678912345", "term": 2}}' >"$TMP/fine-rate.json"
expect_status 0 "$REPAY" schedule --format csv "$TMP/fine-rate.json"
expect_out ",0.0435123456789012345678912345"
printf '%s' '{"loan": {"principal": "500000", "rate": {"lpr": "1y", "spread_bp": 50, "repricing": "months",
  "repricing_months": 3, "fixings": [{"date": "2024-01-22", "one_year": "3.45%"},
  {"date": "2024-07-22", "one_year": "3.35%"}]}, "term": 12, "start_date": "2024-02-01"}}' >"$TMP/lpr.json"
expect_status 0 "$REPAY" schedule --format csv "$TMP/lpr.json"
expect_out ",0.00,459082.30,0.0395"
grep '^[1-6],.*,0\.0395$' "$TMP/out" >"$TMP/first-rate"
expect_lines "$TMP/first-rate" 6
grep -E '^([7-9]|1[0-2]),.*,0\.0385$' "$TMP/out" >"$TMP/second-rate"
expect_lines "$TMP/second-rate" 6
expect_status 0 "$REPAY" schedule --format table "$TMP/lpr.json"
expect_out "balance    rate"

# bad input: exit 2, the error as JSON on stdout, one line on stderr
printf '{"loan": {"principal": "1000", "rate": "abc", "term": 12}}' >"$TMP/bad-rate.json"
expect_status 2 "$REPAY" schedule "$TMP/bad-rate.json"
expect_out '"ok": false'
expect_out '"code": "invalid_value", "path": "$.loan.rate"'
expect_err 'repay: $.loan.rate: invalid_value:'
expect_lines "$TMP/err" 1
expect_status 2 "$REPAY" schedule --format csv "$TMP/bad-rate.json"
expect_out '"code": "invalid_value"'

printf '{"loan": {"principal": "1000", ' >"$TMP/truncated.json"
expect_status 2 "$REPAY" schedule "$TMP/truncated.json"
expect_out '"code": "invalid_json"'
expect_err 'malformed JSON at line 1'

printf '{"loan": {"principal": "1000", "rate": "5%%", "term": 100000}}' >"$TMP/term.json"
expect_status 2 "$REPAY" schedule "$TMP/term.json"
expect_out '"path": "$.loan.term"'

expect_status 2 "$REPAY" run "$TMP/bad-rate.json"
expect_out '"code": "missing_field", "path": "$.op"'

# a 50 MB request is refused after reading 1 MiB, not held in memory
expect_status 2 sh -c "head -c 50000000 /dev/zero | tr '\\0' ' ' | \"$REPAY\" schedule"
expect_out '"code": "too_large"'

# statement: DOMAIN.md's 30-days-late example
OVERDUE=examples/overdue.json
expect_status 0 "$REPAY" statement "$OVERDUE"
expect_out '"op": "statement"'
expect_out '"zh": "第1期罚息：逾期本金 1223.94 × 年利率 7.35% ÷ 360 × 30天（2024-02-16至2024-03-16） = 7.50"'
expect_out '"amount": "25.01"'
expect_status 0 "$REPAY" statement --format table "$OVERDUE"
expect_out "Statement as of 2024-03-16: 1 day past due (M1, 关注 special_mention)"
expect_out "Installment 1 compound interest: overdue interest 4083.33 × 7.35% a year ÷ 360 × 30 days (2024-02-16 to 2024-03-16) = 25.01"
expect_status 0 "$REPAY" statement --format csv "$OVERDUE"
expect_out "n,kind,due_date,status,days_past_due,due_principal,due_interest,due_penalty_interest"
expect_out "1,installment,2024-02-15,paid_late,30,1223.94,4083.33,7.50,25.01,0.00,0.00,1223.94,4083.33,7.50,25.01,0.00,0.00,0.00"
expect_lines "$TMP/out" 361
expect_status 0 "$REPAY" run "$OVERDUE"
expect_status 2 "$REPAY" schedule "$OVERDUE"
expect_out '"path": "$.op"'
sed 's/"type": "payment"/"type": "refund"/' "$OVERDUE" >"$TMP/refund.json"
expect_status 2 "$REPAY" statement "$TMP/refund.json"
expect_out '"code": "invalid_value", "path": "$.events[0].type"'
sed 's/"2024-03-16", "amount"/"2023-03-16", "amount"/' "$OVERDUE" >"$TMP/early.json"
expect_status 2 "$REPAY" statement "$TMP/early.json"
expect_out '"path": "$.events[0].date"'

# yield: DOMAIN.md's card installment is 13.03% by IRR
printf '{"loan": {"principal": "10000", "rate": {"monthly": "0.6%%"}, "term": 12, "method": "flat", "flat_charge": "fee"}}' >"$TMP/card.json"
expect_status 0 "$REPAY" yield "$TMP/card.json"
expect_out '"apr": "0.130341828342"'
expect_out '"simple_rate": "0.072"'
expect_status 0 "$REPAY" yield --format table "$TMP/card.json"
expect_out 'apr: 0.130341828342'
expect_status 0 "$REPAY" yield --format csv "$TMP/card.json"
expect_out 'field,value'
printf '{"cash_flows": ["10000", "-11000"], "periods_per_year": 1, "caps": {"rule": "private_lending", "contract_date": "2024-01-01"}}' >"$TMP/caps.json"
expect_status 0 "$REPAY" yield "$TMP/caps.json"
expect_out '"cap": "0.138"'
printf '{"checked_through": "2031-01-01", "fixings": [{"date": "2020-01-01", "one_year": "5%%"}]}' >"$TMP/lpr.json"
expect_status 0 "$REPAY" yield --lpr "$TMP/lpr.json" "$TMP/caps.json"
expect_out '"cap": "0.2"'
expect_status 0 env REPAY_LPR="$TMP/lpr.json" "$REPAY" yield "$TMP/caps.json"
expect_out '"cap": "0.2"'
expect_status 2 "$REPAY" yield --lpr "$TMP/none.json" "$TMP/caps.json"
printf '{"cash_flows": ["1", "2"]}' >"$TMP/noroot.json"
expect_status 0 "$REPAY" yield "$TMP/noroot.json"
expect_out '"code": "no_root"'

# restructure, compare, solve on a borrower five days late with installment 6
cat >"$TMP/case.json" <<'JSON'
{"date": "2024-07-20",
 "loan": {"principal": "12000", "rate": "12%", "term": 12, "start_date": "2024-01-15"},
 "events": [{"type": "payment", "date": "2024-02-15", "amount": "1066.19"},
            {"type": "payment", "date": "2024-03-15", "amount": "1066.19"},
            {"type": "payment", "date": "2024-04-15", "amount": "1066.19"},
            {"type": "payment", "date": "2024-05-15", "amount": "1066.19"},
            {"type": "payment", "date": "2024-06-15", "amount": "1066.19"}],
JSON
{ cat "$TMP/case.json"; echo ' "actions": [{"type": "settle", "discount": "20%"}]}'; } >"$TMP/settle.json"
expect_status 0 "$REPAY" restructure "$TMP/settle.json"
expect_out '"total_to_pay": "5806.28"'
expect_out '"waived": {"principal": "1367.20", "interest": "81.70", "penalty_interest": "2.49", "compound_interest": "0.18", "late_fees": "0.00", "fees": "0.00", "total": "1451.57"}'
expect_status 0 "$REPAY" restructure --format table "$TMP/settle.json"
expect_out "claim on the date                   7257.85"
expect_out "Restructured on 2024-07-20: one payment of 5806.28 due on the date"
{ cat "$TMP/case.json"; echo ' "actions": [{"type": "freeze", "installments": 61}]}'; } >"$TMP/freeze61.json"
expect_status 0 "$REPAY" restructure "$TMP/freeze61.json"
expect_out '"code": "over_60_installments"'
expect_out 'flagged by analogy'
{ cat "$TMP/case.json"; echo ' "actions": [{"type": "freeze", "installments": 61, "card": true}]}'; } >"$TMP/card61.json"
expect_status 2 "$REPAY" restructure "$TMP/card61.json"
expect_out '信用卡业务监督管理办法》 Art. 70'
expect_status 0 "$REPAY" restructure --format csv "$TMP/settle.json"
expect_out "n,due_date,payment,principal,interest,fee,arrears,balance"
{ cat "$TMP/case.json"; echo ' "actions": [{"type": "extend", "periods": 13, "strict": true}]}'; } >"$TMP/art12.json"
expect_status 2 "$REPAY" restructure "$TMP/art12.json"
expect_out '"path": "$.actions[0]"'
expect_err "Art. 12"
{ cat "$TMP/case.json"; echo ' "proposals": [{"name": "extend 6", "actions": [{"type": "extend", "periods": 6}, {"type": "reamortize"}]}, {"name": "freeze 24", "actions": [{"type": "freeze", "installments": 24}]}, {"name": "too late", "actions": [{"type": "rate", "rate": "5%", "from": "2020-01-01"}]}]}'; } >"$TMP/compare.json"
expect_status 0 "$REPAY" compare "$TMP/compare.json"
expect_out '"name": "freeze 24"'
expect_out '"ok": false'
expect_status 0 "$REPAY" compare --format table "$TMP/compare.json"
expect_out "proposal"
expect_out "too late"
expect_out "error in too late: invalid_value: a new rate cannot start before the restructure date ($.proposals[2].actions[0].from)"
expect_status 0 "$REPAY" compare --format csv "$TMP/compare.json"
expect_out ',recovery,error'
expect_out '"invalid_value: a new rate cannot start before the restructure date ($.proposals[2].actions[0].from)"'
{ cat "$TMP/case.json"; echo ' "goal": {"type": "smallest_waiver", "capacity": "500", "term": 12}}'; } >"$TMP/solve.json"
expect_status 0 "$REPAY" solve "$TMP/solve.json"
expect_out '"answer": {"waiver": "1258.07", "largest_payment": "500.00"}'
expect_out '"next_better_fails": {"waiver": "1258.06", "largest_payment": "500.01"}'
{ cat "$TMP/case.json"; echo ' "goal": {"type": "shortest_term", "capacity": "0"}}'; } >"$TMP/solve0.json"
expect_status 2 "$REPAY" solve "$TMP/solve0.json"
expect_out '"path": "$.goal.capacity"'

# check: pass, fail (exit 1, with the field path), malformed (exit 2)
mkdir -p "$TMP/cases/sub"
cat >"$TMP/cases/sub/good.json" <<'JSON'
{"name": "mortgage", "source": "DOMAIN.md worked example",
 "request": {"op": "schedule", "loan": {"principal": "1000000.00", "rate": "4.9%", "term": 360}},
 "expected": {"ok": true, "installments": {"[0]": {"payment": "5307.27"}, "[-1]": {"payment": "5305.19"}}}}
JSON
expect_status 0 "$REPAY" check "$TMP/cases"
expect_out "1 passed, 0 failed"
sed 's/5305.19/5305.20/' "$TMP/cases/sub/good.json" >"$TMP/cases/wrong.json"
expect_status 1 "$REPAY" check "$TMP/cases"
expect_out 'FAIL  '
expect_out '$.installments[359].payment: expected "5305.20", got "5305.19"'
expect_out "1 passed, 1 failed"
printf '{"name": "x", "source": "y", "request": {}}' >"$TMP/cases/broken.json"
expect_status 2 "$REPAY" check "$TMP/cases/broken.json"
expect_out 'missing_field'
expect_status 2 "$REPAY" check

# fixture files holding many cases: an array, and JSON Lines (one case a line)
mkdir -p "$TMP/many"
cat >"$TMP/many/cases.json" <<'JSON'
[{"name": "a", "source": "DOMAIN.md", "request": {"op": "schedule", "loan": {"principal": "1000000.00", "rate": "4.9%", "term": 360}},
  "expected": {"summary": {"payment": "5307.27"}}},
 {"name": "b", "source": "DOMAIN.md", "request": {"op": "schedule", "loan": {"principal": "1000000.00", "rate": "4.9%", "term": 360}},
  "expected": {"summary": {"payment": "5307.28"}}}]
JSON
printf '%s\n' '{"name": "c", "source": "DOMAIN.md", "request": {"op": "schedule", "loan": {"principal": "1000000.00", "rate": "4.9%", "term": 360}}, "expected": {"totals": {"interest": "910615.12"}}}' \
    '' '{"name": "d", "source": "DOMAIN.md", "request": {"op": "schedule", "loan": {"principal": "100000000000000.01", "rate": "4.9%", "term": 1}}, "expected": {"summary": {"principal": 100000000000000.01}}}' >"$TMP/many/lines.jsonl"
expect_status 1 "$REPAY" check "$TMP/many"
expect_out "3 passed, 1 failed"
expect_out "cases.json[1]"
expect_out '$.summary.payment: expected "5307.28", got "5307.27"'
printf '{"name": "x"}\nnot json\n' >"$TMP/many/bad.jsonl"
expect_status 2 "$REPAY" check "$TMP/many/bad.jsonl"
expect_out "line 2"

# a fixture file over 1 MiB is refused as such, never cut and read as malformed
python3 -c "
import json
line = json.dumps({'name': 'x', 'source': 'by hand', 'request': {'op': 'schedule', 'loan': {'principal': '1000', 'rate': '12%', 'term': 2}}, 'expected': {'summary': {'payment': '507.51'}}})
open('$TMP/big.jsonl', 'w').write((line + '\\n') * ((1 << 20) // len(line) + 10))"
expect_status 2 "$REPAY" check "$TMP/big.jsonl"
expect_out "over 1 MiB"

# record --keep: the skeleton's expected cut to the fields named
expect_status 0 "$REPAY" record --keep 'summary.payment,installments[0].interest,installments[-1].payment' "$MORTGAGE"
expect_out '"summary": {"payment": "5307.27"}'
expect_out '"[-1]": {"payment": "5305.19"}'
expect_status 2 "$REPAY" record --keep 'summary.paymnet' "$MORTGAGE"
expect_err "the response has no summary.paymnet"
expect_status 2 "$REPAY" schedule --keep summary "$MORTGAGE"

# import: a bank's export (thousands separators, 2024/2/15 dates, a total
# row) as a fixture's expected installments, which then checks
cat >"$TMP/export.csv" <<'CSV'
期数,还款日,月供,本金,利息,剩余本金,备注
1,2024/2/15,"5,307.27","1,223.94","4,083.33","998,776.06",
2,2024/3/15,"5,307.27","1,228.94","4,078.33","997,547.12",
合计,,,,,,
CSV
printf '{"op": "schedule", "loan": {"principal": "1000000", "rate": "4.9%%", "term": 360, "start_date": "2024-01-15"}}' >"$TMP/req.json"
expect_status 0 "$REPAY" import --request "$TMP/req.json" --columns '期数=n,还款日=due_date,月供=payment,本金=principal,利息=interest,剩余本金=balance' --name bank "$TMP/export.csv"
expect_out '"balance": 998776.06'
expect_out '"due_date": "2024-03-15"'
expect_err 'skipped row 4'
# two rows of 360: each checks its own installment ("[k]"), and this bank's row 2 is a fen
# off repay's (1,228.94 against 1,228.93: 1,000,000 × 4.9%/12 and the level 5,307.27)
expect_out '"[1]": {"n": 2,'
cp "$TMP/out" "$TMP/bank.json"
expect_status 1 "$REPAY" check "$TMP/bank.json"
expect_out 'installments[1].principal: expected 1228.94, got "1228.93"'
expect_status 2 "$REPAY" import --request "$TMP/req.json" --columns '期数=n,月供=payment' /dev/stdin <<'CSV'
期数,月供
361,5307.27
CSV
expect_err 'installment 361 is not in repay'"'"'s answer (its installments are numbered 1 … 360)'
printf '{"期数": "n", "月供": "payment"}' >"$TMP/map.json"
expect_status 0 "$REPAY" import --request "$TMP/req.json" --columns "$TMP/map.json" "$TMP/export.csv"
expect_out '"payment": 5307.27'
expect_status 2 "$REPAY" import --request "$TMP/req.json" --columns '期数=n,期限=term' "$TMP/export.csv"
expect_err 'no column "期限"'

# CSV input as spreadsheets re-save it: 1,000,000.00 and 2024/1/15 (JSON stays strict)
printf 'id,principal,rate,term,start_date\na,"1,000,000.00",4.9%%,360,2024/1/15\nb,1000,4.9,12,2024/1/15\n' >"$TMP/sheet.csv"
expect_status 0 "$REPAY" batch --from-csv "$TMP/sheet.csv"
expect_out '"payment": "5307.27"'
expect_out '"first_due_date": "2024-02-15"'
expect_out 'reads as 490%'
expect_status 2 sh -c "echo '{\"loan\": {\"principal\": \"1,000\", \"rate\": \"5%\", \"term\": 2}}' | \"$REPAY\" schedule"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
