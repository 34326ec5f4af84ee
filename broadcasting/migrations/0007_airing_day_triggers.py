# ruff: noqa: S608 - SQL built from the constants below only
"""The triggers that keep `broadcasting_airingday` (day × band × campaign ×
advertiser × sector) and `broadcasting_airingbandday` (day × band) equal to the
aggregate of the airings (docs/decisions/0016-airing-day-rollup.md), on SQLite and
PostgreSQL, then both tables filled from the airings already there.

Each airing adds its contribution to the row of its key in each table (its
break's day, its band, …) when inserted, takes it off when deleted, and both
when one of the columns the totals read changes; a row whose airings fall to
zero is deleted. The upserts rely on the unique keys `airing_day_key` and
`airing_band_day_key`."""

from django.db import migrations

AIRING, BREAK = "broadcasting_airing", "broadcasting_break"
DAYS, BAND_DAYS = "broadcasting_airingday", "broadcasting_airingbandday"
KEY = ("day", "band_code", "campaign_id", "advertiser_id", "sector_key")
BAND_KEY = KEY[:2]
TABLES = ((DAYS, KEY), (BAND_DAYS, BAND_KEY))
TOTALS = (
    "airings",
    "planned",
    "aired",
    "missed",
    "cancelled",
    "make_good",
    "delivered",
    "aired_seconds",
)
WATCHED = (
    "break_slot_id",
    "band_code",
    "campaign_id",
    "advertiser_id",
    "sector_id",
    "status",
    "unit_price",
    "length",
    "make_good_of_id",
)


def contribution(row: str) -> tuple[str, ...]:
    """What one airing (`NEW` or `OLD`) adds to each total."""
    status = f"{row}.status"
    return (
        "1",
        f"CASE WHEN {status} = 'planned' THEN 1 ELSE 0 END",
        f"CASE WHEN {status} = 'aired' THEN 1 ELSE 0 END",
        f"CASE WHEN {status} = 'missed' THEN 1 ELSE 0 END",
        f"CASE WHEN {status} = 'cancelled' THEN 1 ELSE 0 END",
        f"CASE WHEN {row}.make_good_of_id IS NOT NULL AND {status} <> 'cancelled' "
        "THEN 1 ELSE 0 END",
        f"CASE WHEN {status} = 'aired' THEN {row}.unit_price ELSE 0 END",
        f"CASE WHEN {status} = 'aired' THEN {row}.length ELSE 0 END",
    )


def key_of(row: str, size: int) -> tuple[str, ...]:
    return (
        f"(SELECT day FROM {BREAK} WHERE id = {row}.break_slot_id)",
        f"{row}.band_code",
        f"{row}.campaign_id",
        f"{row}.advertiser_id",
        f"COALESCE({row}.sector_id, 0)",
    )[:size]


def add(row: str) -> str:
    statements = []
    for table, key in TABLES:
        values = ", ".join((*key_of(row, len(key))[1:], *contribution(row)))
        updates = ", ".join(f"{t} = {table}.{t} + excluded.{t}" for t in TOTALS)
        statements.append(
            f"INSERT INTO {table} ({', '.join((*key, *TOTALS))}) "
            f"SELECT b.day, {values} FROM {BREAK} b WHERE b.id = {row}.break_slot_id "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates};"
        )
    return " ".join(statements)


def take_off(row: str) -> str:
    statements = []
    updates = ", ".join(
        f"{t} = {t} - ({c})" for t, c in zip(TOTALS, contribution(row), strict=True)
    )
    for table, key in TABLES:
        where = " AND ".join(f"{k} = {v}" for k, v in zip(key, key_of(row, len(key)), strict=True))
        statements.append(
            f"UPDATE {table} SET {updates} WHERE {where}; "
            f"DELETE FROM {table} WHERE {where} AND airings <= 0;"
        )
    return " ".join(statements)


SQLITE = [
    f"CREATE TRIGGER airing_day_insert AFTER INSERT ON {AIRING} FOR EACH ROW "
    f"BEGIN {add('NEW')} END;",
    f"CREATE TRIGGER airing_day_delete AFTER DELETE ON {AIRING} FOR EACH ROW "
    f"BEGIN {take_off('OLD')} END;",
    f"CREATE TRIGGER airing_day_update AFTER UPDATE OF {', '.join(WATCHED)} ON {AIRING} "
    f"FOR EACH ROW BEGIN {take_off('OLD')} {add('NEW')} END;",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS airing_day_insert;",
    "DROP TRIGGER IF EXISTS airing_day_delete;",
    "DROP TRIGGER IF EXISTS airing_day_update;",
]
POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION airing_day_sync() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN {take_off("OLD")} END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN {add("NEW")} END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql;""",
    f"CREATE TRIGGER airing_day_sync AFTER INSERT OR DELETE OR UPDATE OF {', '.join(WATCHED)} "
    f"ON {AIRING} FOR EACH ROW EXECUTE FUNCTION airing_day_sync();",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS airing_day_sync ON {AIRING};",
    "DROP FUNCTION IF EXISTS airing_day_sync();",
]
SUMS = f"COUNT(*), {', '.join(f'SUM({c})' for c in contribution('a')[1:])}"
FILL = [
    f"INSERT INTO {DAYS} ({', '.join((*KEY, *TOTALS))}) "
    f"SELECT b.day, a.band_code, a.campaign_id, a.advertiser_id, COALESCE(a.sector_id, 0), {SUMS} "
    f"FROM {AIRING} a JOIN {BREAK} b ON b.id = a.break_slot_id "
    "GROUP BY b.day, a.band_code, a.campaign_id, a.advertiser_id, COALESCE(a.sector_id, 0);",
    f"INSERT INTO {BAND_DAYS} ({', '.join((*BAND_KEY, *TOTALS))}) "
    f"SELECT b.day, a.band_code, {SUMS} FROM {AIRING} a JOIN {BREAK} b ON b.id = a.break_slot_id "
    "GROUP BY b.day, a.band_code;",
]


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL}[vendor])
    _run(schema_editor, [f"DELETE FROM {DAYS};", f"DELETE FROM {BAND_DAYS};", *FILL])


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}[vendor])


class Migration(migrations.Migration):
    dependencies = [("broadcasting", "0006_airing_day")]

    operations = [migrations.RunPython(create, drop)]
