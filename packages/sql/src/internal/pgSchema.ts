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
 * Appends a batch: for each append (its events the next `counts[i]` entries of `ids` and `types`,
 * and of the JSON arrays `data` and `metadata`) checks the expected version (`-1` any, `-2` no
 * stream, `-3` stream exists, else exact) and that none of its event ids is stored, then places
 * its events after the head, or answers `refused` and writes nothing of it. The head row stays
 * locked until COMMIT: the call runs in autocommit, so that is the end of this function.
 * `lock_timeout` bounds the wait for the head.
 *
 * `data` and `metadata` arrive as one JSON array each, the events' texts joined as they are: no
 * array literal to escape on the client or to unescape here, and each element is stored as the
 * text it was given (`json` keeps it; the elements of a `json` array are taken as their text).
 *
 * The statements are the same few whatever the batch's size: one reads the stored version of
 * every stream the batch names, one finds which of the batch's event ids are stored (one index
 * scan for all), one inserts every placed event. In between, a loop over the appends decides each
 * with plain expressions: the state of a stream named more than once is kept at its first
 * append's index, so a later append on it sees what the earlier ones left; a placed append keeps
 * only where its positions and versions start, and the insert computes each event's from there,
 * reading the events' arrays side by side (`ROWS FROM`, no join).
 * Two appends of one batch that both pass their checks with the same event id make the insert
 * fail on its unique key, and nothing of the batch is written: the caller then sends each append
 * alone. The insert must write exactly the events placed (arrays of other lengths than the ids
 * leave a row without a value, which its column refuses), else the call fails and writes nothing.
 * Each statement's plan does not depend on the arrays' sizes (index lookups per element), so the
 * cached generic plans stay flat as the log grows.
 *
 * A batch of one append (one writer appending after another, the common case) takes a shorter
 * way with the same checks and answers: the stream's version by one index lookup, one probe for
 * stored ids, the insert straight from the arrays, and none of the per-append arrays.
 */
