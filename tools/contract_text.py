"""The prose of docs/obligations.md and docs/data-format.md; tools/gen_contract_docs.py adds
the lists the code holds. Edit the words here, then run the generator."""

OBLIGATIONS_INTRO = """\
# Obligations

What the campaign's work plan requires, as rules that `hxay check` evaluates at an as-of
date. The kinds of rule are code (hxay/rules: one definition per obligation beside its
evaluator); their parameters live in `campaign.yaml`, so another city or another year reuses
hxay by editing YAML. The source is the 2012 Pinghu work plan 《平湖市"护校安园"专项行动工作方案》
(issued 2012-04-24; the campaign ran 2012-03-01 to 2012-11-30).

Where the plan gives no number (定期 "regularly", 及时 "promptly", which days count as term
time), the default is hxay's reading: the tables below mark those parameters "confirm
locally", and `hxay init` writes them with that mark.

This file is generated (`python tools/gen_contract_docs.py`): the catalogue and the parameter
tables come from the registry, the words around them from tools/contract_text.py.

## Words

- **D**: the as-of date (`--as-of`, default today in the campaign's timezone).
- **Record date** of each kind: `date` (inspection, vehicle_check, vehicle_status,
  legal_visit, training, education, meeting, operation, case), `found` (hazard), `submitted`
  (submission); units, schools and vehicles have none. A record exists at D when its record
  date is on or before D. The other event dates (`rectified`, `reviewed`,
  `reported_to_government`, `solved`, `end`) count as absent at D when they are later than D.
  Validity dates (`deadline`, `*_valid_until`) are read as written.
- **Open school** on a day: `opened` absent or on or before it, and `closed` absent or after
  it. **Active vehicle**: the same with `registered` and `retired`. **Suspended** on a day:
  the vehicle's latest `vehicle_status` dated on or before that day says `suspended`.
- **Periods** are clipped to the campaign, and a period that does not overlap it does not
  exist. Labels: `campaign` for the whole campaign; months `YYYY-MM`; quarters `YYYY-Qn`;
  terms by their name; half-months `YYYY-MM-1` (1st-15th) and `YYYY-MM-2` (16th-end).
- **Term month**: a calendar month with at least `min_term_days` days inside a term and
  inside the campaign (Pinghu 2012: March to June and September to November).
- **from**: the rules with dated periods make an instance for a period only when its due
  date (before any shift) is on or after `from` (default `issued`); so March 2012
  inspections and the first quarter's meeting and briefing, due before the plan existed,
  are not owed.
- **Instance**: one obligation for one subject and one period. It exists at D once it has
  begun (begins on or before D) and its subject qualifies on the reference day (the period's
  end or D, whichever is earlier; D for instances without a period).
- **Due**: the last day on which fulfilling it is on time; days are calendar days.
- **Evidence date** e: the day the instance became satisfied, from records that exist at D
  and are dated on or after the day it began (a summary sent in June does not satisfy the
  campaign summary, which begins in November). For count rules, e is the date of the
  `min`-th qualifying record in date order; for one-shot rules, the earliest.
- **Status** at D: `met` when e exists and is on or before the due date; `late` when e is
  after it; `overdue` when there is no e and D is past the due date; `due` when there is no e
  yet and D is on or before the due date.
- **Static rules** (`liaison`, `legal_vice_principal`, `vehicle_registration`, and
  `hazard_assignment` when the names are recorded) test fields that carry no date: present
  is `met` with no evidence date; they are never `late`.
- **Responsible unit of a hazard**: the `unit` of its source inspection or vehicle check;
  else, for a hazard on a vehicle, the traffic brigade; else the station of its school.
- **Unit parameters**: the rules owned by one unit (the traffic brigade, the campaign
  office) take `unit`; by default the only unit of that type (a missing security brigade
  falls back to the only city PSB). None or several, with no `unit` set, is a campaign error
  naming the obligation.
- **School types**: every rule whose subject is a school takes `school_types`.
- **Hazards in scope**: found on or before the campaign's end. For a hazard found before
  `issued`, `within_days` counts from `issued`.

## Due shift

`due_shift: next_workday` moves the due dates of `serious_hazard_list`, `gov_briefing`,
`stats_form`, `monthly_work` and `campaign_summary` to the next working day of mainland
China when they fall on a weekend or public holiday (make-up working days, 调休, are working
days), from the chinesecalendar library; a due date in a year it does not cover is a campaign
error. `from` compares against the date before the shift. With the Pinghu dates:
2012-06-02 -> 06-04, 06-17 -> 06-18, 09-02 -> 09-03, 09-23 -> 09-24, 10-02 -> 10-08,
11-17 -> 11-19, 12-02 -> 12-03.
"""

OBLIGATIONS_OUTRO = """\
## A finding

```json
{"obligation": "monthly_inspection", "status": "overdue",
 "unit": "ps-danghu", "subject": "sch-dh-01", "period": "2012-06",
 "due": "2012-06-30", "evidence": null,
 "message": "2012-06 辖区派出所检查记录不足 (0/1),已逾期 3 天(期限 2012-06-30)",
 "refs": ["schools.yaml:12"]}
```

`obligation`, `status`, `unit`, `subject` and `period` are codes and labels, never
translated; only `message` follows `--lang`. `due` is the due date after any shift;
`evidence` is e, or null. `refs` lists the subject's record first, then the records that give
e (for count rules the first `min` in date order), as `path:line` (path relative to the data
folder with `/`, the line of the record's first key), ordered by date, path and line.
"""

