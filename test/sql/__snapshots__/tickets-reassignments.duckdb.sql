-- xla sql --dialect duckdb: reassignments.mean
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Team" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_full_match(trim(CAST("Reassignments" AS VARCHAR)), '^[+-]?([0-9]+([.]0*)?|[.]0+)$') THEN CAST(TRY_CAST(trim(CAST("Reassignments" AS VARCHAR)) AS DECIMAL(38, 6)) AS DECIMAL(38, 0)) END AS "n_reassignment_count"
  FROM "support"."tickets"
),
answers AS (
  SELECT
    "segment_1",
    CASE WHEN "n_reassignment_count" BETWEEN 0 AND 9007199254740991 AND "n_reassignment_count" = FLOOR("n_reassignment_count") THEN "n_reassignment_count" END AS "v_reassignment_count"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  COUNT("v_reassignment_count") AS "reassignments_mean__n",
  CAST(SUM("v_reassignment_count") AS VARCHAR) AS "reassignments_mean__sum",
  CAST(SUM("v_reassignment_count" * "v_reassignment_count") AS VARCHAR) AS "reassignments_mean__squares"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
