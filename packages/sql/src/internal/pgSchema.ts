/**
 * The store's own tables on PostgreSQL, and the append function: one round trip per batch of
 * appends, the log's head row locked until COMMIT so that positions commit in order and a reader
 * paging `position > p` can never skip one (see docs/decisions on the PostgreSQL log).
 */

/**
 * The log. `data` and `metadata` are `json`, not `jsonb`: `json` keeps the text as given, which the
 * idempotent-retry check compares; `jsonb` would reorder keys.
 */
export const createEvents = `CREATE TABLE IF NOT EXISTS events (
  position bigint PRIMARY KEY CHECK (position >= 1),
  stream_id text NOT NULL CHECK (stream_id <> ''),
  stream_version integer NOT NULL CHECK (stream_version >= 1),
  event_id text NOT NULL UNIQUE CHECK (event_id <> ''),
  type text NOT NULL CHECK (type <> ''),
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream_id, stream_version)
)`

/** The log's head: one row, locked by every append until it commits. */
export const createHead = [
  `CREATE TABLE IF NOT EXISTS log_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  position bigint NOT NULL CHECK (position >= 0)
)`,
  "INSERT INTO log_head (one, position) SELECT true, coalesce(max(position), 0) FROM events ON CONFLICT DO NOTHING"
]

export const createCheckpoints = `CREATE TABLE IF NOT EXISTS checkpoints (
  name text PRIMARY KEY CHECK (name <> ''),
  version integer NOT NULL,
  position bigint NOT NULL CHECK (position >= 0),
  updated_at timestamptz NOT NULL
)`

/** What `kemitraan_append` answers for each append of a batch. */
export const appendStatuses = ["appended", "refused"] as const

/**
 * Appends a batch: for each append (its events the next `counts[i]` entries of the event arrays)
 * checks the expected version (`-1` any, `-2` no stream, `-3` stream exists, else exact) and that
 * none of its event ids is stored, then places its events after the head, or answers `refused`
 * and writes nothing of it. The head row stays locked until COMMIT: the call runs in autocommit,
 * so that is the end of this function. `lock_timeout` bounds the wait for the head.
 *
 * The statements are the same few whatever the batch's size: one reads the stored version of
 * every stream the batch names (an append on a stream named earlier in the batch takes the version
 * the earlier one left), one finds which event ids are stored, one inserts every placed event.
 * The decisions in between are plain expressions on arrays. Two appends of one batch that both
 * pass their checks with the same event id make the insert fail on its unique key, and nothing of
 * the batch is written: the caller then sends each append alone. Each statement's plan does not
 * depend on the arrays' sizes (index lookups per element), so the cached generic plans stay flat
 * as the log grows.
 */
