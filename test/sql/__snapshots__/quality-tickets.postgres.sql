-- xla sql --dialect postgres: data.completeness, data.validity, data.duplicates
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT)), '') AS "segment_1",
    CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    btrim(CAST("Ticket" AS TEXT)) AS "qt_id",
    btrim(CAST("Created" AS TEXT)) AS "qt_created_at",
    CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^(0[1-9]|[1-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS "qm_created_at",
    btrim(CAST("Resolved" AS TEXT)) AS "qt_resolved_at",
    CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^(0[1-9]|[1-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS "qm_resolved_at",
    btrim(CAST("Reopened" AS TEXT)) AS "qt_reopened",
    btrim(CAST("CSAT" AS TEXT)) AS "qt_satisfaction",
    btrim(CAST("Ticket" AS TEXT)) AS "q_id"
  FROM "support"."tickets"
),
answers AS (
  SELECT
    "segment_1",
    "period_unread",
    CASE WHEN ("qt_id" IS NULL OR "qt_id" = '' OR lower("qt_id") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN (NOT left("qt_id", 1) || right("qt_id", 1) ~ '[ \u0009\u000a\u000b\u000c\u000d\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]') THEN 'a' ELSE 'x' END AS "qc_id",
    "qt_id",
    CASE WHEN ("qt_created_at" IS NULL OR "qt_created_at" = '' OR lower("qt_created_at") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN ("qm_created_at" IS NOT NULL) THEN 'a' ELSE 'x' END AS "qc_created_at",
    "qt_created_at",
    CASE WHEN ("qt_resolved_at" IS NULL OR "qt_resolved_at" = '' OR lower("qt_resolved_at") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN "qm_resolved_at" < "qm_created_at" THEN 'r' WHEN ("qm_resolved_at" IS NOT NULL) THEN 'a' ELSE 'x' END AS "qc_resolved_at",
    "qt_resolved_at",
    CASE WHEN ("qt_reopened" IS NULL OR "qt_reopened" = '' OR lower("qt_reopened") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN (lower("qt_reopened") IN ('0', '1', 'f', 'false', 'n', 'no', 't', 'true', 'y', 'yes')) THEN 'a' ELSE 'x' END AS "qc_reopened",
    "qt_reopened",
    CASE WHEN ("qt_satisfaction" IS NULL OR "qt_satisfaction" = '' OR lower("qt_satisfaction") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN ("qt_satisfaction" ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND CASE WHEN "qt_satisfaction" ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST("qt_satisfaction" AS NUMERIC) END IS NOT NULL AND CASE WHEN "qt_satisfaction" ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST("qt_satisfaction" AS NUMERIC) END BETWEEN 1 AND 5) THEN 'a' ELSE 'x' END AS "qc_satisfaction",
    "qt_satisfaction",
    "q_id",
    CASE WHEN ("q_id" IS NULL OR "q_id" = '' OR lower("q_id") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 0 ELSE 1 END AS "q_has_id"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  '{' || '"id":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_id" = 'm' THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_id" = 'a' THEN 1 END) AS TEXT) || ']' || ',' || '"created_at":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_created_at" = 'm' THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_created_at" = 'a' THEN 1 END) AS TEXT) || ']' || ',' || '"resolved_at":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_resolved_at" = 'm' THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_resolved_at" = 'a' THEN 1 END) AS TEXT) || ']' || ',' || '"reopened":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_reopened" = 'm' THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_reopened" = 'a' THEN 1 END) AS TEXT) || ']' || ',' || '"satisfaction":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_satisfaction" = 'm' THEN 1 END) AS TEXT) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_satisfaction" = 'a' THEN 1 END) AS TEXT) || ']' || '}' AS "data_fields__counts",
  '{' || '"id":' || COALESCE(CAST(jsonb_agg(jsonb_build_array(CAST("qt_id" AS TEXT))) FILTER (WHERE TRUE AND "qc_id" = 'x') AS TEXT), '[]') || ',' || '"created_at":' || COALESCE(CAST(jsonb_agg(jsonb_build_array(CAST("qt_created_at" AS TEXT))) FILTER (WHERE TRUE AND "qc_created_at" = 'x') AS TEXT), '[]') || ',' || '"resolved_at":' || COALESCE(CAST(jsonb_agg(jsonb_build_array(CAST("qt_resolved_at" AS TEXT))) FILTER (WHERE TRUE AND "qc_resolved_at" = 'x') AS TEXT), '[]') || ',' || '"reopened":' || COALESCE(CAST(jsonb_agg(jsonb_build_array(CAST("qt_reopened" AS TEXT))) FILTER (WHERE TRUE AND "qc_reopened" = 'x') AS TEXT), '[]') || ',' || '"satisfaction":' || COALESCE(CAST(jsonb_agg(jsonb_build_array(CAST("qt_satisfaction" AS TEXT))) FILTER (WHERE TRUE AND "qc_satisfaction" = 'x') AS TEXT), '[]') || '}' AS "data_fields__texts",
  COUNT(*) AS "data_duplicates__rows",
  CAST(jsonb_agg(jsonb_build_array(CAST("q_id" AS TEXT))) FILTER (WHERE "q_has_id" = 1) AS TEXT) AS "data_duplicates__ids"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