export const createAppendFunction = `CREATE OR REPLACE FUNCTION kemitraan_append(
  p_streams text[],
  p_expected bigint[],
  p_counts integer[],
  p_recorded_at timestamptz[],
  p_ids text[],
  p_types text[],
  p_data json,
  p_metadata json,
  p_lock_timeout text
) RETURNS TABLE (status text, version integer, last_position bigint)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $fn$
DECLARE
  v_head bigint;
  v_appends integer := coalesce(cardinality(p_streams), 0);
  v_version integer[];
  v_last_position bigint[];
  v_stored text[];
  v_position_base bigint[];
  v_version_base integer[];
  v_append_of integer[] := '{}';
  v_stream integer;
  v_current integer;
  v_start integer := 1;
  v_n integer;
  v_expected bigint;
  v_placed integer := 0;
  v_inserted integer;
  v_last bigint;
BEGIN
  PERFORM set_config('lock_timeout', p_lock_timeout, true);
  IF v_appends = 1 THEN
    -- One append (one writer's, or a batch of one): the same checks and insert, without the arrays
    -- that keep several appends' states apart. One update locks the head and takes the append's
    -- positions; a refused append gives them back.
    v_n := p_counts[1];
    IF v_n IS NULL OR v_n < 0 THEN
      RAISE EXCEPTION 'kemitraan_append got the count %', v_n USING ERRCODE = '22023';
    END IF;
    UPDATE log_head SET position = position + v_n RETURNING position - v_n INTO v_head;
    SELECT e.stream_version, e.position INTO v_current, v_last FROM events e
      WHERE e.stream_id = p_streams[1] ORDER BY e.stream_version DESC LIMIT 1;
    v_current := coalesce(v_current, 0);
    v_last := coalesce(v_last, 0);
    v_expected := p_expected[1];
    status := 'refused';
    version := v_current;
    last_position := v_last;
    IF NOT (v_expected = -1 OR (v_expected = -2 AND v_current = 0) OR (v_expected = -3 AND v_current > 0)
            OR v_expected = v_current) THEN
      IF v_n > 0 THEN
        UPDATE log_head SET position = v_head;
      END IF;
      RETURN NEXT;
      RETURN;
    END IF;
    -- A count, not EXISTS: a generic plan for EXISTS may scan the table for its first row.
    SELECT count(*) INTO v_inserted FROM events e WHERE e.event_id = ANY (p_ids[1 : v_n]);
    IF v_inserted > 0 THEN
      UPDATE log_head SET position = v_head;
      RETURN NEXT;
      RETURN;
    END IF;
    status := 'appended';
    IF v_n = 0 THEN
      RETURN NEXT;
      RETURN;
    END IF;
    INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
      SELECT v_head + x.o, p_streams[1], v_current + x.o, x.id, x.t, x.d, x.m, p_recorded_at[1]
      FROM ROWS FROM (unnest(p_ids), unnest(p_types), json_array_elements(p_data), json_array_elements(p_metadata))
           WITH ORDINALITY AS x(id, t, d, m, o);
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted <> v_n THEN
      RAISE EXCEPTION 'kemitraan_append placed % events but the arrays gave %', v_n, v_inserted
        USING ERRCODE = '22023';
    END IF;
    v_head := v_head + v_n;
    PERFORM pg_notify('kemitraan_' || current_schema(), v_head::text);
    version := v_current + v_n;
    last_position := v_head;
    RETURN NEXT;
    RETURN;
  END IF;
  SELECT h.position INTO v_head FROM log_head h FOR UPDATE;
  IF v_appends = 0 THEN
    RETURN;
  END IF;
  SELECT array_agg(coalesce(l.stream_version, 0) ORDER BY a.i), array_agg(coalesce(l.position, 0) ORDER BY a.i)
    INTO v_version, v_last_position
    FROM unnest(p_streams) WITH ORDINALITY AS a(s, i)
    LEFT JOIN LATERAL (SELECT e.stream_version, e.position FROM events e
                        WHERE e.stream_id = a.s ORDER BY e.stream_version DESC LIMIT 1) l ON true;
  SELECT array_agg(e.event_id) INTO v_stored FROM events e WHERE e.event_id = ANY (p_ids);
  v_position_base := array_fill(NULL::bigint, ARRAY[v_appends]);
  v_version_base := array_fill(NULL::integer, ARRAY[v_appends]);
  FOR i IN 1 .. v_appends LOOP
    v_n := p_counts[i];
    v_expected := p_expected[i];
    v_stream := array_position(p_streams, p_streams[i]);
    v_append_of := v_append_of || array_fill(i, ARRAY[v_n]);
    v_current := v_version[v_stream];
    IF NOT (v_expected = -1 OR (v_expected = -2 AND v_current = 0) OR (v_expected = -3 AND v_current > 0)
            OR v_expected = v_current) THEN
      status := 'refused';
    ELSIF v_n = 0 THEN
      status := 'appended';
    ELSIF v_stored IS NOT NULL AND p_ids[v_start : v_start + v_n - 1] && v_stored THEN
      status := 'refused';
    ELSE
      v_position_base[i] := v_head - v_start + 1;
      v_version_base[i] := v_current - v_start + 1;
      v_head := v_head + v_n;
      v_placed := v_placed + v_n;
      v_version[v_stream] := v_current + v_n;
      v_last_position[v_stream] := v_head;
      status := 'appended';
    END IF;
    version := v_version[v_stream];
    last_position := v_last_position[v_stream];
    RETURN NEXT;
    v_start := v_start + v_n;
  END LOOP;
  IF v_placed > 0 THEN
    INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
      SELECT v_position_base[x.a] + x.o, p_streams[x.a], v_version_base[x.a] + x.o, x.id, x.t, x.d, x.m,
             p_recorded_at[x.a]
      FROM ROWS FROM (unnest(v_append_of), unnest(p_ids), unnest(p_types), json_array_elements(p_data),
                      json_array_elements(p_metadata)) WITH ORDINALITY AS x(a, id, t, d, m, o)
      -- A row past the ids (an array longer than they) has no append: it goes in, and fails.
      WHERE x.a IS NULL OR v_position_base[x.a] IS NOT NULL;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted <> v_placed THEN
      RAISE EXCEPTION 'kemitraan_append placed % events but the arrays gave %', v_placed, v_inserted
        USING ERRCODE = '22023';
    END IF;
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