export const createAppendFunction = `CREATE OR REPLACE FUNCTION kemitraan_append(
  p_streams text[],
  p_expected bigint[],
  p_counts integer[],
  p_recorded_at timestamptz[],
  p_ids text[],
  p_types text[],
  p_data text[],
  p_metadata text[],
  p_lock_timeout text
) RETURNS TABLE (status text, version integer, last_position bigint)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $fn$
DECLARE
  v_head bigint;
  v_appends integer := coalesce(cardinality(p_streams), 0);
  v_stored integer[];
  v_stored_last bigint[];
  v_previous integer[];
  v_hit boolean[];
  v_after integer[];
  v_after_last bigint[];
  v_position bigint[];
  v_version integer[];
  v_append integer[];
  v_current integer;
  v_last bigint;
  v_start integer := 1;
  v_end integer;
  v_n integer;
  v_expected bigint;
  v_wrote boolean := false;
BEGIN
  PERFORM set_config('lock_timeout', p_lock_timeout, true);
  SELECT h.position INTO v_head FROM log_head h FOR UPDATE;
  IF v_appends = 0 THEN
    RETURN;
  END IF;
  SELECT array_agg(CASE WHEN a.previous IS NULL THEN coalesce((SELECT e.stream_version FROM events e
                     WHERE e.stream_id = a.s ORDER BY e.stream_version DESC LIMIT 1), 0) END ORDER BY a.i),
         array_agg(CASE WHEN a.previous IS NULL THEN coalesce((SELECT e.position FROM events e
                     WHERE e.stream_id = a.s ORDER BY e.stream_version DESC LIMIT 1), 0) END ORDER BY a.i),
         array_agg(a.previous ORDER BY a.i)
    INTO v_stored, v_stored_last, v_previous
    FROM (SELECT t.s, t.i, lag(t.i::integer) OVER (PARTITION BY t.s ORDER BY t.i) AS previous
            FROM unnest(p_streams) WITH ORDINALITY AS t(s, i)) a;
  SELECT array_agg(EXISTS (SELECT 1 FROM events e WHERE e.event_id = u.id) ORDER BY u.o) INTO v_hit
    FROM unnest(p_ids) WITH ORDINALITY AS u(id, o);
  v_after := array_fill(0, ARRAY[v_appends]);
  v_after_last := array_fill(0::bigint, ARRAY[v_appends]);
  v_position := array_fill(NULL::bigint, ARRAY[coalesce(cardinality(p_ids), 0)]);
  v_version := array_fill(NULL::integer, ARRAY[coalesce(cardinality(p_ids), 0)]);
  v_append := array_fill(NULL::integer, ARRAY[coalesce(cardinality(p_ids), 0)]);
  FOR i IN 1 .. v_appends LOOP
    v_n := p_counts[i];
    v_end := v_start + v_n - 1;
    v_expected := p_expected[i];
    IF v_previous[i] IS NULL THEN
      v_current := v_stored[i];
      v_last := v_stored_last[i];
    ELSE
      v_current := v_after[v_previous[i]];
      v_last := v_after_last[v_previous[i]];
    END IF;
    IF NOT (v_expected = -1 OR (v_expected = -2 AND v_current = 0) OR (v_expected = -3 AND v_current > 0)
            OR v_expected = v_current) THEN
      status := 'refused';
    ELSIF v_n = 0 THEN
      status := 'appended';
    ELSIF true = ANY (v_hit[v_start:v_end]) THEN
      status := 'refused';
    ELSE
      FOR k IN 1 .. v_n LOOP
        v_position[v_start + k - 1] := v_head + k;
        v_version[v_start + k - 1] := v_current + k;
        v_append[v_start + k - 1] := i;
      END LOOP;
      v_head := v_head + v_n;
      v_current := v_current + v_n;
      v_last := v_head;
      v_wrote := true;
      status := 'appended';
    END IF;
    v_after[i] := v_current;
    v_after_last[i] := v_last;
    version := v_current;
    last_position := v_last;
    RETURN NEXT;
    v_start := v_start + v_n;
  END LOOP;
  IF v_wrote THEN
    INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
      SELECT u.p, p_streams[u.a], u.v, u.id, u.t, u.d::json, u.m::json, p_recorded_at[u.a]
      FROM unnest(v_position, v_version, v_append, p_ids, p_types, p_data, p_metadata) AS u(p, v, a, id, t, d, m)
      WHERE u.p IS NOT NULL;
    UPDATE log_head SET position = v_head;
    PERFORM pg_notify('kemitraan_' || current_schema(), v_head::text);
  END IF;
END
$fn$`

/** The channel on which each commit of appends is announced (the payload: the new head position). */
export const notifyChannel = (schema: string): string => `kemitraan_${schema}`

/** The migrations table as `@effect/sql`'s migrator makes it, created beforehand so that its probe never fails inside our transaction. */
export const createMigrationsTable = (table: string) => `CREATE TABLE IF NOT EXISTS ${table} (
  migration_id integer primary key,
  created_at timestamp with time zone not null default now(),
  name text not null
)`