DATA_FORMAT = """\
# Data format

The data folder is the single source of truth: people edit it by hand, in a git repository,
often with a Chinese input method. hxay reads it; only `hxay new --to`, `hxay import --to`
and `hxay init` write into it, and they only create or append. A file that follows these
rules loads; a file that breaks them is refused with a message naming the file, the line and
the fix.

This file is generated (`python tools/gen_contract_docs.py`): the tables of campaign keys,
codes, references and diagnostics come from the code; every field of every record kind is in
[records.md](records.md), generated from the models the loader validates with.

## The folder

- Which folder: `--data DIR`, else `$HXAY_DATA`, else `./data` when it holds a
  `campaign.yaml`, else the nearest of the current folder and its parents that holds one
  (so hxay runs from `records/2012-09/` where people edit). Otherwise a clear error, exit 2.
- `campaign.yaml` at the root holds the campaign, its terms and the obligations' parameters
  (below). Every other `*.yaml` / `*.yml` file below the folder holds records; names and
  sub-folders are the user's choice (one file per station and month is the suggested
  layout, so stations never edit the same file). Names starting with `.` or `_` are skipped
  (`.git`, caches, `_drafts`, editor temporary files). A root `campaign.yml` is an error
  asking to rename it. Links are followed only when they resolve inside the folder. A folder
  or file hxay cannot read (permissions, a link loop, a name too long) is an `E-read` error
  at that path, never a silent skip: a form built without some files would count too little.
- Files are UTF-8 (a byte-order mark is allowed). GBK (Notepad, WPS) or UTF-16 is refused
  with a message that says so and how to convert it; nothing is decoded by guessing.
- A file is a YAML stream; each document is a list of records or one record. Empty files
  and documents are fine. A mapping whose keys all start with `x_` is ignored: a place for
  anchors used with `<<:`.

## YAML as hxay reads it

- Safe YAML only: a tag that would construct objects (`!!python/...`, any unknown `!tag`)
  is an error.
- The same key twice in a mapping is an error naming both lines (plain YAML keeps the last
  silently). A key that overrides one brought in by `<<: *base` is fine.
- Anchors, aliases and merge keys are allowed; aliases expanding past 100,000 nodes are
  refused; the same record used twice through an alias is an error (it would count twice).
- An empty value, `~` or `null` means absent, for every field. To store the text "null",
  quote it.
- Text keeps the exact source text: `phone: 0573-85012345`, `id: 007`, `name: NO`,
  `plate: 1e5` stay text.
- Dates: {date_forms}, quoted or not, full-width digits allowed. A time part or an
  impossible date (`2012-02-30`) is an error. `--as-of`, `--month` and the dates in
  campaign.yaml accept the same spellings.
- Yes/no: {true_words} for yes and {false_words} for no, in any case.
- Counts: whole numbers >= 0 in ASCII or full-width digits, quoted or not (`12人` is an
  error whose hint drops the unit word).
- Codes may be written as the code or as the Chinese label beside it (table below); output
  always uses the code.
- Input-method mistakes get their own messages: a full-width colon after a key (`date：`),
  tabs or full-width spaces in indentation. YAML syntax errors (`E-yaml`) are told in the
  output language at the line and column where the mistake is, not where the parser gave
  up, with the fix: a missing space after a colon (at the colon), an unclosed quote or
  bracket (at the opening one), a line whose indentation fits nothing above it (with the
  column it should start at), a `- ` item among a record's fields, a key in a list without
  `- `, text after a closed value, a control character pasted in; never past the end of
  the file.
- Lists of free text (`inspectors`, `departments`, `drivers` of a vehicle check) written as
  one value, or with items holding `，` `、` `；`, are split with a warning naming the line.
  Lists of ids (`schools`, `stations`, `to`) accept a single id; separators inside an id are
  an error that shows the `[a, b]` form.

## Records

Every record is a mapping with `kind`. Fields every kind has: `id` (required where the kind
says so; letters including Chinese, digits, `-`, `_`, `.`; not `-` alone; case-sensitive;
unique across the whole folder, all kinds together), `note` (text) and any `x_*` field (kept
and ignored: the user's own extensions). Any other unknown field is an error suggesting the
nearest known one (`deadlne` -> `deadline`), inside nested mappings too. The kinds and every
field: [records.md](records.md).

An inspection or vehicle check may list the hazards it found under `hazards:`; each item is a
hazard (`kind` may be left out) whose `found` defaults to the parent's date (an earlier
`found` is an error), whose `school` or `vehicle` defaults to the parent's, and whose
`source` is the parent.

### Codes and their labels

{enumerations}

### References

A reference must name an existing record of the right kind and type:

{references}

## campaign.yaml

{campaign_keys}

`obligations` maps obligation ids to their parameters ([obligations.md](obligations.md));
an id left out runs with its defaults, `enabled: false` turns one off, an unknown id or
parameter is an error. `forms.stats` lists the statistics form's indicators in order
(`{{measure: ID, label: TEXT}}`: an unknown or repeated measure is an error).

## Errors, warnings and what is left out

Every problem is a diagnostic with a path (relative to the data folder, `/` separators), a
1-based line and column, a stable code and a message with the fix. Errors isolate per record:
a record with an error is left out, and so, transitively, is every record referencing it (an
inline hazard's error leaves out only that hazard); for a duplicate id every record carrying
it is left out; a file that cannot be decoded or parsed is left out whole, and so is a file
with more than 50 problems (with a line saying how many more). Warnings never leave anything
out.

{diagnostics}
"""
