-- xla sql --dialect postgres: reassignments.mean
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))), '') AS "segment_1",
    CASE WHEN btrim(CAST("Reassignments" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) ~ '^[+-]?([0-9]+([.]0*)?|[.]0+)$' THEN CAST(btrim(CAST("Reassignments" AS TEXT), (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288) || chr(65279))) AS NUMERIC) END AS "n_reassignment_count"
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
  CAST(SUM("v_reassignment_count") AS TEXT) AS "reassignments_mean__sum",
  CAST(SUM("v_reassignment_count" * "v_reassignment_count") AS TEXT) AS "reassignments_mean__squares"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
